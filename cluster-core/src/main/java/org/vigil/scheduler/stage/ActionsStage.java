package org.vigil.scheduler.stage;

import java.util.ArrayList;
import java.util.List;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.OrderSpec;
import org.vigil.scheduler.constraint.RemoteConstraints;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.CollectiveActions;
import org.vigil.scheduler.resource.PrimitiveActions;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/** Creates fencing and resource actions, then internal and configured orderings between them. */
public final class ActionsStage implements Stage {
    @Override
    public String name() {
        return "create actions and orderings";
    }

    @Override
    public void run(WorkingSet ws) {
        String fenceKind = ws.properties.getOrDefault("stonith-action",
                ws.properties.getOrDefault("fencing-action", "reboot"));
        if (fenceKind.equals("poweroff")) {
            fenceKind = "off";
        }
        ws.fenceKind = fenceKind;
        for (SchedNode n : ws.nodes) {
            if (n.unclean && PrimitiveActions.canFence(ws, n)) {
                {
                    Action f = ws.action(null, "stonith-" + n.uname, n, false);
                    f.fenceKind = fenceKind;
                    f.reason = n.fenceReason;
                    ws.fenceActions.put(n, f);
                }
            }
        }
        for (Rsc r : ws.resources) {
            r.createActions(ws);
        }
        RemoteConstraints.fenceGuests(ws);
        Unfencing.schedule(ws);
        PendingProbes.block(ws);
        for (Rsc r : ws.resources) {
            r.internalConstraints(ws);
        }
        for (OrderSpec o : ws.orderSpecs) {
            apply(ws, o);
        }
        RemoteConstraints.orderActions(ws);
    }

    private static void apply(WorkingSet ws, OrderSpec o) {
        if (o.minRunnable() > 0) {
            applyOneOrMore(ws, o);
            return;
        }
        if (o.first() instanceof CloneRsc && o.then() instanceof CloneRsc tc && tc.interleave) {
            interleaveOrders(ws, o);
            return;
        }
        List<Action> firsts = firstActions(ws, o);
        if (firsts.isEmpty()) {
            return;
        }
        List<Action> thens = thenActions(ws, o.then(), o.thenTask());
        if (thens.isEmpty()) {
            return;
        }
        boolean interleave = o.first() instanceof CloneRsc && o.then() instanceof CloneRsc tc && tc.interleave;
        for (Action f : firsts) {
            for (Action t : thens) {
                if (interleave && f.node != null && t.node != null && f.node != t.node) {
                    continue;
                }
                if (interleave && (f.node == null) != (t.node == null)) {
                    continue;
                }
                boolean viaCollective = f.rsc != o.first() && !(o.first() instanceof PrimitiveRsc)
                        || t.rsc != o.then() && !(o.then() instanceof PrimitiveRsc);
                orderConfigured(ws, f, t, o.flags() | (viaCollective ? Edge.VIA_COLLECTIVE : 0));
            }
        }
        if (interleave) {
            interleaveOrders(ws, o);
        }
    }

    /**
     * clone-min / require-all=false: "then" waits for a pseudo action that is runnable once enough "first"
     * actions (instances of a clone, or members of a set) are runnable.
     */
    private static void applyOneOrMore(WorkingSet ws, OrderSpec o) {
        Action pseudo = ws.pseudo(o.pseudoName());
        pseudo.requiredRunnable = Math.max(pseudo.requiredRunnable, o.minRunnable());
        if (o.first() instanceof CloneRsc clone) {
            for (Rsc child : clone.children) {
                for (Action a : CollectiveActions.topActionsOf(child, o.firstTask())) {
                    ws.order(a, pseudo, Edge.ONE_OR_MORE);
                }
            }
        } else if (o.first() != null) {
            for (Action a : leafOrCompleted(o.first(), o.firstTask())) {
                ws.order(a, pseudo, Edge.ONE_OR_MORE);
            }
        }
        if (o.then() != null) {
            for (Action t : thenActions(ws, o.then(), o.thenTask())) {
                ws.order(pseudo, t, o.flags());
            }
        }
    }

    private static List<Action> leafOrCompleted(Rsc r, String task) {
        if (r instanceof PrimitiveRsc) {
            return r.findActions(task);
        }
        Action a = r.findAction(CollectiveActions.completed(task), null);
        return a == null ? List.of() : List.of(a);
    }

    /** Interleaved clones: each "then" instance waits only for the "first" instance on its own node. */
    private static void interleaveOrders(WorkingSet ws, OrderSpec o) {
        CloneRsc first = (CloneRsc) o.first();
        CloneRsc then = (CloneRsc) o.then();
        String ft = CollectiveActions.childTask(CollectiveActions.completed(o.firstTask()));
        boolean stopping = ft.equals("stop") || ft.equals("demote");
        for (Rsc ti : then.children) {
            SchedNode node = stopping ? ti.currentNode() : ti.assignedTo;
            if (node == null) {
                continue;
            }
            Rsc fi = null;
            for (Rsc c : first.children) {
                SchedNode cn = stopping ? c.currentNode() : c.assignedTo;
                if (cn == node) {
                    fi = c;
                    break;
                }
            }
            List<Action> thenActs = leafActions(ti, o.thenTask());
            if (fi == null) {
                if (!stopping && (o.flags() & (Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN)) != 0) {
                    // nothing of "first" will be active beside this instance: it must not be active either
                    for (Action t : thenActs) {
                        t.runnable = false;
                    }
                    List<PrimitiveRsc> prims = new ArrayList<>();
                    ti.collectPrimitives(prims);
                    for (PrimitiveRsc p : prims) {
                        p.nextRole = Role.STOPPED;
                    }
                    ti.nextRole = Role.STOPPED;
                }
                continue;
            }
            Rsc fiRsc = fi;
            List<Action> firstActs = fiRsc instanceof PrimitiveRsc ? fiRsc.findActions(ft)
                    : listOf(fiRsc.findAction(CollectiveActions.completed(o.firstTask()), null));
            for (Action f : firstActs) {
                for (Action t : thenActs) {
                    orderConfigured(ws, f, t, o.flags());
                }
            }
        }
    }

    private static void orderConfigured(WorkingSet ws, Action f, Action t, int flags) {
        if (f != null && t != null && ws.configuredOrderings.computeIfAbsent(f, k ->
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())).add(t)) {
            ws.order(f, t, flags);
        }
    }

    private static List<Action> listOf(Action a) {
        return a == null ? List.of() : List.of(a);
    }

    private static List<Action> firstActions(WorkingSet ws, OrderSpec o) {
        Rsc first = o.first();
        String task = o.firstTask();
        boolean interleave = first instanceof CloneRsc && o.then() instanceof CloneRsc tc && tc.interleave;
        if (!(first instanceof PrimitiveRsc)) {
            String expanded = CollectiveActions.completed(task);
            Action a = first.findAction(expanded, null);
            if (interleave) {
                return List.of();
            }
            return a == null ? List.of() : List.of(a);
        }
        List<Action> found = first.findActions(task);
        if (!found.isEmpty()) {
            return found;
        }
        if (task.equals("stop") && first.runningOn.isEmpty()) {
            return List.of();
        }
        if (task.equals("demote") && first.role != Role.PROMOTED) {
            return List.of();
        }
        return List.of(ws.action(first, task, null, true));
    }

    private static List<Action> thenActions(WorkingSet ws, Rsc then, String task) {
        List<Action> out = new ArrayList<>();
        if (then instanceof PrimitiveRsc) {
            out.addAll(then.findActions(task));
            if (out.isEmpty() && !(task.equals("stop") && then.runningOn.isEmpty())
                    && !(task.equals("demote") && then.role != Role.PROMOTED)) {
                out.add(ws.action(then, task, null, true));
            }
            return out;
        }
        Action a = then.findAction(task, null);
        if (a != null) {
            out.add(a);
        }
        if (!(then instanceof CloneRsc c && c.interleave)) {
            for (Rsc child : then.children) {
                out.addAll(leafActions(child, task));
            }
        }
        return out;
    }

    /** The action with this task of a resource and, for collectives, of everything below it. */
    static List<Action> leafActions(Rsc r, String task) {
        List<Action> out = new ArrayList<>();
        if (r instanceof PrimitiveRsc) {
            out.addAll(r.findActions(task));
            return out;
        }
        Action a = r.findAction(task, null);
        if (a != null) {
            out.add(a);
        }
        for (Rsc c : r.children) {
            out.addAll(leafActions(c, task));
        }
        return out;
    }
}
