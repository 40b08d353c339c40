package org.vigil.scheduler.resource;

import java.util.List;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.WorkingSet;

/** Pseudo actions of groups and clones (start/running/stop/stopped, promote/promoted/demote/demoted). */
public final class CollectiveActions {
    static final List<String> TASKS = List.of("start", "running", "stop", "stopped");
    static final List<String> ROLE_TASKS = List.of("promote", "promoted", "demote", "demoted");

    private CollectiveActions() {}

    static void createPseudoActions(WorkingSet ws, Rsc r) {
        for (String t : TASKS) {
            Action a = ws.action(r, t, null, true);
            a.pseudo = true;
            a.runnable = true;
        }
        if (r.top().isPromotableClone()) {
            for (String t : ROLE_TASKS) {
                Action a = ws.action(r, t, null, true);
                a.pseudo = true;
                a.runnable = true;
            }
        }
    }

    /** The "completed" counterpart used when another resource orders after this collective. */
    public static String completed(String task) {
        return switch (task) {
            case "start" -> "running";
            case "stop" -> "stopped";
            case "promote" -> "promoted";
            case "demote" -> "demoted";
            default -> task;
        };
    }

    /** The child task a collective pseudo action summarises. */
    public static String childTask(String task) {
        return switch (task) {
            case "running" -> "start";
            case "stopped" -> "stop";
            case "promoted" -> "promote";
            case "demoted" -> "demote";
            default -> task;
        };
    }

    static void groupOrderings(WorkingSet ws, GroupRsc g) {
        Action start = g.findAction("start", null);
        Action running = g.findAction("running", null);
        Action stop = g.findAction("stop", null);
        Action stopped = g.findAction("stopped", null);
        boolean promotable = g.top().isPromotableClone();
        ws.order(stopped, start, Edge.OPTIONAL);
        ws.order(start, running, Edge.RUNNABLE_LEFT);
        ws.order(stop, stopped, Edge.RUNNABLE_LEFT);
        Rsc last = null;
        for (Rsc child : g.children) {
            for (Action cs : child.topActions("start")) {
                ws.order(start, cs, Edge.RUNNABLE_LEFT);
                ws.order(cs, running, Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
            }
            for (Action cs : child.topActions("stop")) {
                ws.order(stop, cs, g.ordered && last == null ? Edge.OPTIONAL : 0);
                ws.order(cs, stopped, last == null && g.ordered ? Edge.IMPLIES_THEN : 0);
            }
            if (promotable) {
                for (Action cp : child.topActions("promote")) {
                    ws.order(g.findAction("promote", null), cp, Edge.RUNNABLE_LEFT);
                    ws.order(cp, g.findAction("promoted", null), Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
                }
                for (Action cd : child.topActions("demote")) {
                    ws.order(g.findAction("demote", null), cd, Edge.OPTIONAL);
                    ws.order(cd, g.findAction("demoted", null), Edge.OPTIONAL);
                }
            }
            if (last != null && g.ordered) {
                for (Action ls : last.topActions("start")) {
                    for (Action cs : child.topActions("start")) {
                        ws.order(ls, cs, Edge.IMPLIES_THEN | Edge.RUNNABLE_LEFT);
                    }
                }
                for (Action cs : child.topActions("stop")) {
                    for (Action ls : last.topActions("stop")) {
                        ws.order(cs, ls, Edge.OPTIONAL | Edge.RESTART);
                    }
                }
                if (!child.runningOn.isEmpty() && last.runningOn.isEmpty()) {
                    // active after an inactive member (one added in the middle, later ones unmanaged): the
                    // usual restart orderings do not apply, so its stop comes before that member's start
                    for (Action cs : child.topActions("stop")) {
                        for (Action ls : last.topActions("start")) {
                            ws.order(cs, ls, Edge.IMPLIES_FIRST | Edge.RUNNABLE_LEFT);
                        }
                    }
                }
                if (promotable) {
                    for (Action lp : last.topActions("promote")) {
                        for (Action cp : child.topActions("promote")) {
                            ws.order(lp, cp, Edge.IMPLIES_THEN | Edge.RUNNABLE_LEFT);
                        }
                    }
                    for (Action cd : child.topActions("demote")) {
                        for (Action ld : last.topActions("demote")) {
                            ws.order(cd, ld, Edge.OPTIONAL);
                        }
                    }
                }
            } else if (!g.ordered) {
                for (Action cs : child.topActions("start")) {
                    ws.order(start, cs, Edge.IMPLIES_THEN | Edge.RUNNABLE_LEFT);
                }
            }
            last = child;
        }
        if (g.ordered && last != null) {
            for (Action ls : last.topActions("stop")) {
                ws.order(stop, ls, Edge.IMPLIES_THEN);
                ws.order(ls, stopped, Edge.OPTIONAL);
            }
        }
    }

    static void cloneOrderings(WorkingSet ws, CloneRsc c) {
        Action start = c.findAction("start", null);
        Action running = c.findAction("running", null);
        Action stop = c.findAction("stop", null);
        Action stopped = c.findAction("stopped", null);
        ws.order(start, running, Edge.RUNNABLE_LEFT);
        ws.order(stop, stopped, Edge.RUNNABLE_LEFT);
        ws.order(stopped, start, Edge.OPTIONAL);
        if (c.isPromotableClone()) {
            ws.order(c.findAction("demote", null), c.findAction("demoted", null), Edge.RUNNABLE_LEFT);
            ws.order(c.findAction("promote", null), c.findAction("promoted", null), Edge.RUNNABLE_LEFT);
            ws.order(c.findAction("demoted", null), c.findAction("promote", null), Edge.OPTIONAL);
            ws.order(c.findAction("running", null), c.findAction("promote", null), Edge.OPTIONAL);
            ws.order(c.findAction("demoted", null), c.findAction("stop", null), Edge.OPTIONAL);
        }
        Rsc last = null;
        for (Rsc child : c.children) {
            for (Action cs : child.topActions("start")) {
                ws.order(start, cs, Edge.RUNNABLE_LEFT);
                ws.order(cs, running, Edge.OPTIONAL);
            }
            for (Action cs : child.topActions("stop")) {
                ws.order(stop, cs, Edge.OPTIONAL);
                ws.order(cs, stopped, Edge.OPTIONAL);
            }
            if (c.isPromotableClone()) {
                for (Action cp : child.topActions("promote")) {
                    ws.order(c.findAction("promote", null), cp, Edge.RUNNABLE_LEFT);
                    ws.order(cp, c.findAction("promoted", null), Edge.OPTIONAL);
                }
                for (Action cd : child.topActions("demote")) {
                    ws.order(c.findAction("demote", null), cd, Edge.OPTIONAL);
                    ws.order(cd, c.findAction("demoted", null), Edge.OPTIONAL);
                }
            }
            if (c.orderedClone && last != null) {
                for (Action ls : last.topActions("start")) {
                    for (Action cs : child.topActions("start")) {
                        ws.order(ls, cs, Edge.OPTIONAL);
                    }
                }
            }
            last = child;
        }
    }

}
