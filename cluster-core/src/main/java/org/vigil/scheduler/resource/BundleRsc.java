package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Score;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;

/**
 * A bundle (Pacemaker's pe_container variant): per replica a container primitive, an optional IP address
 * colocated with and started before it, and, when the bundle holds a primitive, a connection into the
 * container that makes a guest node for one instance of the bundle's clone ({@code BUNDLE-clone}). The parts
 * are this resource's children; the clone is a resource of its own that this one assigns after the
 * containers, as Pacemaker's pcmk__bundle_allocate does.
 */
public final class BundleRsc extends Rsc {
    /** One replica's parts; {@code ip}, {@code connection} and {@code node} may be null. */
    public record Replica(int index, PrimitiveRsc container, PrimitiveRsc ip, PrimitiveRsc connection, SchedNode node) {}

    public final List<Replica> replicas = new ArrayList<>();
    public final int replicasPerHost;
    /** The clone of the bundle's primitive, or null. */
    public CloneRsc clone;

    BundleRsc(String id, int configOrder, int replicasPerHost) {
        super(id, null, configOrder);
        this.replicasPerHost = replicasPerHost;
    }

    void addReplica(Replica r) {
        replicas.add(r);
        children.add(r.container());
        if (r.ip() != null) {
            children.add(r.ip());
        }
        if (r.connection() != null) {
            children.add(r.connection());
        }
    }

    /** As pcmk__bundle_action_flags: promotions follow the clone's instances, everything else the containers. */
    @Override
    public boolean summarisedLikeClone() {
        return true;
    }

    @Override
    public List<Rsc> summaryMembers(String childTask) {
        if (clone != null && CollectiveActions.ROLE_TASKS.contains(childTask)) {
            return clone.children;
        }
        List<Rsc> containers = new ArrayList<>();
        replicas.forEach(r -> containers.add(r.container()));
        return containers;
    }

    @Override
    public void collectPrimitives(List<PrimitiveRsc> out) {
        for (Rsc c : children) {
            c.collectPrimitives(out);
        }
    }

    // ---- assignment ------------------------------------------------------------------------------

    @Override
    public SchedNode assign(WorkingSet ws, SchedNode prefer) {
        if (!provisional || allocating) {
            return null;
        }
        allocating = true;
        for (Colocation c : List.copyOf(thisWith)) {
            c.primary().assign(ws, null);
        }
        int[] perNode = new int[ws.nodes.size()];
        // as pcmk__assign_instances: containers that are active stay where they are first, then the rest
        for (Replica r : replicas) {
            PrimitiveRsc c = r.container();
            SchedNode current = c.currentNode();
            if (current != null && current.canRunResources() && c.provisional && !c.failed
                    && c.allowed.has(current.index) && c.allowed.get(current.index) >= 0) {
                // Pacemaker 2.1.5 keeps an active instance on its node whenever the node may run it
                NodeScores before = c.allowed.copy();
                for (SchedNode n : ws.nodes) {
                    if (n != current && c.allowed.has(n.index)) {
                        c.allowed.set(n.index, Score.MINUS_INFINITY);
                    }
                }
                SchedNode chosen = assignContainer(ws, r, current, perNode);
                c.allowed.restoreFrom(before);
                if (chosen != current) {
                    // a better node is free: leave it for the replica placed next, as Pacemaker reserves it
                    if (chosen != null) {
                        perNode[chosen.index]--;
                    }
                    c.allowed.restoreFrom(before);
                    c.unassign(ws);
                }
            }
        }
        for (Replica r : replicas) {
            if (r.container().provisional) {
                assignContainer(ws, r, null, perNode);
            }
        }
        for (Replica r : replicas) {
            if (r.ip() != null) {
                r.ip().assign(ws, null);
            }
            if (r.connection() != null) {
                r.connection().assign(ws, null);
            }
        }
        provisional = false;
        if (clone != null) {
            pinInstances(ws);
            // the clone itself: 0 on the replicas' nodes, -INFINITY elsewhere
            for (SchedNode n : ws.nodes) {
                clone.allowed.set(n.index, Score.MINUS_INFINITY);
            }
            for (Replica r : replicas) {
                if (r.node() != null) {
                    clone.allowed.set(r.node().index, 0);
                }
            }
            clone.assign(ws, null);
        }
        allocating = false;
        return null;
    }

    private SchedNode assignContainer(WorkingSet ws, Replica r, SchedNode prefer, int[] perNode) {
        PrimitiveRsc c = r.container();
        for (Colocation col : thisWith) {
            if (!col.primary().provisional) {
                col.primary().colocationAsPrimary(ws, c, col);
            }
        }
        for (SchedNode n : ws.nodes) {
            if (perNode[n.index] >= replicasPerHost && c.allowed.has(n.index)) {
                c.allowed.set(n.index, Score.MINUS_INFINITY);
            }
        }
        SchedNode chosen = c.assign(ws, prefer);
        if (chosen != null) {
            perNode[chosen.index]++;
        }
        return chosen;
    }

    /** Each instance of the clone runs only in its own replica's guest node (pcmk__bundle_allocate). */
    private void pinInstances(WorkingSet ws) {
        for (int i = 0; i < replicas.size() && i < clone.children.size(); i++) {
            SchedNode own = replicas.get(i).node();
            Rsc instance = clone.children.get(i);
            List<PrimitiveRsc> prims = new ArrayList<>();
            instance.collectPrimitives(prims);
            for (PrimitiveRsc p : prims) {
                for (SchedNode n : ws.nodes) {
                    if (n != own) {
                        p.allowed.set(n.index, Score.MINUS_INFINITY);
                    } else if (!p.allowed.has(n.index) || p.allowed.get(n.index) > Score.MINUS_INFINITY) {
                        p.allowed.set(n.index, Score.INFINITY);
                    }
                }
            }
            // assigned here, before the clone's own assignment, which then keeps them (as Pacemaker does)
            clone.allocating = true;
            instance.assign(ws, own);
            clone.allocating = false;
        }
    }

    /** The clone instance that runs in the given guest node, or null. */
    public Rsc instanceIn(SchedNode node) {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).node() == node && clone != null && i < clone.children.size()) {
                return clone.children.get(i);
            }
        }
        return null;
    }

    @Override
    public Rsc colocatedAs(Role role) {
        return clone != null && (role == Role.PROMOTED || role == Role.UNPROMOTED) ? clone : this;
    }

    /**
     * A resource colocated with the bundle may run only where a container runs (with a role, where the
     * replica's instance will have it), or gains the score there (pcmk__bundle_apply_coloc_score).
     */
    @Override
    void colocationAsPrimary(WorkingSet ws, PrimitiveRsc dependent, Colocation c) {
        if (provisional) {
            return;
        }
        boolean[] keep = new boolean[ws.nodes.size()];
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = replicas.get(i);
            SchedNode chosen = r.container().assignedTo;
            if (chosen == null || r.container().blocked) {
                continue;
            }
            if (c.primaryRole() == Role.PROMOTED) {
                Rsc instance = clone == null || i >= clone.children.size() ? null : clone.children.get(i);
                if (instance == null || instance.nextRole != Role.PROMOTED) {
                    continue;
                }
            }
            keep[chosen.index] = true;
        }
        for (SchedNode n : ws.nodes) {
            if (!dependent.allowed.has(n.index)) {
                continue;
            }
            if (c.score() >= Score.INFINITY) {
                if (!keep[n.index]) {
                    dependent.allowed.set(n.index, Score.MINUS_INFINITY);
                }
            } else if (keep[n.index]) {
                dependent.allowed.set(n.index, Score.add(dependent.allowed.get(n.index), c.score()));
            }
        }
        ws.explain.colocation(dependent, this, c);
    }

    @Override
    void colocationAsDependent(WorkingSet ws, Colocation c) {
        for (Replica r : replicas) {
            c.primary().colocationAsPrimary(ws, r.container(), c);
        }
    }

    // ---- actions -----------------------------------------------------------------------------------

    @Override
    public void createActions(WorkingSet ws) {
        super.createActions(ws);
        if (clone != null && clone.isPromotableClone()) {
            for (String t : CollectiveActions.ROLE_TASKS) {
                Action a = ws.action(this, t, null, true);
                a.pseudo = true;
                a.runnable = true;
            }
        }
    }

    @Override
    public void internalConstraints(WorkingSet ws) {
        Action start = findAction("start", null);
        Action running = findAction("running", null);
        Action stop = findAction("stop", null);
        Action stopped = findAction("stopped", null);
        ws.order(start, running, Edge.RUNNABLE_LEFT);
        ws.order(stop, stopped, Edge.RUNNABLE_LEFT);
        ws.order(stopped, start, Edge.OPTIONAL);
        for (Replica r : replicas) {
            for (Rsc part : new Rsc[] {r.container(), r.ip(), r.connection()}) {
                if (part != null) {
                    part.internalConstraints(ws);
                }
            }
            orderAll(ws, start, r.container().findActions("start"), Edge.RUNNABLE_LEFT | Edge.IMPLIES_FIRST);
            orderAllBefore(ws, r.container().findActions("start"), running, Edge.IMPLIES_THEN);
            orderAll(ws, stop, r.container().findActions("stop"), Edge.IMPLIES_FIRST);
            orderAllBefore(ws, r.container().findActions("stop"), stopped, Edge.IMPLIES_THEN);
            if (r.ip() != null) {
                for (Action ipStart : r.ip().findActions("start")) {
                    orderAll(ws, ipStart, r.container().findActions("start"), Edge.RUNNABLE_LEFT);
                }
                for (Action cStop : r.container().findActions("stop")) {
                    orderAll(ws, cStop, r.ip().findActions("stop"), Edge.IMPLIES_FIRST);
                }
            }
        }
        if (clone != null) {
            ws.order(start, clone.findAction("start", null), Edge.IMPLIES_FIRST);
            ws.order(clone.findAction("running", null), running, Edge.IMPLIES_THEN);
            ws.order(stop, clone.findAction("stop", null), Edge.IMPLIES_FIRST);
            ws.order(clone.findAction("stopped", null), stopped, Edge.IMPLIES_THEN);
            if (clone.isPromotableClone()) {
                Action promote = findAction("promote", null);
                Action promoted = findAction("promoted", null);
                Action demote = findAction("demote", null);
                Action demoted = findAction("demoted", null);
                ws.order(promote, clone.findAction("promote", null), Edge.IMPLIES_FIRST);
                ws.order(clone.findAction("promoted", null), promoted, Edge.IMPLIES_THEN);
                ws.order(demote, clone.findAction("demote", null), Edge.IMPLIES_FIRST);
                ws.order(clone.findAction("demoted", null), demoted, Edge.IMPLIES_THEN);
            }
        }
    }

    private static void orderAll(WorkingSet ws, Action first, List<Action> thens, int flags) {
        for (Action then : thens) {
            ws.order(first, then, flags);
        }
    }

    private static void orderAllBefore(WorkingSet ws, List<Action> firsts, Action then, int flags) {
        for (Action first : firsts) {
            ws.order(first, then, flags);
        }
    }

    @Override
    public void summarize(WorkingSet ws, List<String> out) {
        for (Replica r : replicas) {
            for (Rsc part : new Rsc[] {r.ip(), r.container(), r.connection()}) {
                if (part != null) {
                    part.summarize(ws, out);
                }
            }
        }
    }
}
