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
        for (Action a : ws.actions) {
            if (a.isCollectivePseudo()) {
                collectives.add(a);
            }
        }
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 1000) {
            changed = false;
            for (Action a : collectives) {
                changed |= summarise(a);
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

    private static List<Action> nonNull(Action a) {
        return a == null ? List.of() : List.of(a);
    }

    private static boolean apply(Edge e) {
        Action f = e.first();
        Action t = e.then();
        boolean changed = false;
        if (e.has(Edge.IMPLIES_THEN) && !f.optional && t.optional && !(f.pseudo && f.migrating)) {
            t.optional = false;
            because(t, f, "required");
            changed = true;
        }
        if (e.has(Edge.IMPLIES_FIRST) && !t.optional && f.optional) {
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

    /** Pacemaker words the cause after the other action, but only across different resources. */
    private static void because(Action changed, Action cause, String change) {
        if (changed.reason != null || changed.rsc == cause.rsc) {
            return;
        }
        changed.reason = change + " " + cause.describe();
    }
}
