package org.vigil.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.cib.Cib;

/** Reads a CIB's status through the scheduler's unpack stages (no placement, no actions). */
public final class StatusReader {
    private StatusReader() {}

    public static StatusReading read(Cib cib, Instant now) {
        WorkingSet ws = new WorkingSet(cib, now, false, new HistoryPlans(), new ParameterDigests());
        for (Stage s : List.of(new UnpackConfigStage(), new UnpackNodesStage(), new UnpackResourcesStage(),
                new UnpackHistoryStage())) {
            s.run(ws);
        }
        List<StatusReading.NodeInfo> nodes = new ArrayList<>();
        // the DC is named by the CIB's dc-uuid, whether or not its node has a status entry yet
        String dcUuid = cib.attribute("dc-uuid");
        for (SchedNode n : ws.nodes) {
            int running = 0;
            for (PrimitiveRsc p : ws.primitives) {
                if (p.runningOn.contains(n)) {
                    running++;
                }
            }
            // Pacemaker 2.1.5's displays call a node without any status entry unclean while startup fencing
            // applies ("all nodes are unclean until we've seen their status entry")
            boolean unclean = n.unclean || (n.unseen && ws.startupFencing);
            String host = null;
            if (n.isGuest() && n.connection != null && n.connection.container != null) {
                SchedNode h = n.connection.container.currentNode();
                host = h == null ? null : h.uname;
            }
            // a node asked to shut down is no longer expected up (Pacemaker's determine_online_status)
            nodes.add(new StatusReading.NodeInfo(n.uname, n.id, n.online, n.standby, n.maintenance, n.pending,
                    unclean, n.shutdown, n.expectedUp && !n.shutdown,
                    n == ws.dc || (dcUuid != null && dcUuid.equals(n.id)),
                    running, n.isGuest() ? "guest" : n.isRemote() ? "remote" : "cluster", host));
        }
        List<Rsc> top = new ArrayList<>(ws.resources);
        top.sort(Comparator.comparingInt(r -> r.configOrder));
        List<StatusReading.Item> items = new ArrayList<>();
        for (Rsc r : top) {
            items.add(item(ws, r));
        }
        return new StatusReading(ws.properties, ws.stonithEnabled, ws.symmetric, ws.maintenanceMode, nodes, items,
                ws.failedOps);
    }

    private static StatusReading.Item item(WorkingSet ws, Rsc r) {
        List<String> nodes = new ArrayList<>();
        r.runningOn.forEach(n -> nodes.add(n.uname));
        String targetRole = r.meta.get("target-role");
        if (r instanceof PrimitiveRsc p) {
            Role role = p.role;
            if (role == Role.STARTED && p.top().isPromotableClone()) {
                role = Role.UNPROMOTED;
            }
            String pending = null;
            for (NodeHistory h : p.history.values()) {
                if (h.pendingTask != null) {
                    pending = h.pendingTask;
                }
            }
            String description = p.definition == null ? null : p.definition.otherAttributes().get("description");
            return new StatusReading.Item(p.id, "primitive", p.resourceClass, p.provider, p.type, role.text(), nodes,
                    p.failed, p.managed, p.blocked, p.maintenance, p.orphan, p.failureIgnored, targetRole, false,
                    false, pending, description, List.of(), 0, threshold(p), List.of());
        }
        List<StatusReading.Item> kids = new ArrayList<>();
        List<Rsc> children = new ArrayList<>(r.children);
        if (r instanceof CloneRsc) {
            children.sort(Comparator.comparingInt(CloneRsc::instanceNumber));
        }
        for (Rsc c : children) {
            kids.add(item(ws, c));
        }
        List<String> allowed = new ArrayList<>();
        int cloneMax = 0;
        boolean unique = false;
        boolean promotable = false;
        if (r instanceof CloneRsc c) {
            unique = c.unique;
            promotable = c.promotable;
            cloneMax = c.cloneMax;
            for (SchedNode n : ws.nodes) {
                if (ws.symmetric || knownOn(c, n)) {
                    allowed.add(n.uname);
                }
            }
        }
        return new StatusReading.Item(r.id, r instanceof CloneRsc ? "clone" : "group", null, null, null,
                r.role.text(), nodes, r.failed, r.managed, r.blocked, r.maintenance, r.orphan, false, targetRole,
                unique, promotable, null, null, allowed, cloneMax, threshold(r), kids);
    }

    private static int threshold(Rsc r) {
        String v = r.meta.get("migration-threshold");
        int t = v == null ? org.vigil.cib.Score.INFINITY : org.vigil.cib.Score.parseOr(v, org.vigil.cib.Score.INFINITY);
        return Math.max(0, t);
    }

    /** Whether any primitive under {@code r} has history on {@code n} (Pacemaker's known_on). */
    private static boolean knownOn(Rsc r, SchedNode n) {
        List<PrimitiveRsc> prims = new ArrayList<>();
        r.collectPrimitives(prims);
        for (PrimitiveRsc p : prims) {
            if (p.history.containsKey(n)) {
                return true;
            }
        }
        return false;
    }
}
