package org.vigil.scheduler.stage;

import org.vigil.cib.LrmRscOp;
import org.vigil.cib.Op;
import org.vigil.rules.Durations;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * Cancels recurring operations that must no longer run, as Pacemaker's {@code check_actions_for} and
 * {@code pcmk__check_action_config} do for every active primitive on a node that can act:
 * <ul>
 * <li>in maintenance (the cluster's {@code maintenance-mode}, the resource's {@code maintenance} meta attribute,
 * or the node's {@code maintenance} attribute) every recurring operation of the resource there is cancelled,
 * so nothing it finds is counted; once maintenance ends the monitors are no longer recorded and
 * {@link MonitorsStage} schedules them again;</li>
 * <li>a recorded recurring operation the configuration no longer has (removed, interval changed or
 * {@code enabled=false}) is cancelled when {@code stop-orphan-actions} is true (the default).</li>
 * </ul>
 * A cancel is the {@code cancel} task of the resource on the node with the cancelled operation's interval,
 * and its name in meta {@code operation}; it follows any stop of the resource there.
 */
final class RecurringCancels {
    private RecurringCancels() {}

    static void schedule(WorkingSet ws) {
        for (PrimitiveRsc p : ws.primitives) {
            if (p.orphan) {
                continue;
            }
            for (NodeHistory h : p.history.values()) {
                SchedNode n = h.node;
                if (!h.role.above(Role.STOPPED) || h.activeRecurring.isEmpty() || !canAct(n)) {
                    continue;
                }
                boolean maintenance = ws.maintenanceMode || p.maintenance || n.maintenance;
                for (LrmRscOp op : h.activeRecurring) {
                    if (maintenance || (ws.stopOrphanActions && !configured(p, op))) {
                        cancel(ws, p, n, op);
                    }
                }
            }
        }
    }

    /** Pacemaker checks the histories of nodes in maintenance and of nodes that may run resources. */
    private static boolean canAct(SchedNode n) {
        return n.online && !n.unclean && (n.maintenance || (!n.shutdown && !n.standby));
    }

    /** Whether an enabled operation of that name and interval is configured. */
    static boolean configured(PrimitiveRsc p, LrmRscOp recorded) {
        for (Op op : p.ops) {
            if (op.name().equals(recorded.operation())
                    && Durations.parseIntervalMs(op.interval()) == recorded.intervalMs()
                    && !"false".equalsIgnoreCase(op.attribute("enabled"))) {
                return true;
            }
        }
        return false;
    }

    private static void cancel(WorkingSet ws, PrimitiveRsc p, SchedNode n, LrmRscOp op) {
        Action cancel = ws.action(p, "cancel", n, op.intervalMs(), false);
        cancel.meta = java.util.Map.of("operation", op.operation());
        Action stop = p.findAction("stop", n);
        if (stop != null) {
            ws.order(stop, cancel, Edge.OPTIONAL);
        }
    }
}
