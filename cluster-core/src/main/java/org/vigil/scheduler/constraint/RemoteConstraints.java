package org.vigil.scheduler.constraint;

import java.util.List;
import org.vigil.cib.Score;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveActions;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;
import org.vigil.scheduler.stage.MonitorsStage;

/**
 * What remote and guest nodes add to placement and ordering: connections (and fencing devices, and guests'
 * containers) never run on remote nodes; a resource runs with its container; every action on a remote node waits
 * for its connection; a guest is "fenced" by a pseudo fencing after its container stops.
 */
public final class RemoteConstraints {
    private RemoteConstraints() {}

    private enum ConnectionState { ALIVE, RESTING, UNKNOWN, STOPPED, FAILED }

    private static boolean haveRemoteNodes(WorkingSet ws) {
        for (SchedNode n : ws.nodes) {
            if (n.isRemote()) {
                return true;
            }
        }
        return false;
    }

    /** Bans and colocations that assignment must see (Pacemaker's internal constraints of primitives). */
    public static void beforeAssignment(WorkingSet ws) {
        boolean remote = haveRemoteNodes(ws);
        for (PrimitiveRsc p : List.copyOf(ws.primitives)) {
            if (remote && (p.isConnection() || p.isStonith())) {
                avoidRemoteNodes(ws, p, p.isConnection() ? "a connection cannot run on a remote node"
                        : "a fencing device cannot run on a remote node");
            }
            if (p.container == null) {
                continue;
            }
            PrimitiveRsc remoteRsc = null;
            if (p.isConnection() && !p.allowRemoteRemotes) {
                // a guest inside a guest is not supported: its container stays on cluster nodes
                avoidRemoteNodes(ws, p.container, "a guest's container cannot run on a remote node");
            } else if (p.isConnection()) {
                remoteRsc = null; // a bundle's container may run on a remote node
            } else if (p.container instanceof PrimitiveRsc c && c.isConnection()) {
                remoteRsc = c;
            } else {
                remoteRsc = guestConnectionOf(ws, p.container);
            }
            if (remoteRsc != null) {
                // container=<remote connection or guest>: the resource runs on that node and nowhere else
                for (SchedNode n : ws.nodes) {
                    if (n.connection != remoteRsc) {
                        p.allowed.set(n.index, Score.MINUS_INFINITY);
                        ws.explain.note(p, n, Score.MINUS_INFINITY, "runs only on " + remoteRsc.remoteNode);
                    }
                }
            } else {
                // a bundle's connection highly prefers its container's node but is placed even without it
                ColocationConstraints.add(ws, "resource-with-container", p, p.container,
                        p.allowRemoteRemotes ? 10000 : Score.INFINITY,
                        Role.UNKNOWN, Role.UNKNOWN, null, "true");
            }
        }
    }

    private static PrimitiveRsc guestConnectionOf(WorkingSet ws, Rsc container) {
        for (SchedNode n : ws.nodes) {
            if (n.isGuest() && n.connection != null && n.connection.container == container) {
                return n.connection;
            }
        }
        return null;
    }

    private static void avoidRemoteNodes(WorkingSet ws, Rsc r, String why) {
        for (SchedNode n : ws.nodes) {
            if (n.isRemote() && r.allowed.has(n.index)) {
                r.allowed.set(n.index, Score.MINUS_INFINITY);
                ws.explain.note(r, n, Score.MINUS_INFINITY, why);
            }
        }
    }

    /** Guest fencing pseudo actions; created once every resource has its actions, before their orderings. */
    public static void fenceGuests(WorkingSet ws) {
        for (SchedNode n : ws.nodes) {
            if (!n.isGuest() || !n.remoteRequiresReset || n.connection == null || !canFenceGuest(ws, n)) {
                continue;
            }
            Rsc container = n.connection.container;
            Action stop = container == null ? null : container.findAction("stop", null);
            boolean restarts = container != null && container.findAction("start", null) != null;
            Action fence = ws.fencing(n, restarts ? "reboot" : "off", false);
            fence.pseudo = true;
            fence.reason = "guest is unclean";
            fence.guestContainer = container == null ? null : container.id;
            ws.fenceActions.put(n, fence);
            // stops and demotes on the guest are implied once the container is down, not once it is back
            if (stop != null && stop.pseudo && ws.fenceActions.get(stop.node) != null) {
                ws.order(ws.fenceActions.get(stop.node), fence, Edge.OPTIONAL | Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
            } else if (stop != null) {
                ws.order(stop, fence, Edge.OPTIONAL | Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
            } else {
                ws.order(n.connection.findAction("stop", null), fence, Edge.OPTIONAL);
            }
        }
    }

    /** A guest can be "fenced" if every node its container runs on is the DC or can be fenced. */
    public static boolean canFenceGuest(WorkingSet ws, SchedNode guest) {
        Rsc container = guest.connection == null ? null : guest.connection.container;
        if (container == null) {
            return true;
        }
        for (SchedNode host : container.runningOn) {
            if (host != ws.dc && !PrimitiveActions.canFence(ws, host)) {
                return false;
            }
        }
        return true;
    }

    /** Orderings of contained resources and of every resource action on a remote or guest node. */
    public static void orderActions(WorkingSet ws) {
        for (PrimitiveRsc p : List.copyOf(ws.primitives)) {
            if (p.container != null && !containerIsNode(ws, p)) {
                for (Action first : startsOf(ws, p.container)) {
                    for (Action then : p.findActions("start")) {
                        ws.order(first, then, Edge.OPTIONAL | Edge.IMPLIES_THEN | Edge.RUNNABLE_LEFT);
                    }
                }
                for (Action first : p.findActions("stop")) {
                    for (Action then : p.container.findActions("stop")) {
                        ws.order(first, then, Edge.OPTIONAL | Edge.IMPLIES_FIRST);
                    }
                }
            }
        }
        if (!haveRemoteNodes(ws)) {
            return;
        }
        for (Action a : List.copyOf(ws.actions)) {
            if (a.rsc == null || a.node == null || !a.node.isRemote() || a.pseudo || a.node.connection == null) {
                continue;
            }
            PrimitiveRsc conn = a.node.connection;
            if (a.task.equals("start")) {
                // a resource moving to a remote node leaves its old node only once the connection is up
                for (Action stop : a.rsc.findActions("stop")) {
                    if (stop.node != a.node) {
                        for (Action start : conn.findActions("start")) {
                            ws.order(start, stop, Edge.OPTIONAL);
                        }
                    }
                }
            }
            if (conn.container != null) {
                guestOrdering(ws, a, conn);
            } else {
                remoteOrdering(ws, a, conn);
            }
        }
        if (!ws.maintenanceMode) {
            fenceUnknown(ws); // probes come after the resource actions
        }
    }

    private static boolean containerIsNode(WorkingSet ws, PrimitiveRsc p) {
        if (p.isConnection()) {
            return false;
        }
        return p.container != null && p.container.isConnection() || guestConnectionOf(ws, p.container) != null;
    }

    private static List<Action> startsOf(WorkingSet ws, Rsc r) {
        List<Action> starts = r.findActions("start");
        if (starts.isEmpty() && !r.isCollective()) {
            return List.of(ws.action(r, "start", null, true)); // never runnable: it has no node
        }
        return starts;
    }

    private static void startThen(WorkingSet ws, PrimitiveRsc conn, Action then, int extra) {
        for (Action start : startsOf(ws, conn)) {
            ws.order(start, then, Edge.OPTIONAL | Edge.RUNNABLE_LEFT | extra);
        }
    }

    private static void thenStop(WorkingSet ws, Action first, PrimitiveRsc conn, int extra) {
        for (Action stop : conn.findActions("stop")) {
            ws.order(first, stop, Edge.OPTIONAL | extra);
        }
    }

    private static String kind(Action a) {
        return switch (a.task) {
            case "migrate_to", "migrate_from" -> "stop";
            default -> a.task;
        };
    }

    private static void guestOrdering(WorkingSet ws, Action a, PrimitiveRsc conn) {
        Rsc container = conn.container;
        if (container.failed) {
            RemoteNodes.fence(ws, a.node, "container failed");
        }
        switch (kind(a)) {
            case "start", "promote", "notify" -> {
                // as Pacemaker: after the container's start, which a restart of the container makes required
                for (Action start : startsOf(ws, container)) {
                    ws.order(start, a, Edge.OPTIONAL | Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
                }
                // and for the guest's connection: its executor is reachable only then
                startThen(ws, conn, a, 0);
            }
            case "stop", "demote" -> {
                if (!container.failed) {
                    thenStop(ws, a, conn, 0);
                }
            }
            default -> startThen(ws, conn, a, 0);
        }
    }

    private static void remoteOrdering(WorkingSet ws, Action a, PrimitiveRsc conn) {
        ConnectionState state = state(a.node);
        switch (kind(a)) {
            case "start", "promote" -> startThen(ws, conn, a, state == ConnectionState.FAILED ? Edge.IMPLIES_THEN : 0);
            case "stop" -> {
                if (state == ConnectionState.ALIVE) {
                    thenStop(ws, a, conn, Edge.IMPLIES_FIRST);
                } else if (state == ConnectionState.FAILED) {
                    // no connection to stop it through: only fencing the node stops it
                    RemoteNodes.fence(ws, a.node, "resources are active but connection is unrecoverable");
                    Action fence = lateFence(ws, a.node);
                    if (fence != null) {
                        a.pseudo = true;
                        a.impliedByFencing = true;
                        ws.order(fence, a, Edge.OPTIONAL | Edge.IMPLIES_THEN);
                    }
                } else if (conn.nextRole == Role.STOPPED) {
                    thenStop(ws, a, conn, Edge.IMPLIES_FIRST);
                } else {
                    startThen(ws, conn, a, 0);
                }
            }
            case "demote" -> {
                if (state == ConnectionState.RESTING || state == ConnectionState.UNKNOWN) {
                    startThen(ws, conn, a, 0);
                }
            }
            default -> startThen(ws, conn, a, 0);
        }
    }

    /** The fencing of a remote node decided while ordering (null if it cannot be fenced). */
    private static Action lateFence(WorkingSet ws, SchedNode node) {
        if (!node.unclean || !PrimitiveActions.canFence(ws, node)) {
            return null;
        }
        Action fence = ws.fenceActions.get(node);
        if (fence == null) {
            fence = ws.fencing(node, ws.fenceKind, false);
            fence.reason = node.fenceReason;
            ws.fenceActions.put(node, fence);
        }
        return fence;
    }

    /**
     * A remote node whose connection cannot be recovered, where some resource's state is unknown (it would be
     * probed): there is no way to find out, so the node is fenced.
     */
    private static void fenceUnknown(WorkingSet ws) {
        for (SchedNode n : ws.nodes) {
            if (!n.isRemote() || n.isGuest() || n.connection == null || n.unclean
                    || state(n) != ConnectionState.FAILED) {
                continue;
            }
            for (PrimitiveRsc p : ws.primitives) {
                if (p.managed && !p.orphan && MonitorsStage.needsProbe(ws, p, n)) {
                    RemoteNodes.fence(ws, n, "resources are in unknown state and connection is unrecoverable");
                    lateFence(ws, n);
                    break;
                }
            }
        }
    }

    /** Pacemaker's get_remote_node_state. */
    private static ConnectionState state(SchedNode node) {
        PrimitiveRsc conn = node.connection;
        SchedNode clusterNode = conn.runningOn.isEmpty() ? null : conn.runningOn.get(0);
        if (conn.nextRole == Role.STOPPED || conn.assignedTo == null) {
            if (clusterNode != null && clusterNode.unclean) {
                return ConnectionState.FAILED;
            }
            if (!conn.failed) {
                return ConnectionState.STOPPED;
            }
            String shutdown = node.attribute("shutdown");
            boolean shutdownRequested = shutdown != null && !shutdown.isBlank() && !shutdown.trim().equals("0");
            if (conn.nextRole == Role.STOPPED && RemoteNodes.reconnectIntervalMs(conn) > 0 && node.remoteWasFenced
                    && !shutdownRequested) {
                return ConnectionState.UNKNOWN;
            }
            return ConnectionState.FAILED;
        }
        if (clusterNode == null) {
            return ConnectionState.UNKNOWN;
        }
        if (clusterNode.unclean || !clusterNode.online) {
            return ConnectionState.RESTING;
        }
        if (conn.runningOn.size() > 1 && conn.partialMigrationSource != null && conn.partialMigrationTarget != null) {
            return ConnectionState.RESTING;
        }
        return ConnectionState.ALIVE;
    }
}
