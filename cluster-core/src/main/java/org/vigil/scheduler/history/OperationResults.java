package org.vigil.scheduler.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.Score;
import org.vigil.rules.Durations;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * The operation result table: one primitive's operations on one node, in call order, read into its role there,
 * its last failure and what that failure imposes (Pacemaker's unpack_rsc_op: rc and status of each task, the
 * on-fail policy of failures, failure-timeout expiry, bans for hard errors).
 */
final class OperationResults {
    private static final int EXEC_PENDING = -1;
    private static final int EXEC_CANCELLED = 1;

    private OperationResults() {}

    static void unpack(WorkingSet ws, PrimitiveRsc rsc, SchedNode node, List<LrmRscOp> ops) {
        NodeHistory h = rsc.historyOn(node);
        List<LrmRscOp> sorted = ops;
        if (ops.size() > 1) {
            sorted = new ArrayList<>(ops);
            sorted.sort(Comparator.comparingLong(OperationResults::callOrder));
        }
        h.ops = sorted;
        OnFail onFail = OnFail.IGNORE;
        Role role = Role.UNKNOWN;
        LrmRscOp lastFailure = null;
        for (LrmRscOp op : sorted) {
            String task = op.operation() == null ? "" : op.operation();
            if (task.equals("notify")) {
                continue;
            }
            long interval = op.intervalMs();
            boolean probe = task.equals("monitor") && interval == 0;
            int rc = op.rc();
            int status = op.status();
            if (status == EXEC_CANCELLED) {
                continue;
            }
            if (probe) {
                h.probed = true;
            }
            if (status == EXEC_PENDING) {
                switch (task) {
                    case "start", "migrate_from" -> role = Role.STARTED;
                    case "promote" -> role = Role.PROMOTED;
                    case "demote" -> role = Role.UNPROMOTED;
                    case "stop", "migrate_to" -> {
                        if (!role.above(Role.STOPPED)) {
                            role = Role.STARTED;
                        }
                    }
                    default -> { }
                }
                if (!probe) {
                    h.pendingTask = task; // Pacemaker does not show a pending probe
                }
                if (task.equals("start")) {
                    h.pendingStart = op;
                }
                continue;
            }
            if ("lsb".equals(rsc.resourceClass) && task.equals("monitor") && rc == 3) {
                rc = 7; // LSB "status" says 3 for "not running"
            }
            if (rc == 190 || rc == 191) {
                // degraded: as good as running (promoted), but Pacemaker lists a degraded monitor among the
                // failed actions so that the operator sees it
                rc = rc == 190 ? 0 : 8;
                if (task.equals("monitor")) {
                    ws.recordFailedOp(node, rsc, op);
                }
            }
            int target = op.expectedRc();
            // As Pacemaker: "done" and "error" statuses are judged by the exit code against the expected one.
            boolean judged = status == 0 || status == 4;
            boolean failedOp = !judged || !(rc == target || (probe && (rc == 7 || rc == 0 || rc == 8)));
            if (judged) {
                status = failedOp ? 4 : 0;
            }
            if (probe && judged && rc == 5 && !expired(ws, rsc, op)) {
                if (ws.symmetric) {
                    ws.recordFailedOp(node, rsc, op); // shown by status, as Pacemaker does, unless opt-in
                }
                // not installed: the resource is not running there and can never run there
                ban(ws, rsc, node, "agent is not installed on " + node.uname);
                role = Role.STOPPED;
                continue;
            }
            if (failedOp && status != 7 && OnFail.forOperation(ws, rsc, task, interval) == OnFail.IGNORE) {
                // on-fail=ignore: Pacemaker pretends the operation returned what was expected
                ws.recordFailedOp(node, rsc, op);
                rsc.failureIgnored = true;
                failedOp = false;
                rc = target;
            }
            if (!failedOp && rc == 7 && !task.equals("monitor")) {
                // an operation expected to find it not running (Pacemaker's determine_op_status), whatever its
                // task: stopped there, and earlier failures no longer call for recovery
                role = Role.STOPPED;
                onFail = OnFail.IGNORE;
                continue;
            }
            if (!failedOp) {
                if (task.equals("start") || task.equals("migrate_from")) {
                    h.ranWithParameters(op, true);
                } else if (task.equals("promote") || (probe && (rc == 0 || rc == 8))) {
                    h.ranWithParameters(op, false);
                } else if (task.equals("stop")) {
                    h.definitionOps = List.of();
                }
                switch (task) {
                    case "start" -> {
                        role = Role.STARTED;
                        onFail = onFail.clearable(rsc);
                    }
                    case "migrate_from" -> {
                        role = Role.STARTED;
                        h.migrateSource = op.attribute("migrate_source");
                        onFail = onFail.clearable(rsc);
                    }
                    case "migrate_to" -> {
                        h.migrateTarget = op.attribute("migrate_target");
                        role = Role.STARTED;
                    }
                    case "stop" -> {
                        role = Role.STOPPED;
                        h.migrateTarget = null;
                        h.migrateSource = null;
                        onFail = onFail.clearable(rsc);
                    }
                    case "promote" -> {
                        // a completed promotion clears an earlier failure, as a start does (update_resource_state)
                        role = Role.PROMOTED;
                        onFail = onFail.clearable(rsc);
                    }
                    case "demote" -> role = Role.UNPROMOTED;
                    case "monitor" -> {
                        if (rc == 7) {
                            role = Role.STOPPED;
                            onFail = probe ? OnFail.IGNORE : onFail;
                        } else if (rc == 8) {
                            role = Role.PROMOTED;
                        } else if (rc == 0) {
                            if (role == Role.PROMOTED && probe) {
                                role = Role.UNPROMOTED;
                            } else if (!role.above(Role.STOPPED) || probe) {
                                role = Role.STARTED;
                            }
                        }
                    }
                    default -> { }
                }
                if (task.equals("monitor") && interval > 0 && rc != 7) {
                    if (h.activeRecurring.isEmpty()) {
                        h.activeRecurring = new ArrayList<>();
                    }
                    h.activeRecurring.add(op);
                }
                continue;
            }
            // a failure
            if (expired(ws, rsc, op)) {
                continue; // failure-timeout has passed: the failure no longer counts
            }
            lastFailure = op;
            ws.recordFailedOp(node, rsc, op);
            OnFail configured = OnFail.forOperation(ws, rsc, task, interval);
            if (status == 7 && configured == OnFail.IGNORE) {
                configured = OnFail.RESTART; // a missing agent cannot be ignored
            }
            boolean fatal = status == 6 || (judged && rc == 6);
            boolean hard = status == 5 || status == 7
                    || (judged && (rc == 2 || rc == 4 || rc == 5 || (rc == 3 && interval == 0)));
            if (fatal) {
                ban(ws, rsc, null, "fatal error (" + rc + ") on " + node.uname);
            } else if (hard) {
                ban(ws, rsc, node, "hard error (" + rc + ") on " + node.uname);
            }
            if (configured.ordinal() > onFail.ordinal()) {
                onFail = configured;
            }
            if (!rsc.failedOn.contains(node)) {
                rsc.failedOn.add(node);
            }
            switch (task) {
                case "stop" -> {
                    rsc.allowed.set(node.index, Score.MINUS_INFINITY);
                    ws.explain.note(rsc, node, Score.MINUS_INFINITY, "stop failed on " + node.uname);
                    if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
                case "promote" -> role = Role.PROMOTED;
                // staying promoted would loop; unpromoted is safe, as recovery stops it first (even when the
                // demote said "not running": Pacemaker then still counts it active and failed)
                case "demote" -> role = configured == OnFail.BLOCK ? Role.PROMOTED : Role.UNPROMOTED;
                case "migrate_to" -> {
                    h.migrateToFailed = true;
                    if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
                case "migrate_from" -> {
                    h.migrateFromFailed = true;
                    if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
                default -> {
                    if (probe && rc == 5) {
                        role = Role.STOPPED;
                    } else if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
            }
        }
        if (role == Role.UNKNOWN) {
            role = Role.STOPPED;
        }
        // a node may (rarely) carry two history entries for one resource: active in either means active
        h.role = h.role.above(role) ? h.role : role;
        h.lastFailure = lastFailure;
        if (role.above(Role.STOPPED) && !node.online && !node.maintenance && rsc.managed) {
            if (node.isGuest()) {
                // a guest is "fenced" by recovering its container, fencing enabled or not
                rsc.failed = true;
                h.failed = true;
                RemoteNodes.fence(ws, node, rsc.id + " is thought to be active there");
            } else if (node.isRemote() && ws.stonithEnabled) {
                String reason = rsc.id + " is thought to be active there";
                if (node.connection != null && !node.connection.failed) {
                    // fencing is revoked if the connection can be re-established elsewhere
                    node.unseen = true;
                    reason = rsc.id + " is active there (fencing will be revoked if remote connection can be"
                            + " re-established elsewhere)";
                }
                RemoteNodes.fence(ws, node, reason);
            } else if (!node.unclean && ws.stonithEnabled) {
                node.fence(rsc.id + " is thought to be active there");
            }
        }
        if (node.unclean) {
            // resources on a node about to be fenced will be stopped by the fencing; no recovery needed
            onFail = OnFail.IGNORE;
        }
        switch (onFail) {
            case IGNORE -> { }
            case DEMOTE -> {
                // recovered by demotion (Pacemaker: failed, but no stop): demoted there, promoted again if it may
                if (!rsc.demoteOnFailure.contains(node)) {
                    rsc.demoteOnFailure.add(node);
                }
            }
            case FENCE -> {
                if (ws.stonithEnabled) {
                    node.fence(rsc.id + " failed there");
                }
                rsc.failed = rsc.failed || role.above(Role.STOPPED);
            }
            case STANDBY -> {
                node.standby = true;
                rsc.failed = rsc.failed || role.above(Role.STOPPED);
            }
            case BLOCK -> {
                rsc.managed = false;
                rsc.blocked = true;
                rsc.failed = true;
            }
            case STOP -> {
                for (SchedNode n : ws.nodes) {
                    rsc.allowed.set(n.index, Score.MINUS_INFINITY);
                }
                ws.explain.note(rsc, null, Score.MINUS_INFINITY, "on-fail=stop after a failure on " + node.uname);
                rsc.nextRole = Role.STOPPED;
                rsc.mustStop = true;
                rsc.nextRoleReason = "on-fail=stop";
                rsc.failed = rsc.failed || role.above(Role.STOPPED);
            }
            case RESTART -> {
                if (role.above(Role.STOPPED)) {
                    rsc.failed = true;
                    h.failed = true;
                }
            }
            case RESTART_CONTAINER -> {
                rsc.failed = true;
                if (rsc.container instanceof PrimitiveRsc c) {
                    if (!c.stopRequiredOn.contains(node)) {
                        c.stopRequiredOn.add(node);
                    }
                    h.failed = role.above(Role.STOPPED);
                } else if (role.above(Role.STOPPED)) {
                    h.failed = true;
                }
            }
            case RESET_REMOTE -> {
                rsc.failed = true;
                h.failed = role.above(Role.STOPPED);
                if (ws.stonithEnabled && rsc.remoteNode != null && !rsc.remoteNode.remoteWasFenced) {
                    RemoteNodes.fence(ws, rsc.remoteNode, "remote connection is unrecoverable");
                }
                if (RemoteNodes.reconnectIntervalMs(rsc) > 0) {
                    // the connection stays down until the failure expires and a reconnection is tried
                    rsc.nextRole = Role.STOPPED;
                    rsc.nextRoleReason = "remote reset";
                }
            }
            default -> { }
        }
        if (onFail == OnFail.FENCE || onFail == OnFail.STANDBY || onFail == OnFail.STOP) {
            h.failed = role.above(Role.STOPPED);
        }
    }

    /**
     * A hard (or, with no node, fatal) error bans the resource there, as Pacemaker's resource_location on
     * its top-level parent: every instance of a clone, whichever instance the history was mapped to.
     */
    private static void ban(WorkingSet ws, PrimitiveRsc rsc, SchedNode node, String why) {
        if (rsc.top().isClone()) {
            rsc.top().addLocation(ws, node, Score.MINUS_INFINITY, why);
            return;
        }
        if (node == null) {
            for (SchedNode n : ws.nodes) {
                rsc.allowed.set(n.index, Score.MINUS_INFINITY);
            }
        } else {
            rsc.allowed.set(node.index, Score.MINUS_INFINITY);
        }
        ws.explain.note(rsc, node, Score.MINUS_INFINITY, why);
    }

    private static long callOrder(LrmRscOp op) {
        int call = op.call();
        if (call < 0) {
            return Long.MAX_VALUE;
        }
        return call;
    }

    private static boolean expired(WorkingSet ws, PrimitiveRsc rsc, LrmRscOp op) {
        long ms = FailureTimeout.ms(rsc);
        if (ms <= 0 || ws.now == null) {
            return false;
        }
        if (RemoteNodes.reconnectIntervalMs(rsc) > 0 && ws.stonithEnabled && op.intervalMs() != 0
                && "monitor".equals(op.operation()) && rsc.remoteNode != null && !rsc.remoteNode.remoteWasFenced) {
            // Pacemaker's should_ignore_failure_timeout: a failed connection monitor stays until the remote node
            // has been fenced
            return false;
        }
        long change = op.lastRcChangeSeconds();
        if (change <= 0) {
            String lr = op.attribute("last-run");
            try {
                change = lr == null ? 0 : Long.parseLong(lr);
            } catch (NumberFormatException e) {
                change = 0;
            }
        }
        if (change <= 0) {
            return false;
        }
        if (change * 1000 + ms <= ws.now.toEpochMilli()) {
            return true;
        }
        ws.recheckAt(java.time.Instant.ofEpochMilli(change * 1000 + ms)); // the failure stops counting then
        return false;
    }
}
