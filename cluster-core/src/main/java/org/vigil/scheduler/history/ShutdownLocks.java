package org.vigil.scheduler.history;

import org.vigil.cib.LrmResource;
import org.vigil.cib.Score;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;

/**
 * Pacemaker's {@code shutdown-lock}: a primitive (alone or in a group, not in a clone) active on exactly one
 * node that shuts down cleanly is locked to that node, so it stops there and waits for the node instead of
 * moving; the controller records the lock (the shutdown time) in the node's history as the
 * {@code shutdown-lock} attribute of the resource's entry. A lock older than {@code shutdown-lock-limit}
 * has expired. Fencing devices are never locked.
 */
public final class ShutdownLocks {
    private ShutdownLocks() {}

    /** A lock recorded in the history of {@code node}, unless it has expired. */
    static void fromHistory(WorkingSet ws, PrimitiveRsc rsc, SchedNode node, LrmResource entry) {
        String recorded = entry.otherAttributes().get("shutdown-lock");
        if (rsc == null || recorded == null) {
            return;
        }
        long lockTime;
        try {
            lockTime = Long.parseLong(recorded.trim());
        } catch (NumberFormatException e) {
            ws.warn("shutdown-lock of " + entry.id() + " on " + node.uname + " is not a time: " + recorded);
            return;
        }
        if (lockTime == 0) {
            return;
        }
        if (ws.shutdownLockLimitMs > 0 && ws.now.getEpochSecond() > lockTime + ws.shutdownLockLimitMs / 1000) {
            return; // expired
        }
        rsc.shutdownLockNode = node;
    }

    /** Locks resources to the node they wait for (or a node shutting down now) by banning all the others. */
    public static void apply(WorkingSet ws) {
        for (PrimitiveRsc p : ws.primitives) {
            if (!lockable(p)) {
                continue;
            }
            if (p.shutdownLockNode != null && !p.runningOn.isEmpty()) {
                // started elsewhere despite the lock: leave it alone
                p.shutdownLockNode = null;
            } else if (p.shutdownLockNode == null && p.runningOn.size() == 1) {
                SchedNode n = p.runningOn.get(0);
                if (n.shutdown && !n.unclean) {
                    p.shutdownLockNode = n;
                }
            }
            if (p.shutdownLockNode == null) {
                continue;
            }
            for (SchedNode n : ws.nodes) {
                if (n != p.shutdownLockNode) {
                    p.addLocation(ws, n, Score.MINUS_INFINITY,
                            "shutdown-lock: waits for " + p.shutdownLockNode.uname + " to come back");
                }
            }
        }
    }

    private static boolean lockable(PrimitiveRsc p) {
        if (p.isStonith() || p.orphan) {
            return false;
        }
        return p.isUncloned();
    }
}
