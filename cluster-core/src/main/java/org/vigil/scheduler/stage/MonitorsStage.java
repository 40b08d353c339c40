package org.vigil.scheduler.stage;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.Op;
import org.vigil.rules.Durations;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.LocationRule;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Completes the graph for execution, after placement and the summary are settled: probes (a one-shot
 * monitor, expecting "not running") wherever the state of a primitive on an online node is unknown, ordered
 * before any start of it; and the configured recurring monitors on the node where a primitive will run,
 * after the action that puts it there, or on their own when none is recorded yet. Summaries never show
 * these, so they change no decision, only what the executor runs. Recurring operations that must stop
 * (maintenance, no longer configured) are cancelled first ({@link RecurringCancels}).
 */
public final class MonitorsStage implements Stage {
    @Override
    public String name() {
        return "monitors";
    }

    @Override
    public void run(WorkingSet ws) {
        RecurringCancels.schedule(ws);
        if (ws.maintenanceMode) {
            return;
        }
        java.util.Map<Rsc, List<LocationRule>> neverDiscover = neverDiscoverRules(ws);
        for (PrimitiveRsc p : ws.primitives) {
            if (!p.managed || p.orphan) {
                continue;
            }
            probes(ws, p, neverDiscover);
            recurring(ws, p);
        }
    }

    /** The {@code resource-discovery=never} locations by the resource they name, looked up per primitive. */
    private static java.util.Map<Rsc, List<LocationRule>> neverDiscoverRules(WorkingSet ws) {
        java.util.Map<Rsc, List<LocationRule>> out = new java.util.HashMap<>();
        for (LocationRule l : ws.locations) {
            if ("never".equals(l.discovery())) {
                out.computeIfAbsent(l.rsc(), k -> new ArrayList<>()).add(l);
            }
        }
        return out;
    }

    private static void probes(WorkingSet ws, PrimitiveRsc p, java.util.Map<Rsc, List<LocationRule>> never) {
        List<Action> starts = required(p, "start");
        for (SchedNode n : ws.nodes) {
            if (!needsProbe(ws, p, n, never)) {
                continue;
            }
            Action probe = ws.action(p, "monitor", n, 0, false);
            Unfencing.beforeProbe(ws, p, probe);
            for (Action start : starts) {
                ws.order(probe, start, Edge.OPTIONAL);
            }
            if (n.isRemote() && n.connection != null) {
                // as Pacemaker's apply_remote_ordering: a probe on a remote or guest node waits for its connection
                // (a guest's connection is restarted with its container: nothing there answers before)
                for (Action connect : n.connection.findActions("start")) {
                    ws.order(connect, probe, Edge.OPTIONAL);
                }
            }
        }
    }

    /** Whether nothing is known of the primitive on the node, and the node could tell. */
    public static boolean needsProbe(WorkingSet ws, PrimitiveRsc p, SchedNode n) {
        return needsProbe(ws, p, n, neverDiscoverRules(ws));
    }

    private static boolean needsProbe(WorkingSet ws, PrimitiveRsc p, SchedNode n,
            java.util.Map<Rsc, List<LocationRule>> never) {
        if (!n.online || n.unclean || n.maintenance || p.history.containsKey(n) || siblingKnows(p, n)
                || neverDiscover(never, p, n)) {
            return false;
        }
        java.util.Set<SchedNode> exclusive = ws.exclusiveDiscovery.get(p);
        if (exclusive != null && !exclusive.contains(n)) {
            return false;
        }
        if (n.bundleReplica && exclusive == null) {
            return false; // only the replica's own instance is ever looked for in a bundle's guest node
        }
        if (n.isGuest() && !guestCanTell(ws, p, n)) {
            return false;
        }
        // remote nodes never run connections or fencing devices, so there is nothing to find out there
        return !(n.isRemote() && (p.isConnection() || p.isStonith()));
    }

    /**
     * As Pacemaker's pcmk__probe_rsc_on_node for a guest node: a guest never runs what contains a guest (its own
     * or another's container), and while its container is stopped, or will stop, nothing can be running there
     * and nothing would answer a probe, so none is sent (the guest's executor is only reachable once its
     * container and connection are up).
     */
    private static boolean guestCanTell(WorkingSet ws, PrimitiveRsc p, SchedNode guest) {
        for (SchedNode n : ws.nodes) {
            if (n.isGuest() && n.connection != null && n.connection.container != null
                    && n.connection.container.top() == p.top()) {
                return false;
            }
        }
        Rsc container = guest.connection == null ? null : guest.connection.container;
        if (container == null) {
            return true;
        }
        if (container.role == Role.STOPPED) {
            return false;
        }
        boolean moving = container.role.above(Role.STOPPED) && container.assignedTo != null
                && !container.runningOn.contains(container.assignedTo);
        return !(guest.remoteRequiresReset || guest.unclean || container.failed
                || container.nextRole == Role.STOPPED || moving);
    }

    /**
     * Instances of an anonymous clone are interchangeable: one probe result on a node answers for all of
     * them there, whichever instance the history was mapped to.
     */
    private static boolean siblingKnows(PrimitiveRsc p, SchedNode n) {
        if (p.parent == null || !p.parent.isAnonymousClone()) {
            return false;
        }
        for (Rsc sibling : p.parent.children) {
            if (sibling instanceof PrimitiveRsc s && s.history.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean neverDiscover(java.util.Map<Rsc, List<LocationRule>> never, PrimitiveRsc p, SchedNode n) {
        if (never.isEmpty()) {
            return false;
        }
        for (Rsc r : new Rsc[] {p, p.parent, p.top()}) {
            for (LocationRule l : r == null ? List.<LocationRule>of() : never.getOrDefault(r, List.of())) {
                if (l.scores().containsKey(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void recurring(WorkingSet ws, PrimitiveRsc p) {
        SchedNode n = p.assignedTo;
        if (n == null || !n.online || n.unclean || n.maintenance || p.nextRole == Role.STOPPED
                || p.nextRole == Role.UNKNOWN) {
            return;
        }
        List<Action> arriving = new ArrayList<>();
        for (String task : List.of("start", "promote", "demote", "migrate_from")) {
            for (Action a : required(p, task)) {
                if (a.node == n) {
                    if (!a.runnable) {
                        return;
                    }
                    arriving.add(a);
                }
            }
        }
        Action reload = reload(ws, p, n);
        if (reload != null) {
            arriving.add(reload);
        }
        NodeHistory h = p.history.get(n);
        for (Op op : p.ops) {
            long interval = Durations.parseIntervalMs(op.interval());
            if (!"monitor".equals(op.name()) || interval <= 0 || "false".equalsIgnoreCase(op.attribute("enabled"))
                    || !roleMatches(op.attribute("role"), p.nextRole)) {
                continue;
            }
            if (arriving.isEmpty() && h != null && recorded(h, interval)) {
                continue;
            }
            Action monitor = ws.action(p, "monitor", n, interval, false);
            for (Action a : arriving) {
                ws.order(a, monitor, Edge.OPTIONAL);
            }
        }
    }

    /**
     * Pacemaker's reload-agent: only reloadable parameters changed and nothing else restarts the primitive,
     * so its agent re-reads them in place; the executor records a successful reload as a start with the new
     * parameters' digests, and the recurring monitors run again after it.
     */
    private static Action reload(WorkingSet ws, PrimitiveRsc p, SchedNode n) {
        if (!p.reloadNeeded || !p.runningOn.contains(n)) {
            return null;
        }
        Action stop = p.findAction("stop", n);
        Action start = p.findAction("start", n);
        if (stop != null && !stop.optional || start != null && !start.optional) {
            return null;
        }
        return ws.action(p, "reload-agent", n, false);
    }

    private static boolean recorded(NodeHistory h, long interval) {
        for (LrmRscOp op : h.activeRecurring) {
            if (op.intervalMs() == interval) {
                return true;
            }
        }
        return false;
    }

    /** A monitor without a role watches any non-promoted instance; Master/Promoted ones the promoted one. */
    private static boolean roleMatches(String role, Role next) {
        boolean promotedOp = "Master".equals(role) || "Promoted".equals(role);
        if (role == null || role.equals("Started")) {
            return next != Role.PROMOTED;
        }
        if (role.equals("Slave") || role.equals("Unpromoted")) {
            return next == Role.UNPROMOTED || next == Role.STARTED;
        }
        return promotedOp && next == Role.PROMOTED;
    }

    private static List<Action> required(PrimitiveRsc p, String task) {
        List<Action> out = new ArrayList<>();
        for (Action a : p.findActions(task)) {
            if (!a.optional) {
                out.add(a);
            }
        }
        return out;
    }
}
