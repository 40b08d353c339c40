package org.vigil.cib;

import java.util.Map;

/**
 * One recorded operation result ({@code lrm_rsc_op}). Values are kept as written; the typed accessors
 * parse them for the scheduler.
 *
 * @param otherAttributes operation_key, op-digest, queue-time, last-run, migrate_source, ... as written
 */
public record LrmRscOp(
        String id,
        String operation,
        String interval,
        String callId,
        String rcCode,
        String opStatus,
        String lastRcChange,
        String execTime,
        String transitionKey,
        String transitionMagic,
        String onNode,
        String exitReason,
        Map<String, String> otherAttributes) {
    public LrmRscOp {
        otherAttributes = Copies.sorted(otherAttributes);
    }

    public String attribute(String key) {
        return otherAttributes.get(key);
    }

    public int rc() {
        return parseInt(rcCode, -1);
    }

    public int status() {
        return parseInt(opStatus, 0);
    }

    public int call() {
        return parseInt(callId, -1);
    }

    /** The interval in milliseconds (Pacemaker records it as a number of ms). */
    public long intervalMs() {
        return parseLong(interval, 0);
    }

    public long lastRcChangeSeconds() {
        return parseLong(lastRcChange, 0);
    }

    private static int parseInt(String s, int dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long parseLong(String s, long dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
