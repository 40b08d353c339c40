package org.vigil.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.scheduler.constraint.TicketStage;
import org.vigil.scheduler.history.HistoryPlans;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.history.ParameterDigests;
import org.vigil.scheduler.history.UnpackHistoryStage;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.node.UnpackNodesStage;
import org.vigil.scheduler.resource.BundleRsc;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;
import org.vigil.scheduler.resource.UnpackResourcesStage;
import org.vigil.scheduler.stage.UnpackConfigStage;

/** Reads a CIB's status through the scheduler's unpack stages (no placement, no actions). */
public final class StatusReader {
    private StatusReader() {}

    public static StatusReading read(Cib cib, Instant now) {
        return read(cib, now, false);
    }

    /**
     * @param tickets also apply the tickets' loss policies (a lost ticket with loss-policy=fence marks the nodes
     *     its resources run on unclean, freeze blocks them), as Pacemaker's crm_mon does when it unpacks the
     *     constraints to show bans or tickets
     */
    public static StatusReading read(Cib cib, Instant now, boolean tickets) {
        WorkingSet ws = new WorkingSet(cib, now, false, new HistoryPlans(), new ParameterDigests());
        List<Stage> stages = new ArrayList<>(List.of(new UnpackConfigStage(), new UnpackNodesStage(),
                new UnpackResourcesStage(), new UnpackHistoryStage()));
        for (Stage s : stages) {
            s.run(ws);
        }
        java.util.Set<String> frozen = new java.util.HashSet<>();
        if (tickets) {
            List<PrimitiveRsc> blockedBefore = ws.primitives.stream().filter(p -> p.blocked).toList();
            new TicketStage().run(ws);
            for (PrimitiveRsc p : ws.primitives) {
                if (p.blocked && !blockedBefore.contains(p)) {
                    frozen.add(p.id);
                }
            }
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
            // standby and maintenance are read with a node's status entry: a node never seen has neither
            // (Pacemaker's determine_online_status), whatever its configured attributes say
            boolean standby = n.standby && !n.unseen;
            boolean maintenance = n.maintenance && !n.unseen;
            String host = null;
            String container = null;
            if (n.isGuest() && n.connection != null && n.connection.container != null) {
                SchedNode h = n.connection.container.currentNode();
                host = h == null ? null : h.uname;
                container = n.connection.container.id;
            }
            // a node asked to shut down is no longer expected up (Pacemaker's determine_online_status); the
            // displays show the request on an offline node too, where the scheduler has nothing left to stop
            String shutdownAttr = n.attribute("shutdown");
            boolean shutdown = n.shutdown || shutdownAttr != null && !shutdownAttr.isBlank()
                    && !shutdownAttr.trim().equals("0");
            nodes.add(new StatusReading.NodeInfo(n.uname, n.id, n.online, standby, maintenance, n.pending,
                    n.unclean, shutdown, n.expectedUp && !shutdown,
                    n == ws.dc || (dcUuid != null && dcUuid.equals(n.id)),
                    running, n.isGuest() ? "guest" : n.isRemote() ? "remote" : "cluster", host, container,
                    n.attributes));
        }
        List<Rsc> top = new ArrayList<>(ws.resources);
        // Pacemaker's unpack_resources sorts the top-level resources by priority, highest first (a stable sort:
        // equal priorities stay in configuration order), and its displays list them so
        top.sort(Comparator.comparingInt((Rsc r) -> -displayPriority(r)).thenComparingInt(r -> r.configOrder));
        List<StatusReading.Item> items = new ArrayList<>();
        for (Rsc r : top) {
            if (r instanceof CloneRsc c && c.bundle != null) {
                continue; // a bundle's clone is read within the bundle, one instance per replica
            }
            items.add(item(ws, r));
        }
        return new StatusReading(ws.properties, ws.stonithEnabled, ws.symmetric, ws.maintenanceMode, nodes, items,
                ws.failedOps, frozen);
    }

    private static StatusReading.Item item(WorkingSet ws, Rsc r) {
        List<String> nodes = new ArrayList<>();
        r.runningOn.forEach(n -> nodes.add(n.uname));
        String targetRole = r.meta.get("target-role");
        if (targetRole != null && targetRole.trim().equalsIgnoreCase("#default")) {
            targetRole = null; // Pacemaker's "#default": as if unset
        }
        if (r instanceof PrimitiveRsc p) {
            Role role = p.role;
            if (role == Role.STARTED && p.top().isPromotableClone()) {
                role = Role.UNPROMOTED;
            }
            // the first operation found in flight, and where (Pacemaker's pending_task and pending_node)
            String pending = null;
            String pendingNode = null;
            for (NodeHistory h : p.history.values()) {
                if (h.pendingTask != null && pending == null) {
                    pending = h.pendingTask;
                    pendingNode = h.node.uname;
                }
            }
            String description = p.definition == null ? null : p.definition.otherAttributes().get("description");
            return new StatusReading.Item(p.id, "primitive", p.resourceClass, p.provider, p.type, role.text(), nodes,
                    p.failed || !p.demoteOnFailure.isEmpty(), p.managed, p.blocked, p.maintenance, p.orphan,
                    p.failureIgnored, targetRole, false, false, pending, pendingNode,
                    p.shutdownLockNode == null ? null : p.shutdownLockNode.uname, description, List.of(), 0,
                    threshold(p), List.of(), null);
        }
        if (r instanceof BundleRsc b) {
            return bundle(ws, b, targetRole);
        }
        List<StatusReading.Item> kids = new ArrayList<>();
        List<Rsc> children = new ArrayList<>(r.children);
        if (r.isClone()) {
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
            promotable = c.isPromotableClone();
            cloneMax = c.cloneMax;
            for (SchedNode n : ws.nodes) {
                if (ws.symmetric && !bundleNodeBefore(ws, n, c) || knownOn(c, n)) {
                    allowed.add(n.uname);
                }
            }
        }
        return new StatusReading.Item(r.id, r.isClone() ? "clone" : "group", null, null, null,
                r.role.text(), nodes, r.failed, r.managed, r.blocked, r.maintenance, r.orphan, false, targetRole,
                unique, promotable, null, null, null, null, allowed, cloneMax, threshold(r), kids, null);
    }

    /** A bundle: per replica its address, the bundle clone's instance, the container and the connection. */
    private static StatusReading.Item bundle(WorkingSet ws, BundleRsc b, String targetRole) {
        org.vigil.cib.Bundle def = ws.bundles.get(b.id);
        List<org.vigil.cib.BundleReplica> defs = def == null ? List.of() : org.vigil.cib.BundleReplica.of(def);
        List<StatusReading.Replica> replicas = new ArrayList<>();
        List<StatusReading.Item> parts = new ArrayList<>();
        for (BundleRsc.Replica r : b.replicas) {
            Rsc inner = b.clone == null || r.index() >= b.clone.children.size() ? null
                    : b.clone.children.get(r.index());
            StatusReading.Replica replica = new StatusReading.Replica(r.index(),
                    r.index() < defs.size() ? defs.get(r.index()).address() : null,
                    r.ip() == null ? null : item(ws, r.ip()), inner == null ? null : item(ws, inner),
                    item(ws, r.container()), r.connection() == null ? null : item(ws, r.connection()));
            replicas.add(replica);
            for (StatusReading.Item part : java.util.Arrays.asList(replica.ip(), replica.child(), replica.container(),
                    replica.remote())) {
                if (part != null) {
                    parts.add(part);
                }
            }
        }
        StatusReading.Bundle info = new StatusReading.Bundle(def == null ? null : def.runtime().kind(),
                def == null ? null : def.runtime().image(), b.replicasPerHost > 1, replicas);
        return new StatusReading.Item(b.id, "bundle", null, null, null, b.role.text(), List.of(), b.failed,
                b.managed, b.blocked, b.maintenance, b.orphan, false, targetRole, info.unique(),
                false, null, null, null, null, List.of(), 0, threshold(b), parts,
                info);
    }

    /** The priority meta attribute read as Pacemaker's char2score does: a leading integer ("2.0" is 2). */
    static int displayPriority(Rsc r) {
        String v = r.meta.get("priority");
        if (v == null) {
            return 0;
        }
        java.util.OptionalInt exact = org.vigil.cib.Score.parse(v);
        if (exact.isPresent()) {
            return exact.getAsInt();
        }
        java.util.regex.Matcher m = LEADING_INT.matcher(v);
        return m.lookingAt() ? org.vigil.cib.Score.parseOr(m.group(), 0) : 0;
    }

    private static final java.util.regex.Pattern LEADING_INT = java.util.regex.Pattern.compile("\\s*[+-]?\\d+");

    private static int threshold(Rsc r) {
        String v = r.meta.get("migration-threshold");
        int t = v == null ? org.vigil.cib.Score.INFINITY : org.vigil.cib.Score.parseOr(v, org.vigil.cib.Score.INFINITY);
        return Math.max(0, t);
    }

    /**
     * A bundle's guest node never runs discovery once its bundle is unpacked, and a symmetric cluster's default
     * score skips such a node: only a resource unpacked before the bundle, when the nodes section names the node,
     * has it among its allowed nodes.
     */
    private static boolean bundleNodeBefore(WorkingSet ws, SchedNode n, Rsc r) {
        if (!n.isGuest() || !n.bundleReplica) {
            return false;
        }
        return UnpackResourcesStage.madeByBundle(ws, n) || n.connection == null || n.connection.parent == null
                || n.connection.parent.configOrder < r.configOrder;
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
