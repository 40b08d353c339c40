package org.vigil.scheduler.resource;

import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.RemoteConstraints;
import org.vigil.scheduler.history.DigestCheck;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.node.SchedNode;

/** Stop/start/migrate/promote/demote actions of one primitive, and its internal orderings. */
public final class PrimitiveActions {
    private PrimitiveActions() {}

    static void create(WorkingSet ws, PrimitiveRsc p) {
        SchedNode next = p.assignedTo;
        boolean promotable = p.top().isPromotableClone();
        if (p.nextRole == Role.UNKNOWN) {
            p.nextRole = next == null ? Role.STOPPED : (promotable ? Role.UNPROMOTED : Role.STARTED);
        }
        if (next == null) {
            p.nextRole = Role.STOPPED;
        }
        // decided with the start action, before the role changes are (it may cap the next role)
        String policy = next == null ? "ignore" : effectiveQuorumPolicy(ws, p);
        boolean multiply = p.cleanActiveCount() > 1;
        boolean restartAll = p.failed || multiply;
        // multiple-active=stop_unexpected: stopped only where it should not be; where it should, it stays
        // (its start there is a pseudo action)
        boolean stopUnexpected = multiply && next != null && p.runningOn.contains(next)
                && "stop_unexpected".equals(p.meta.get("multiple-active")) && p.nextRole != Role.STOPPED;
        for (SchedNode n : p.danglingMigrations) {
            if (!p.runningOn.contains(n)) {
                ws.action(p, "stop", n, false);
            }
        }
        for (SchedNode n : p.runningOn) {
            if (stopUnexpected && n == next) {
                continue;
            }
            NodeHistory h = p.history.get(n);
            boolean failedHere = h != null && (h.failed || h.agentChanged);
            boolean optional = n == next && !failedHere && !p.failed && !multiply && !n.unclean
                    && !p.stopRequiredOn.contains(n);
            Action stop = ws.action(p, "stop", n, optional);
            boolean guestReset = n.isGuest() && n.remoteRequiresReset;
            if (n.unclean || !n.online || guestReset) {
                if (n.isGuest() ? RemoteConstraints.canFenceGuest(ws, n) : canFence(ws, n)) {
                    stop.pseudo = true;
                    stop.impliedByFencing = true;
                } else if (n.unclean) {
                    stop.runnable = false;
                }
            }
            if (!p.managed) {
                stop.optional = true;
            }
            if (next == null && !stop.optional) {
                stop.reason = "node availability";
            } else if (stopUnexpected && !stop.optional) {
                stop.reason = "being multiply active";
            }
            if (p.role == Role.PROMOTED && (h == null || h.role == Role.PROMOTED)) {
                boolean demoteOptional = optional && p.nextRole == Role.PROMOTED && !p.demoteOnFailure.contains(n);
                Action demote = ws.action(p, "demote", n, demoteOptional);
                if (stop.pseudo) {
                    demote.pseudo = true;
                    demote.impliedByFencing = true;
                }
                if (!p.managed) {
                    demote.optional = true;
                }
                if (next == null && !demote.optional) {
                    demote.reason = "node availability";
                }
            }
        }
        if (next != null && !p.orphan) {
            NodeHistory there = p.history.get(next);
            // a changed agent restarts the resource (Pacemaker's pcmk__rsc_agent_changed)
            boolean optional = p.runningOn.contains(next) && !restartAll && !(there != null && there.agentChanged);
            String definitionChange = null;
            if (optional && p.managed) {
                switch (DigestCheck.check(ws, p, next)) {
                    case RESTART -> optional = false;
                    case RESTART_DEFINITION -> {
                        optional = false;
                        definitionChange = "resource definition change";
                    }
                    case RELOAD -> p.reloadNeeded = true;
                    default -> { }
                }
            }
            Action start = ws.action(p, "start", next, optional);
            if (stopUnexpected) {
                start.pseudo = true;
            }
            if (definitionChange != null) {
                start.reason = definitionChange;
            }
            if (!p.managed) {
                start.optional = true;
            }
            if (p.blocked) {
                start.runnable = false;
            }
            boolean active = !p.runningOn.isEmpty();
            // as Pacemaker, starts (and promotions) need quorum unless the resource requires nothing
            boolean needsQuorum = !"nothing".equals(p.meta.get("requires"));
            if (needsQuorum && !"ignore".equals(policy)) {
                if ("freeze".equals(policy)) {
                    if (!active) {
                        start.runnable = false;
                        start.reason = "quorum freeze";
                    }
                } else {
                    start.runnable = false;
                    start.reason = "no quorum";
                }
            }
            if (p.nextRole == Role.PROMOTED) {
                boolean promoteOptional = p.role == Role.PROMOTED && optional && p.runningOn.size() == 1
                        && p.history.containsKey(next) && p.history.get(next).role == Role.PROMOTED
                        && !p.demoteOnFailure.contains(next);
                Action promote = ws.action(p, "promote", next, promoteOptional);
                if (!p.managed) {
                    promote.optional = true;
                }
                if (!start.runnable) {
                    promote.runnable = false;
                }
            }
            if (migratable(ws, p)) {
                SchedNode current = p.runningOn.get(0);
                Action to = ws.action(p, "migrate_to", current, false);
                Action from = ws.action(p, "migrate_from", next, false);
                start.pseudo = true;
                start.migrating = true;
                ws.order(to, from, Edge.OPTIONAL | Edge.RUNNABLE_LEFT);
                Action stop = ws.existing(p, "stop", current);
                ws.order(from, stop, Edge.OPTIONAL);
                ws.order(from, start, Edge.OPTIONAL);
            }
        }
    }

    /**
     * Pacemaker's effective_quorum_policy: with quorum nothing is restricted; with {@code no-quorum-policy=demote}
     * an instance of a promotable clone that is active keeps running but may not stay or become promoted, and
     * everything else is stopped.
     */
    static String effectiveQuorumPolicy(WorkingSet ws, PrimitiveRsc p) {
        if (ws.haveQuorum) {
            return "ignore";
        }
        if (!"demote".equals(ws.noQuorumPolicy)) {
            return ws.noQuorumPolicy;
        }
        if (p.role == Role.PROMOTED || p.role == Role.UNPROMOTED) {
            if (p.nextRole == Role.PROMOTED) {
                p.nextRole = Role.UNPROMOTED;
            }
            return "ignore";
        }
        return "stop";
    }

    /** Pacemaker's pe_can_fence: without quorum only the members of this partition may be fenced. */
    public static boolean canFence(WorkingSet ws, SchedNode node) {
        return ws.stonithEnabled && (ws.haveQuorum || "ignore".equals(ws.noQuorumPolicy) || node.online);
    }

    private static boolean migratable(WorkingSet ws, PrimitiveRsc p) {
        if (!p.allowMigrate || p.failed || p.runningOn.size() != 1 || p.assignedTo == null || !p.managed) {
            return false;
        }
        SchedNode current = p.runningOn.get(0);
        if (current == p.assignedTo || !current.online || current.unclean || current.shutdown && false) {
            return false;
        }
        if (p.role != Role.STARTED || p.top().isPromotableClone() || p.parent != null && p.parent.isClone()) {
            return false;
        }
        return true;
    }

    static void internalOrderings(WorkingSet ws, PrimitiveRsc p) {
        for (Action stop : p.findActions("stop")) {
            for (Action start : p.findActions("start")) {
                if (stop.impliedByFencing && stop.node != start.node && p.runningOn.contains(start.node)) {
                    // the copy on a fenced node goes away with the node; the healthy copy stays as it is
                    ws.order(stop, start, Edge.OPTIONAL);
                    continue;
                }
                ws.order(stop, start, Edge.OPTIONAL | Edge.IMPLIES_THEN | Edge.RESTART);
            }
            for (Action demote : p.findActions("demote")) {
                if (demote.node == stop.node) {
                    ws.order(demote, stop, Edge.OPTIONAL | Edge.IMPLIES_FIRST);
                }
            }
        }
        for (Action start : p.findActions("start")) {
            for (Action promote : p.findActions("promote")) {
                ws.order(start, promote, Edge.OPTIONAL | Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
            }
        }
        for (Action demote : p.findActions("demote")) {
            for (Action start : p.findActions("start")) {
                ws.order(demote, start, Edge.OPTIONAL);
            }
        }
        for (Action stop : p.findActions("stop")) {
            if (stop.impliedByFencing && stop.node != null) {
                Action fence = ws.fenceActions.get(stop.node);
                if (fence != null) {
                    ws.order(fence, stop, Edge.OPTIONAL | Edge.IMPLIES_THEN);
                }
            }
        }
        // As Pacemaker's order_demote_vs_fencing: the demote a fencing implies is done only once the node is
        // off, so whatever waits for it (another instance's promotion) cannot run while the old one may live.
        for (Action demote : p.findActions("demote")) {
            if (demote.impliedByFencing && demote.node != null) {
                Action fence = ws.fenceActions.get(demote.node);
                if (fence != null) {
                    ws.order(fence, demote, Edge.OPTIONAL);
                }
            }
        }
    }
}
