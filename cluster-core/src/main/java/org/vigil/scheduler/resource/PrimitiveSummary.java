package org.vigil.scheduler.resource;

import java.util.List;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;

/** The Transition Summary lines of one primitive, worded exactly like crm_simulate (LogActions). */
final class PrimitiveSummary {
    private PrimitiveSummary() {}

    static void summarize(WorkingSet ws, PrimitiveRsc p, List<String> out) {
        SchedNode next = p.assignedTo;
        SchedNode current = p.currentNode();
        Role role = p.role;
        if (current != null && role == Role.STOPPED) {
            role = Role.STARTED;
        }
        if (current == null && p.orphan) {
            return;
        }
        if (!p.managed || (current == null && next == null)) {
            return;
        }
        boolean moving = current != null && next != null && current != next;
        Action start = next == null ? anyAction(p, "start") : p.findAction("start", next);
        SchedNode startNode = start == null || !start.runnable ? null : current;
        Action stop = startNode == null ? anyAction(p, "stop") : p.findAction("stop", startNode);
        Action promote = next == null ? anyAction(p, "promote") : p.findAction("promote", next);
        Action demote = next == null ? anyAction(p, "demote") : p.findAction("demote", next);
        if (demote == null && current != null) {
            demote = p.findAction("demote", current);
        }
        Role nextRole = p.nextRole;
        if (role == nextRole) {
            if (next == null) {
                return;
            }
            Action migrate = p.findAction("migrate_from", next);
            if (migrate != null && current != null && migrate.runnable && start != null && start.runnable) {
                out.add(line(ws, "Migrate", p, role, nextRole, current, next, start, null));
            } else if (p.reloadNeeded && (stop == null || stop.optional)) {
                // (a required stop cancels the reload: Pacemaker's then_cancels_first, so it restarts)
                out.add(line(ws, "Reload", p, role, nextRole, current, next, start, null));
            } else if (start == null || start.optional) {
                if (demote != null && promote != null && !demote.optional && !promote.optional) {
                    out.add(line(ws, "Re-promote", p, role, nextRole, current, next, promote, demote));
                }
            } else if (!start.runnable) {
                out.add(line(ws, "Stop", p, role, nextRole, current, null, stop,
                        stop != null && stop.reason != null ? stop : start));
            } else if (moving && current != null) {
                out.add(line(ws, p.failed ? "Recover" : "Move", p, role, nextRole, current, next, stop, null));
            } else if (p.failed) {
                // no stop here when multiple-active=stop_unexpected keeps this copy: the cause is another's stop
                Action source = stop == null ? anyAction(p, "stop") : stop;
                out.add(line(ws, "Recover", p, role, nextRole, current, null, stop, source));
            } else {
                out.add(line(ws, "Restart", p, role, nextRole, current, next, start, null));
            }
            return;
        }
        if (stop != null && (nextRole == Role.STOPPED || (start != null && !start.runnable))) {
            for (SchedNode n : p.runningOn) {
                Action stopOp = p.findAction("stop", n);
                out.add(line(ws, "Stop", p, role, nextRole, n, null, stopOp,
                        stopOp != null && stopOp.reason != null ? stopOp : start));
            }
        } else if (stop != null && p.failed && !stop.optional) {
            out.add(line(ws, "Recover", p, role, nextRole, current, next, stop, start));
        } else if (moving) {
            out.add(line(ws, "Move", p, role, nextRole, current, next, stop, null));
        } else if (p.reloadNeeded) {
            out.add(line(ws, "Reload", p, role, nextRole, current, next, start, null));
        } else if (stop != null && !stop.optional) {
            // a role change with a required stop: restarted into the new role (Pacemaker's rsc_action_default)
            out.add(line(ws, "Restart", p, role, nextRole, current, next, start, null));
        } else if (role == Role.PROMOTED) {
            out.add(line(ws, "Demote", p, role, nextRole, current, next, demote, null));
        } else if (nextRole == Role.PROMOTED) {
            out.add(line(ws, "Promote", p, role, nextRole, current, next, promote, null));
        } else if (role == Role.STOPPED && nextRole.above(Role.STOPPED)) {
            out.add(line(ws, "Start", p, role, nextRole, current, next, start, null));
        }
    }

    private static Action anyAction(PrimitiveRsc p, String task) {
        return p.findAction(task, null);
    }

    static String line(WorkingSet ws, String change, PrimitiveRsc p, Role role, Role nextRole, SchedNode origin,
            SchedNode destination, Action action, Action source) {
        Action src = source == null ? action : source;
        boolean needRole = role.above(Role.STARTED) || nextRole.above(Role.UNPROMOTED);
        boolean sameHost = origin != null && destination != null && origin == destination;
        boolean sameRole = role == nextRole;
        String details;
        if (needRole && origin == null) {
            details = role.text() + " -> " + nextRole.text() + " " + destination.uname;
        } else if (origin == null) {
            details = destination.uname;
        } else if (needRole && destination == null) {
            details = role.text() + " " + origin.uname;
        } else if (destination == null) {
            details = origin.uname;
        } else if (needRole && sameRole && sameHost) {
            details = role.text() + " " + origin.uname;
        } else if (sameRole && sameHost) {
            details = origin.uname;
        } else if (needRole && sameRole) {
            details = origin.uname + " -> " + destination.uname + " " + role.text();
        } else if (sameRole) {
            details = origin.uname + " -> " + destination.uname;
        } else if (sameHost) {
            details = role.text() + " -> " + nextRole.text() + " " + origin.uname;
        } else {
            details = role.text() + " " + origin.uname + " -> " + nextRole.text() + " " + destination.uname;
        }
        String reason = null;
        boolean runnable = action == null || action.runnable;
        if (src != null && src.reason != null && !runnable) {
            reason = "due to " + src.reason + " (blocked)";
        } else if (src != null && src.reason != null) {
            reason = "due to " + src.reason;
        } else if (!runnable) {
            reason = "blocked";
        }
        return String.format("  * %-8s   %-10s   ( %s )%s", change, p.id, details,
                reason == null ? "" : "  " + reason);
    }
}
