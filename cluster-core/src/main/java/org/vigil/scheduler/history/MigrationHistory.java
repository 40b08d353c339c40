package org.vigil.scheduler.history;

import java.util.List;
import org.vigil.cib.LrmRscOp;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * What a failed migrate_to leaves behind, as Pacemaker's unpack_migrate_to_failure reads it: unless the target
 * has newer state since (a start, stop or migration there, or a monitor finding it not running — compared by
 * call id on one node, by last-rc-change across nodes), the resource is assumed active on the target too; if
 * the source stopped it since, it restarts there. Otherwise, with nothing newer on the source either, the
 * source holds a dangling migration and is stopped.
 */
final class MigrationHistory {
    private MigrationHistory() {}

    /** The target now counted active because of the source's failed migrate_to, or null. */
    static SchedNode failedMigrateToTarget(WorkingSet ws, PrimitiveRsc p, NodeHistory source) {
        if (!source.migrateToFailed) {
            return null; // the usual case, found without looking through the operations
        }
        LrmRscOp migrateTo = last(source.ops, "migrate_to");
        if (migrateTo == null || succeeded(migrateTo) || !source.node.uname.equals(migrateTo.attribute("migrate_source"))) {
            return null;
        }
        SchedNode target = ws.node(migrateTo.attribute("migrate_target"));
        NodeHistory th = target == null ? null : p.history.get(target);
        if (th != null && !th.ops.isEmpty() && !newerStateAfter(th.ops, migrateTo, migrateFrom(th.ops, source))) {
            if (!target.online) {
                return null;
            }
            boolean activeAnywhere = false;
            for (NodeHistory h : p.history.values()) {
                activeAnywhere |= h.role.above(Role.STOPPED);
            }
            if (!th.role.above(Role.STOPPED)) {
                th.role = Role.STARTED;
            }
            if (!activeAnywhere && !p.stopRequiredOn.contains(target)) {
                // active nowhere by its own history (stopped on the source since): Pacemaker's role is stopped
                // while it counts as active on the target, so it is restarted there
                p.stopRequiredOn.add(target);
            }
            return target;
        }
        if (th != null && !th.ops.isEmpty() && !nonMonitorAfter(source.ops, migrateTo, true)
                && !p.danglingMigrations.contains(source.node)) {
            p.danglingMigrations.add(source.node);
        }
        return null;
    }

    private static LrmRscOp migrateFrom(List<LrmRscOp> ops, NodeHistory source) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            LrmRscOp op = ops.get(i);
            if ("migrate_from".equals(op.operation()) && succeeded(op)
                    && source.node.uname.equals(op.attribute("migrate_source"))) {
                return op;
            }
        }
        return null;
    }

    private static boolean newerStateAfter(List<LrmRscOp> targetOps, LrmRscOp migrateTo, LrmRscOp migrateFrom) {
        LrmRscOp reference = migrateFrom != null ? migrateFrom : migrateTo;
        boolean sameNode = migrateFrom != null;
        return nonMonitorAfter(targetOps, reference, sameNode) || notRunningAfter(targetOps, reference, sameNode);
    }

    private static boolean nonMonitorAfter(List<LrmRscOp> ops, LrmRscOp reference, boolean sameNode) {
        for (LrmRscOp op : ops) {
            String task = op.operation();
            if (op != reference && ("start".equals(task) || "stop".equals(task) || "migrate_to".equals(task)
                    || "migrate_from".equals(task)) && newer(op, reference, sameNode)) {
                return true;
            }
        }
        return false;
    }

    private static boolean notRunningAfter(List<LrmRscOp> ops, LrmRscOp reference, boolean sameNode) {
        for (LrmRscOp op : ops) {
            if (op != reference && "monitor".equals(op.operation()) && op.rc() == 7 && newer(op, reference, sameNode)) {
                return true;
            }
        }
        return false;
    }

    /** Pacemaker's pe__is_newer_op: call ids on one node (a pending one is newest), else last-rc-change. */
    static boolean newer(LrmRscOp a, LrmRscOp b, boolean sameNodeDefault) {
        boolean sameNode = a.onNode() == null || b.onNode() == null ? sameNodeDefault : a.onNode().equals(b.onNode());
        if (a.call() == -1 || b.call() == -1) {
            return a.call() == -1 && b.call() != -1;
        }
        if (sameNode) {
            return a.call() > b.call();
        }
        long la = a.lastRcChange() == null ? -1 : a.lastRcChangeSeconds();
        long lb = b.lastRcChange() == null ? -1 : b.lastRcChangeSeconds();
        return lb >= 0 && la > lb;
    }

    private static LrmRscOp last(List<LrmRscOp> ops, String task) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            if (task.equals(ops.get(i).operation())) {
                return ops.get(i);
            }
        }
        return null;
    }

    private static boolean succeeded(LrmRscOp op) {
        return op.status() == 0 && op.rc() == 0;
    }
}
