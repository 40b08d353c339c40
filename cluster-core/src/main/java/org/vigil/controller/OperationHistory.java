package org.vigil.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;

/**
 * Writes operation results into a node's {@code lrm} history the way Pacemaker does, so a CIB saved from
 * Vigil replays in {@code crm simulate} (or Pacemaker's crm_simulate) to the same decision: one
 * {@code RSC_last_0} per resource for the latest one-shot operation, {@code RSC_last_failure_0} for the
 * latest failure, one {@code RSC_monitor_INTERVAL} per recurring monitor (dropped once the resource stops or
 * the monitor is cancelled: a {@code cancel} record of that interval).
 */
public final class OperationHistory {
    private OperationHistory() {}

    public static Lrm record(Lrm lrm, OpRecord op) {
        Lrm base = lrm == null ? new Lrm(op.node(), Map.of(), null, List.of()) : lrm;
        if (op.task().equals("notify")) {
            return base; // as in Pacemaker, notifications leave no trace in the resource's history
        }
        List<LrmResource> resources = new ArrayList<>(base.resources());
        int idx = -1;
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).id().equals(op.resource())) {
                idx = i;
                break;
            }
        }
        LrmResource updated = recorded(idx >= 0 ? resources.get(idx) : null, op);
        if (idx >= 0) {
            resources.set(idx, updated);
        } else {
            resources.add(updated);
        }
        return new Lrm(base.id(), base.otherAttributes(), base.resourcesId(), resources);
    }

    /** One resource's history with {@code op} recorded ({@code rsc} null: its first operation on the node). */
    static LrmResource recorded(LrmResource rsc, OpRecord op) {
        if (rsc == null) {
            rsc = new LrmResource(op.resource(), op.resourceClass(), op.provider(), op.type(), Map.of(), List.of());
        }
        if (op.task().equals("notify")) {
            return rsc;
        }
        List<LrmRscOp> ops = new ArrayList<>(rsc.ops());
        if (op.task().equals("cancel")) {
            // a cancelled recurring operation leaves the history, as Pacemaker's controller erases it; a failure
            // it recorded stays until a cleanup
            String lastFailure = op.resource() + "_last_failure_0";
            ops.removeIf(o -> o.intervalMs() == op.intervalMs() && !lastFailure.equals(o.id()));
            return rsc.withOps(ops);
        }
        boolean failed = op.opStatus() != OpRecord.EXEC_DONE || !expectedRc(op);
        if (op.intervalMs() > 0) {
            put(ops, toXml(op, op.operationKey()));
        } else {
            put(ops, toXml(op, op.resource() + "_last_0"));
            if (op.task().equals("stop") && !failed) {
                // A stopped resource's recurring monitors are cancelled, so their records go too; the
                // last-failure record stays (whatever its interval) until a cleanup, as in Pacemaker, so the
                // failure is still shown and counted after the recovery.
                String lastFailure = op.resource() + "_last_failure_0";
                ops.removeIf(o -> o.intervalMs() > 0 && !lastFailure.equals(o.id()));
            }
        }
        if (failed && !(op.intervalMs() == 0 && op.task().equals("monitor"))) {
            put(ops, toXml(op, op.resource() + "_last_failure_0"));
        }
        return rsc.withOps(ops);
    }

    /** Probes may find anything; other operations succeed with 0 (8 for a promoted monitor). */
    static boolean expectedRc(OpRecord op) {
        if (op.task().equals("monitor")) {
            return op.intervalMs() == 0 ? op.rc() == 0 || op.rc() == 7 || op.rc() == 8 : op.rc() == 0 || op.rc() == 8;
        }
        return op.rc() == 0;
    }

    private static void put(List<LrmRscOp> ops, LrmRscOp op) {
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).id().equals(op.id())) {
                ops.set(i, op);
                return;
            }
        }
        ops.add(op);
    }

    private static LrmRscOp toXml(OpRecord op, String id) {
        java.util.TreeMap<String, String> other = new java.util.TreeMap<>(op.extra());
        other.put("operation_key", op.operationKey());
        other.put("crm_feature_set", "3.16.2");
        other.put("queue-time", "0");
        return LrmRscOp.recorded(id, op.task(), op.intervalMs(), op.callId(), op.rc(), op.opStatus(),
                op.epochSeconds(), op.execMs(), op.transitionKey(), op.node(),
                op.exitReason() == null || op.exitReason().isEmpty() ? null : op.exitReason(), other);
    }

    /** The resource's latest operation by call id (recurring monitors included), or null without any. */
    public static LrmRscOp last(LrmResource r) {
        LrmRscOp last = null;
        for (LrmRscOp op : r.ops()) {
            if (last == null || op.call() > last.call()) {
                last = op;
            }
        }
        return last;
    }

    /**
     * Whether the resource may still be active where this history was kept: only a successful stop or
     * migration away, or a monitor that found it not running, says it is not.
     */
    public static boolean active(LrmResource r) {
        LrmRscOp op = last(r);
        if (op == null) {
            return false;
        }
        return switch (op.operation()) {
            case "stop", "migrate_to" -> op.rc() != 0;
            case "monitor" -> op.rc() != 7;
            default -> true;
        };
    }

    /** The resources a node's own history says may still be active there. */
    public static List<String> activeResources(Lrm history) {
        List<String> out = new ArrayList<>();
        if (history != null) {
            for (LrmResource r : history.resources()) {
                if (active(r)) {
                    out.add(r.id());
                }
            }
        }
        return out;
    }
}
