package org.vigil.scheduler.stage;

import java.util.ArrayList;
import java.util.List;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.BundleRsc;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.CollectiveActions;
import org.vigil.scheduler.resource.GroupRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Propagates the optional/runnable flags along orderings until nothing changes (Pacemaker's
 * update_action loop): required actions make their dependents required, unrunnable ones make them unrunnable.
 */
public final class PropagateStage implements Stage {
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
        // Unrunnability first: Pacemaker words a stop after the unrunnable start that forced it before it
        // would word it after another required action.
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 1000) {
            changed = blockColocatedStarts(ws);
            for (Action a : collectives) {
                changed |= summarise(a, false);
            }
            for (Action a : oneOrMore) {
                changed |= countRunnable(a);
            }
            for (Edge e : ws.edges) {
                changed |= applyDepthFirst(e, true);
            }
        }
        changed = true;
        rounds = 0;
        while (changed && rounds++ < 1000) {
            changed = false;
            for (Action a : collectives) {
                changed |= summarise(a, true);
            }
            for (Action a : oneOrMore) {
                changed |= countRunnable(a);
            }
            for (Edge e : ws.edges) {
                changed |= applyDepthFirst(e, false);
                changed |= blockMigration(e);
            }
        }
    }

    /**
     * Applies one ordering and, as Pacemaker's update_action recursion does, at once re-examines what a change
     * can reach before going on: when the ordering changed its "first" action, every action after that one (each
     * looking at its predecessors, latest ordering first) and the first action itself; when an action examined
     * that way changed, the actions after it. The first cause to reach an action names it in the summary.
     */
    private static boolean applyDepthFirst(Edge e, boolean runnableOnly) {
        return applyDepthFirst(e, runnableOnly, 0);
    }

    private static final int MAX_DEPTH = 400;

    private static boolean applyDepthFirst(Edge e, boolean runnableOnly, int depth) {
        Action f = e.first();
        Action t = e.then();
        boolean fo = f.optional;
        boolean fr = f.runnable;
        boolean to = t.optional;
        boolean tr = t.runnable;
        if (!(runnableOnly ? applyRunnable(e) : apply(e))) {
            return false;
        }
        if (depth >= MAX_DEPTH) {
            return true;
        }
        if (f.optional != fo || f.runnable != fr) {
            for (Edge a : List.copyOf(f.after)) {
                reexamine(a.then(), runnableOnly, depth + 1);
            }
            reexamine(f, runnableOnly, depth + 1);
        }
        if (to && !t.optional && t.rsc != null && !t.rsc.isCollective() && t.rsc.parent != null) {
            // Pacemaker re-examines a member's action at once when it becomes required (its restart follows)
            reexamine(t, false, depth + 1);
        }
        if (to && !t.optional && !t.runnable && tr && t.rsc != null && !t.rsc.isCollective()
                && t.rsc.parent instanceof GroupRsc) {
            // ... and when a group member's start became required and unrunnable at once (it must stop and
            // cannot start again), the later members' starts follow it before anything else reaches them
            for (Edge a : List.copyOf(t.after)) {
                reexamine(a.then(), runnableOnly, depth + 1);
            }
        }
        return true;
    }

    /** Pacemaker's pcmk__update_action_for_orderings for one action: its predecessors, latest ordering first. */
    private static void reexamine(Action then, boolean runnableOnly, int depth) {
        boolean to = then.optional;
        boolean tr = then.runnable;
        List<Edge> before = List.copyOf(then.before);
        // fencing and unfencing first (Pacemaker orders them with the resource's own actions, before any
        // constraint), then other resources' actions; orderings within the resource itself name no cause
        for (int pass = 0; pass < 3; pass++) {
            for (int i = before.size() - 1; i >= 0; i--) {
                Edge e = before.get(i);
                int kind = e.first().rsc == null ? 0 : e.first().rsc == then.rsc ? 2 : 1;
                if (!e.has(Edge.VIA_COLLECTIVE) && kind == pass) {
                    applyDepthFirst(e, runnableOnly, depth);
                }
            }
        }
        if (depth < MAX_DEPTH && (then.optional != to || then.runnable != tr)) {
            for (Edge a : List.copyOf(then.after)) {
                reexamine(a.then(), runnableOnly, depth + 1);
            }
        }
    }

    /**
     * A top-level resource that cannot start anywhere blocks the starts of everything that must be
     * colocated with it (Pacemaker's colocation start chain).
     */
    private static boolean blockColocatedStarts(WorkingSet ws) {
        boolean changed = false;
        for (Rsc r : ws.resources) {
            List<Colocation> withR = r.ownWithThis();
            if (withR.isEmpty()) {
                continue;
            }
            List<Action> starts = new ArrayList<>();
            if (r instanceof CloneRsc || r instanceof GroupRsc) {
                for (Rsc child : r.children) {
                    List<Action> childStarts = child.topActions("start");
                    if (childStarts.isEmpty()) {
                        starts = null;
                        break;
                    }
                    starts.addAll(childStarts);
                }
            } else {
                starts = r.findActions("start");
            }
            if (starts == null || starts.isEmpty() || starts.stream().anyMatch(a -> a.runnable)) {
                continue;
            }
            for (Colocation c : withR) {
                if (c.score() < org.vigil.cib.Score.INFINITY) {
                    continue;
                }
                for (Action a : c.dependent().findActions("start")) {
                    if (a.runnable) {
                        a.runnable = false;
                        if (a.reason == null) {
                            a.reason = "colocation with " + r.id;
                        }
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /**
     * A running resource whose start became unrunnable must stop, and its start then counts as required
     * too; Pacemaker settles this at once, before looking further along the orderings.
     */
    private static void restartNow(Action start) {
        if (!start.task.equals("start") || !(start.rsc instanceof PrimitiveRsc p) || !p.managed
                || p.runningOn.isEmpty()) {
            return;
        }
        boolean stopping = false;
        for (Action stop : p.findActions("stop")) {
            if (stop.runnable) {
                stop.optional = false;
                stopping = true;
            }
        }
        if (stopping) {
            start.optional = false;
        }
    }

    private static boolean applyRunnable(Edge e) {
        Action f = e.first();
        Action t = e.then();
        boolean changed = false;
        if (e.has(Edge.IMPLIES_THEN) && t.optional && requiredFor(f, thenNode(e)) && !(f.pseudo && f.migrating)
                && !blockedStart(t)) {
            t.optional = false;
            because(t, f, "required");
            changed = true;
        }
        if (e.has(Edge.RUNNABLE_LEFT) && !f.runnable && t.runnable) {
            t.runnable = false;
            because(t, f, "unrunnable");
            restartNow(t);
            return true;
        }
        if (asymmetric(e)) {
            restartNow(t);
            return true;
        }
        if (e.has(Edge.RESTART) && f.optional && f.runnable && !t.runnable && t.rsc != null && t.rsc.managed) {
            f.optional = false;
            because(f, t, "required");
            return true;
        }
        if (restartBlocked(e)) {
            return true;
        }
        return changed;
    }

    /**
     * Pacemaker's handle_asymmetric_ordering (symmetrical=false): an unrunnable "first" makes "then" required and
     * unrunnable, unless "then" is a stop of a stopped resource or the optional start of a resource that stays
     * where it runs.
     */
    private static boolean asymmetric(Edge e) {
        Action f = e.first();
        Action t = e.then();
        if (!e.has(Edge.ASYMMETRIC) || t.rsc == null || f.runnable || t.rsc.isCollective()) {
            // a group's or clone's own action counts as runnable while a member's is: the ordering reaches
            // the members' actions one by one
            return false;
        }
        if (t.rsc.runningOn.isEmpty() && t.task.equals("stop")) {
            return false;
        }
        if (t.task.equals("start") && t.optional && t.node != null && t.rsc.runningOn.size() == 1
                && t.rsc.runningOn.get(0) == t.node) {
            return false;
        }
        boolean changed = false;
        if (t.optional) {
            t.optional = false;
            because(t, f, "required");
            changed = true;
        }
        if (t.runnable) {
            t.runnable = false;
            because(t, f, "unrunnable");
            changed = true;
        }
        return changed;
    }

    /** A group/clone pseudo action's flags follow its members' actions (optional ones only when asked). */
    private static boolean summarise(Action a, boolean withOptional) {
        Rsc r = a.rsc;
        String childTask = CollectiveActions.childTask(a.task);
        boolean isClone = r.summarisedLikeClone();
        boolean anyRunnable = false;
        boolean anyChild = false;
        boolean allRunnable = true;
        boolean anyRequired = false;
        for (Rsc child : r.summaryMembers(childTask)) {
            List<Action> acts = child.topActions(childTask);
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
        if (withOptional && anyRequired && a.optional) {
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

    private static boolean apply(Edge e) {
        Action f = e.first();
        Action t = e.then();
        boolean changed = false;
        if (e.has(Edge.IMPLIES_THEN) && t.optional && requiredFor(f, thenNode(e)) && !(f.pseudo && f.migrating)
                && !blockedStart(t)) {
            t.optional = false;
            because(t, f, "required");
            changed = true;
        }
        if (e.has(Edge.IMPLIES_FIRST) && f.optional && requiredFor(t, f.node) && !isMigratingStop(t)
                && !offNodeCloneInstance(e)) {
            if (f.rsc != null && !f.rsc.managed && !f.rsc.isCollective()) {
                // an unmanaged resource will not stop, so what must follow its stop cannot happen
                if (t.runnable) {
                    t.runnable = false;
                    because(t, f, "unrunnable");
                    changed = true;
                }
            } else {
                f.optional = false;
                because(f, t, "required");
                changed = true;
            }
        }
        changed |= asymmetric(e);
        if (e.has(Edge.RUNNABLE_LEFT) && !f.runnable && t.runnable) {
            t.runnable = false;
            because(t, f, "unrunnable");
            changed = true;
        }
        if (e.has(Edge.RESTART) && !t.optional && t.runnable && blockedStop(f)) {
            // a group member stops only after the later members: one that cannot stop holds it
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
        changed |= restartBlocked(e);
        return changed;
    }

    /**
     * The start of a resource whose failure blocks it (on-fail=block, a lost ticket with loss-policy=freeze):
     * Pacemaker creates none, so no ordering can make it required (nor restart the resource through it).
     */
    private static boolean blockedStart(Action a) {
        return a.task.equals("start") && a.rsc instanceof PrimitiveRsc p && p.blocked;
    }

    /** A stop that will not happen: required but unrunnable, or of an unmanaged active primitive. */
    private static boolean blockedStop(Action f) {
        if (!f.task.equals("stop") || !(f.rsc instanceof PrimitiveRsc p)) {
            return false;
        }
        return !f.optional && !f.runnable || !p.managed && !p.runningOn.isEmpty();
    }

    /**
     * Pacemaker's handle_restart_ordering: a required stop that cannot run (its node cannot be fenced) leaves
     * the start after it unrunnable, so the resource is not started elsewhere while it may still be active.
     */
    private static boolean restartBlocked(Edge e) {
        Action f = e.first();
        Action t = e.then();
        if (e.has(Edge.RESTART) && !f.optional && !f.runnable && t.runnable && f.rsc == t.rsc) {
            t.runnable = false;
            return true;
        }
        return false;
    }

    /**
     * The node from which an ordering judges a clone "first": the "then" action's, except when the ordering
     * names a clone or bundle as "then" and reaches its instances' actions: Pacemaker orders those after the
     * collective's own node-less action, so an instance anywhere makes "first" required for all of them (a
     * group "then" is judged where the group is).
     */
    private static SchedNode thenNode(Edge e) {
        Action t = e.then();
        boolean viaInstances = e.has(Edge.VIA_COLLECTIVE) && t.rsc != null && !(t.rsc.top() instanceof GroupRsc);
        return viaInstances ? null : t.node;
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
        if (node == null || a.rsc == null || !a.rsc.isClone()) {
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

    /**
     * An ordering with a clone carried to one of its instances on another node than the other action's: as
     * Pacemaker judges a clone's action per node, that instance's action does not require the other one.
     */
    private static boolean offNodeCloneInstance(Edge e) {
        Action f = e.first();
        Action t = e.then();
        return e.has(Edge.VIA_COLLECTIVE) && t.rsc != null && !t.rsc.isCollective() && t.rsc.top().isClone()
                && f.node != null && t.node != null && f.node != t.node;
    }

    /** Whether the resource (or one of its instances) stops and starts again: a real move, not a stop. */
    private static boolean restartsSomewhere(Rsc r) {
        java.util.List<PrimitiveRsc> prims = new java.util.ArrayList<>();
        r.collectPrimitives(prims);
        for (PrimitiveRsc p : prims) {
            for (Action a : p.findActions("start")) {
                if (!a.optional && a.runnable && !p.runningOn.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isMigratingStop(Action a) {
        if (!a.task.equals("stop") || a.rsc == null || a.rsc.isCollective()) {
            return false;
        }
        Action mf = a.rsc.findAction("migrate_from", null);
        return mf != null && mf.runnable;
    }

    /**
     * A resource can only migrate if what must stop after it can too: a required real stop ordered after its
     * stop turns the migration into a plain stop and start.
     */
    private static boolean blockMigration(Edge e) {
        Action f = e.first();
        Action t = e.then();
        if (!f.task.equals("stop") || !t.task.equals("stop") || f.rsc == t.rsc || t.optional
                || f.rsc == null || f.rsc.isCollective() || isMigratingStop(t)
                || !(e.has(Edge.IMPLIES_FIRST) || e.has(Edge.RESTART)) || !requiredFor(t, f.node)
                || !restartsSomewhere(t.rsc)) {
            return false;
        }
        Action migrateFrom = f.rsc.findAction("migrate_from", null);
        if (migrateFrom == null || !migrateFrom.runnable) {
            return false;
        }
        migrateFrom.runnable = false;
        Action migrateTo = f.rsc.findAction("migrate_to", null);
        if (migrateTo != null) {
            migrateTo.runnable = false;
        }
        for (Action start : f.rsc.findActions("start")) {
            start.pseudo = false;
            start.migrating = false;
        }
        if (f.reason == null) {
            f.reason = "unmigrateable " + t.describe();
        }
        return true;
    }

    /** Pacemaker words the cause after the other action, but only across different resources. */
    private static void because(Action changed, Action cause, String change) {
        if (changed.reason != null || changed.rsc == cause.rsc) {
            return;
        }
        changed.reason = change + " " + (notifiedInstead(changed, cause) ? cause.rsc.id + " notified"
                : cause.describe());
    }

    /**
     * Pacemaker orders another resource's action after a clone with notifications (top-level or in a bundle)
     * once the clone's notifications are confirmed, not once the clone is running (action_uuid_for_ordering):
     * that action, whose task is "notified", is the cause it names.
     */
    private static boolean notifiedInstead(Action changed, Action cause) {
        if (!(cause.rsc instanceof CloneRsc c) || !c.notify || c.parent != null && !(c.parent instanceof BundleRsc)
                || changed.rsc == null || changed.rsc.top() == c.top()) {
            return false;
        }
        return switch (cause.task) {
            case "running", "stopped", "promoted", "demoted" -> true;
            default -> false;
        };
    }
}
