package org.vigil.scheduler.history;

import org.vigil.cib.Op;
import org.vigil.rules.Durations;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * The on-fail policy of a failed operation: what its {@code on-fail} says (or the default for its task:
 * fence a failed stop when fencing is on, restart otherwise; restart the container of a resource in one;
 * reset the connection of a remote node), and which policies persist until the failure is cleared.
 */
enum OnFail {
    IGNORE, DEMOTE, RESTART, BLOCK, STOP, STANDBY, FENCE, RESTART_CONTAINER, RESET_REMOTE;

    /** The policy of a failure of {@code task} with {@code interval} on {@code rsc}. */
    static OnFail forOperation(WorkingSet ws, PrimitiveRsc rsc, String task, long interval) {
        String configured = null;
        for (Op op : rsc.ops) {
            if (task.equals(op.name()) && Durations.parseIntervalMs(op.interval()) == interval) {
                configured = op.attribute("on-fail");
                break;
            }
        }
        if (configured == null && task.equals("monitor") && interval == 0) {
            configured = null;
        }
        if ("restart-container".equals(configured)) {
            configured = rsc.container != null ? configured : null;
        }
        if (configured == null && rsc.container != null) {
            return OnFail.RESTART_CONTAINER;
        }
        if ((configured == null || !rsc.managed) && rsc.isRemoteConnection()
                && !(task.equals("monitor") && interval == 0) && !task.equals("start")) {
            // losing an active connection means the remote node's state is unknown: fence it
            return rsc.managed ? OnFail.RESET_REMOTE : OnFail.STOP;
        }
        if (configured != null) {
            switch (configured.trim().toLowerCase()) {
                case "restart-container":
                    return OnFail.RESTART_CONTAINER;
                case "ignore":
                    return OnFail.IGNORE;
                case "block":
                    return OnFail.BLOCK;
                case "stop":
                    return OnFail.STOP;
                case "standby":
                    return OnFail.STANDBY;
                case "fence":
                    return ws.stonithEnabled ? OnFail.FENCE : OnFail.BLOCK;
                case "demote":
                    return OnFail.DEMOTE;
                default:
                    return OnFail.RESTART;
            }
        }
        if (task.equals("stop")) {
            return ws.stonithEnabled ? OnFail.FENCE : OnFail.BLOCK;
        }
        return OnFail.RESTART;
    }

    /**
     * What is left of this policy once a later start, migrate_from or stop succeeded: stop, fence and standby
     * outlive it (and a remote connection's reset while it waits to reconnect); the rest is over.
     */
    OnFail clearable(PrimitiveRsc rsc) {
        return switch (this) {
            case STOP, FENCE, STANDBY -> this;
            // with a reconnect interval, the connection waits for the failure to expire
            case RESET_REMOTE -> RemoteNodes.reconnectIntervalMs(rsc) > 0 ? this : OnFail.IGNORE;
            default -> OnFail.IGNORE;
        };
    }
}
