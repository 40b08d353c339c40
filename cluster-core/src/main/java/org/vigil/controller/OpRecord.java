package org.vigil.controller;

import java.util.Map;

/**
 * A finished operation as the LRM records it: what ran, how it ended, when.
 *
 * @param rc        the OCF code (timeouts are recorded as 1, generic error, as Pacemaker does)
 * @param opStatus  Pacemaker's execution status: 0 done, 1 cancelled, 2 timed out, 4 error
 * @param extra     additional lrm_rsc_op attributes (migrate_source, migrate_target, op-digest, ...)
 */
public record OpRecord(
        String resource,
        String resourceClass,
        String provider,
        String type,
        String task,
        long intervalMs,
        int rc,
        int opStatus,
        int callId,
        long epochSeconds,
        long execMs,
        String node,
        String transitionKey,
        String exitReason,
        Map<String, String> extra) {
    public static final int EXEC_DONE = 0;
    public static final int EXEC_CANCELLED = 1;
    public static final int EXEC_TIMEOUT = 2;
    public static final int EXEC_ERROR = 4;

    public OpRecord {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public String operationKey() {
        return resource + "_" + task + "_" + intervalMs;
    }
}
