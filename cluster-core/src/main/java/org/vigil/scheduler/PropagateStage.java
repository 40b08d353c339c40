package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Propagates the optional/runnable flags along orderings until nothing changes (Pacemaker's
 * update_action loop): required actions make their dependents required, unrunnable ones make them unrunnable.
 */
final class PropagateStage implements Stage {
    @Override
    public String name() {
        return "propagate ordering flags";
    }

    @Override
    public void run(WorkingSet ws) {
        List<Action> collectives = new ArrayList<>();
        List<Action> oneOrMore = new ArrayList<>();
        for (Action a : ws.actions) {
            if (a.isCollectivePseudo()) {
                collectives.add(a);
            }
            if (a.requiredRunnable > 0) {
                oneOrMore.add(a);
            }
        }
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 1000) {
            changed = false;
            for (Action a : collectives) {
                changed |= summarise(a);
            }
            for (Action a : oneOrMore) {
                changed |= countRunnable(a);
            }
            for (Edge e : ws.edges) {
                changed |= apply(e);
            }
        }
    }

    private static boolean summarise(Action a) {
        Rsc r = a.rsc;
        String childTask = CollectiveActions.childTask(a.task);
        boolean isClone = r instanceof CloneRsc;
        boolean anyRunnable = false;
        boolean anyChild = false;
        boolean allRunnable = true;
        boolean anyRequired = false;
        for (Rsc child : r.children) {
            List<Action> acts = child instanceof PrimitiveRsc ? child.findActions(childTask)
                    : nonNull(child.findAction(childTask, null));
            if (acts.isEmpty()) {
                if (!isClone && !childTask.equals("stop") && !childTask.equals("demote")) {
                    allRunnable = false;
                }
                continue;
            }
            for (Action c : acts) {
                anyChild = true;
                if (c.runnable) {
                    anyRunnable = true;
                } else {
                    allRunnable = false;
                }
                if (!c.optional) {
                    anyRequired = true;
                }
            }
        }
        boolean changed = false;
        if (anyRequired && a.optional) {
            a.optional = false;
            changed = true;
        }
        if (isClone) {
            if (!anyRunnable && a.runnable && (anyChild || !a.task.equals("stop") && !a.task.equals("stopped")
                    && !a.task.equals("demote") && !a.task.equals("demoted"))) {
                a.runnable = false;
                changed = true;
            }
        } else if (!childTask.equals(a.task) && !allRunnable && a.runnable) {
            a.runnable = false;
            changed = true;
        }
        return changed;
    }

    private static boolean countRunnable(Action a) {
        int runnable = 0;
        for (Edge e : a.before) {
            if (e.has(Edge.ONE_OR_MORE) && e.first().runnable) {
                runnable++;
            }
        }
        if (runnable < a.requiredRunnable && a.runnable) {
            a.runnable = false;
            return true;
        }
        return false;
    }

    private static List<Action> nonNull(Action a) {
        return a == null ? List.of() : List.of(a);
    }

    private static boolean apply(Edge e) {
        Action f = e.first();
        Action t = e.then();
        boolean changed = false;
        if (e.has(Edge.IMPLIES_THEN) && t.optional && requiredFor(f, t.node) && !(f.pseudo && f.migrating)) {
            t.optional = false;
            because(t, f, "required");
            changed = true;
        }
        if (e.has(Edge.IMPLIES_FIRST) && f.optional && requiredFor(t, f.node)) {
            f.optional = false;
            because(f, t, "required");
            changed = true;
        }
        boolean asymmetricSkip = e.has(Edge.ASYMMETRIC) && f.rsc != null && t.rsc != null
                && !f.rsc.runningOn.isEmpty() && !t.rsc.runningOn.isEmpty();
        if (e.has(Edge.RUNNABLE_LEFT) && !f.runnable && t.runnable && !asymmetricSkip) {
            t.runnable = false;
            because(t, f, "unrunnable");
            changed = true;
        }
        if (e.has(Edge.RESTART) && f.optional && f.runnable
                && (!t.optional || (!t.runnable && t.rsc != null && t.rsc.managed))) {
            f.optional = false;
            because(f, t, "required");
            changed = true;
        }
        return changed;
    }

    /**
     * Whether an action counts as required from the point of view of an action on {@code node}: a clone's
     * pseudo action only counts as required there if an instance on that node is (Pacemaker evaluates clone
     * flags per node for orderings).
     */
    private static boolean requiredFor(Action a, SchedNode node) {
        if (a.optional) {
            return false;
        }
        if (node == null || !(a.rsc instanceof CloneRsc)) {
            return true;
        }
        String childTask = CollectiveActions.childTask(a.task);
        java.util.List<PrimitiveRsc> prims = new java.util.ArrayList<>();
        a.rsc.collectPrimitives(prims);
        for (PrimitiveRsc p : prims) {
            for (Action c : p.actions) {
                if (c.node == node && c.task.equals(childTask) && c.intervalMs == 0 && !c.optional) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Pacemaker words the cause after the other action, but only across different resources. */
    private static void because(Action changed, Action cause, String change) {
        if (changed.reason != null || changed.rsc == cause.rsc) {
            return;
        }
        changed.reason = change + " " + cause.describe();
    }
}
