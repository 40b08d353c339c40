package org.vigil.cib;

import java.util.Map;
import java.util.Objects;

/**
 * One recorded operation result ({@code lrm_rsc_op}). Values are kept as written; the typed accessors
 * return them parsed.
 *
 * <p>A class rather than a record only so the numbers are parsed once: the scheduler reads every
 * operation of every node on every run, and re-parsing them was a third of its time. It behaves as the
 * record it was (component accessors, value equality); the parsed values are transient, so the JSON codec
 * sees only what was written.
 */
public final class LrmRscOp {
    private final String id;
    private final String operation;
    private final String interval;
    private final String callId;
    private final String rcCode;
    private final String opStatus;
    private final String lastRcChange;
    private final String execTime;
    private final String transitionKey;
    private final String transitionMagic;
    private final String onNode;
    private final String exitReason;
    private final Map<String, String> otherAttributes;
    private final transient int rc;
    private final transient int status;
    private final transient int call;
    private final transient long intervalMs;
    private final transient long lastRcChangeSeconds;
    private final transient int expectedRc;
    /** The digest attributes, looked up once (null until first asked for). */
    private transient Digests digests;

    /**
     * The parameter digests Pacemaker records with an operation: {@code op-digest}, and for agents that can
     * reload, {@code op-restart-digest} with the names in {@code op-force-restart}. Null where absent.
     */
    public record Digests(String all, String restart, String forceRestart) {}

    /**
     * @param otherAttributes operation_key, op-digest, queue-time, last-run, migrate_source, ... as written
     */
    public LrmRscOp(String id, String operation, String interval, String callId, String rcCode, String opStatus,
            String lastRcChange, String execTime, String transitionKey, String transitionMagic, String onNode,
            String exitReason, Map<String, String> otherAttributes) {
        this(id, operation, interval, callId, rcCode, opStatus, lastRcChange, execTime, transitionKey, transitionMagic,
                onNode, exitReason, Copies.sorted(otherAttributes), parseInt(rcCode, -1), parseInt(opStatus, 0),
                parseInt(callId, -1), parseLong(interval, 0), parseLong(lastRcChange, 0));
    }

    private LrmRscOp(String id, String operation, String interval, String callId, String rcCode, String opStatus,
            String lastRcChange, String execTime, String transitionKey, String transitionMagic, String onNode,
            String exitReason, Map<String, String> sortedOtherAttributes, int rc, int status, int call,
            long intervalMs, long lastRcChangeSeconds) {
        this.id = id;
        this.operation = canonical(operation);
        this.interval = interval;
        this.callId = callId;
        this.rcCode = rcCode;
        this.opStatus = opStatus;
        this.lastRcChange = lastRcChange;
        this.execTime = execTime;
        this.transitionKey = transitionKey;
        this.transitionMagic = transitionMagic;
        this.onNode = onNode;
        this.exitReason = exitReason;
        this.otherAttributes = sortedOtherAttributes;
        this.rc = rc;
        this.status = status;
        this.call = call;
        this.intervalMs = intervalMs;
        this.lastRcChangeSeconds = lastRcChangeSeconds;
        this.expectedRc = expectedRc(transitionKey, transitionMagic);
    }

    /**
     * A result as an executor records it, from its numbers: the same object the string constructor makes of
     * their decimal forms (and the magic {@code status:rc;key}), without parsing them back. Recording is
     * done for every operation of the cluster, so this is the executor's path.
     *
     * @param otherAttributes taken over, not copied: the caller hands over a map it no longer touches
     */
    public static LrmRscOp recorded(String id, String operation, long intervalMs, int callId, int rc, int opStatus,
            long lastRcChangeSeconds, long execMs, String transitionKey, String onNode, String exitReason,
            java.util.TreeMap<String, String> otherAttributes) {
        return new LrmRscOp(id, operation, decimal(intervalMs), Integer.toString(callId), decimal(rc),
                decimal(opStatus), Long.toString(lastRcChangeSeconds), decimal(execMs), transitionKey,
                opStatus + ":" + rc + ";" + transitionKey, onNode, exitReason,
                otherAttributes.isEmpty() ? java.util.Collections.emptySortedMap()
                        : java.util.Collections.unmodifiableSortedMap(otherAttributes),
                rc, opStatus, callId, intervalMs, lastRcChangeSeconds);
    }

    public String id() {
        return id;
    }

    public String operation() {
        return operation;
    }

    public String interval() {
        return interval;
    }

    public String callId() {
        return callId;
    }

    public String rcCode() {
        return rcCode;
    }

    public String opStatus() {
        return opStatus;
    }

    public String lastRcChange() {
        return lastRcChange;
    }

    public String execTime() {
        return execTime;
    }

    public String transitionKey() {
        return transitionKey;
    }

    public String transitionMagic() {
        return transitionMagic;
    }

    public String onNode() {
        return onNode;
    }

    public String exitReason() {
        return exitReason;
    }

    public Map<String, String> otherAttributes() {
        return otherAttributes;
    }

    public String attribute(String key) {
        return otherAttributes.get(key);
    }

    /** The digest attributes; the scheduler compares them with every active resource's parameters each run. */
    public Digests digests() {
        Digests d = digests;
        if (d == null) {
            d = new Digests(otherAttributes.get("op-digest"), otherAttributes.get("op-restart-digest"),
                    otherAttributes.get("op-force-restart"));
            digests = d; // a benign race: every thread computes the same
        }
        return d;
    }

    public int rc() {
        return rc;
    }

    public int status() {
        return status;
    }

    /** Pacemaker's name for an op-status value (its pcmk_exec_status_str), as its tools print it. */
    public static String statusText(int status) {
        return switch (status) {
            case -1 -> "pending";
            case 0 -> "complete";
            case 1 -> "Cancelled";
            case 2 -> "Timed Out";
            case 3 -> "NOT SUPPORTED";
            case 4 -> "Error";
            case 5 -> "Hard error";
            case 6 -> "Fatal error";
            case 7 -> "Not installed";
            case 8 -> "Internal communication failure";
            case 9 -> "Cannot execute now";
            case 10 -> "No fence device";
            case 11 -> "CIB secrets unavailable";
            default -> "UNKNOWN!";
        };
    }

    public int call() {
        return call;
    }

    /** The interval in milliseconds (Pacemaker records it as a number of ms). */
    public long intervalMs() {
        return intervalMs;
    }

    public long lastRcChangeSeconds() {
        return lastRcChangeSeconds;
    }

    /** The exit code the DC expected: the third field of the transition key (0 without one). */
    public int expectedRc() {
        return expectedRc;
    }

    private static int expectedRc(String transitionKey, String transitionMagic) {
        String key = transitionKey;
        if (key == null && transitionMagic != null) {
            int semi = transitionMagic.indexOf(';');
            key = semi >= 0 ? transitionMagic.substring(semi + 1) : null;
        }
        if (key == null) {
            return 0;
        }
        int first = key.indexOf(':');
        int second = first < 0 ? -1 : key.indexOf(':', first + 1);
        if (second < 0) {
            return 0;
        }
        int third = key.indexOf(':', second + 1);
        int end = third < 0 ? key.length() : third;
        if (end > second + 1 && end - second <= 4) { // the usual one or two digits, read in place
            int value = 0;
            int i = second + 1;
            for (; i < end && key.charAt(i) >= '0' && key.charAt(i) <= '9'; i++) {
                value = value * 10 + (key.charAt(i) - '0');
            }
            if (i == end) {
                return value;
            }
        }
        try {
            return Integer.parseInt(key.substring(second + 1, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof LrmRscOp x && Objects.equals(id, x.id)
                && Objects.equals(operation, x.operation) && Objects.equals(interval, x.interval)
                && Objects.equals(callId, x.callId) && Objects.equals(rcCode, x.rcCode)
                && Objects.equals(opStatus, x.opStatus) && Objects.equals(lastRcChange, x.lastRcChange)
                && Objects.equals(execTime, x.execTime) && Objects.equals(transitionKey, x.transitionKey)
                && Objects.equals(transitionMagic, x.transitionMagic) && Objects.equals(onNode, x.onNode)
                && Objects.equals(exitReason, x.exitReason) && otherAttributes.equals(x.otherAttributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, operation, interval, callId, rcCode, opStatus, lastRcChange, execTime, transitionKey,
                transitionMagic, onNode, exitReason, otherAttributes);
    }

    @Override
    public String toString() {
        return "LrmRscOp[id=" + id + ", operation=" + operation + ", interval=" + interval + ", callId=" + callId
                + ", rcCode=" + rcCode + ", opStatus=" + opStatus + ", lastRcChange=" + lastRcChange
                + ", execTime=" + execTime + ", transitionKey=" + transitionKey + ", transitionMagic="
                + transitionMagic + ", onNode=" + onNode + ", exitReason=" + exitReason + ", otherAttributes="
                + otherAttributes + "]";
    }

    /** Exit codes, statuses, a probe's interval, an instant execution: nearly every result's small numbers. */
    private static final String[] SMALL = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private static String decimal(long v) {
        return v >= 0 && v < SMALL.length ? SMALL[(int) v] : Long.toString(v);
    }

    private static final String[] OPERATIONS = {"monitor", "start", "stop", "promote", "demote", "migrate_to",
        "migrate_from", "notify"};

    /** Operation names as the one shared literal each, so the scheduler's comparisons stop at identity. */
    private static String canonical(String task) {
        if (task == null) {
            return null;
        }
        for (String name : OPERATIONS) {
            if (name.equals(task)) { // identity first: executors record the literals themselves
                return name;
            }
        }
        return task;
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
