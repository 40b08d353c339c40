package org.vigil.cib;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value types of the options Pacemaker knows: cluster properties, resource and operation meta attributes,
 * operation attributes. Names it does not know are left alone (agents and scripts use their own); a known
 * name with a value of the wrong type is an error, since Pacemaker would quietly use its default instead.
 */
final class OptionTypes {
    /** Pacemaker's interval/timeout syntax: a number with an optional unit, or an ISO 8601 duration. */
    static final Pattern TIME = Pattern.compile(
            "(?i)\\s*[0-9]+\\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\\s*|P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?"
                    + "(T?(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?");
    /** ISO 8601 as crm_time reads it: calendar, ordinal or week dates, with an optional time and offset. */
    private static final Pattern DATE = Pattern.compile(
            "[0-9]{4}-(?:[0-9]{2}-[0-9]{2}|[0-9]{3}|W[0-9]{2}-[0-9])"
                    + "(?:[T ][0-9]{2}(?::?[0-9]{2}(?::?[0-9]{2})?)?\\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?");
    /** A date_spec field: a number or a range of numbers. */
    private static final Pattern RANGE = Pattern.compile("[0-9]+(-[0-9]+)?");

    enum Kind { BOOLEAN, INTEGER, SCORE, TIME, ROLE, ENUM }

    record Type(Kind kind, List<String> values) {}

    static final Map<String, Type> PROPERTIES = table(
            "stonith-enabled:BOOLEAN", "fencing-enabled:BOOLEAN", "symmetric-cluster:BOOLEAN",
            "maintenance-mode:BOOLEAN", "start-failure-is-fatal:BOOLEAN", "enable-startup-probes:BOOLEAN",
            "stop-orphan-resources:BOOLEAN", "stop-orphan-actions:BOOLEAN", "stop-all-resources:BOOLEAN",
            "concurrent-fencing:BOOLEAN", "startup-fencing:BOOLEAN", "shutdown-lock:BOOLEAN", "enable-acl:BOOLEAN",
            "no-quorum-policy=stop|freeze|ignore|demote|suicide",
            "placement-strategy=default|utilization|minimal|balanced", "stonith-action=reboot|off|poweroff",
            "fence-reaction=stop|panic",
            "node-health-strategy=none|migrate-on-red|only-green|progressive|custom",
            "cluster-recheck-interval:TIME", "dc-deadtime:TIME", "election-timeout:TIME", "shutdown-escalation:TIME",
            "join-integration-timeout:TIME", "join-finalization-timeout:TIME", "transition-delay:TIME",
            "stonith-timeout:TIME", "priority-fencing-delay:TIME", "shutdown-lock-limit:TIME", "cluster-delay:TIME",
            "migration-limit:INTEGER", "batch-limit:INTEGER", "pe-error-series-max:INTEGER",
            "pe-warn-series-max:INTEGER", "pe-input-series-max:INTEGER", "node-action-limit:INTEGER",
            "cluster-ipc-limit:INTEGER", "stonith-max-attempts:INTEGER",
            "node-health-green:SCORE", "node-health-yellow:SCORE", "node-health-red:SCORE",
            "default-resource-stickiness:SCORE");

    static final Map<String, Type> RESOURCE_META = table(
            "target-role:ROLE", "is-managed:BOOLEAN", "maintenance:BOOLEAN", "allow-migrate:BOOLEAN",
            "globally-unique:BOOLEAN", "interleave:BOOLEAN", "notify:BOOLEAN", "ordered:BOOLEAN",
            "promotable:BOOLEAN", "critical:BOOLEAN", "allow-unhealthy-nodes:BOOLEAN",
            "resource-stickiness:SCORE", "migration-threshold:SCORE", "priority:SCORE",
            "failure-timeout:TIME", "remote-connect-timeout:TIME",
            "multiple-active=block|stop_only|stop_start|stop_unexpected",
            "requires=nothing|quorum|fencing|unfencing", "restart-type=ignore|restart",
            "clone-max:INTEGER", "clone-node-max:INTEGER", "clone-min:INTEGER", "promoted-max:INTEGER",
            "promoted-node-max:INTEGER", "master-max:INTEGER", "master-node-max:INTEGER");

    static final Map<String, Type> OPERATION = table(
            "interval:TIME", "timeout:TIME", "start-delay:TIME", "enabled:BOOLEAN", "record-pending:BOOLEAN",
            "role:ROLE", "on-fail=ignore|block|demote|stop|restart|standby|fence|restart-container");

    private OptionTypes() {}

    private static Map<String, Type> table(String... entries) {
        Map<String, Type> m = new HashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                m.put(e.substring(0, eq), new Type(Kind.ENUM, List.of(e.substring(eq + 1).split("\\|"))));
            } else {
                int colon = e.indexOf(':');
                m.put(e.substring(0, colon), new Type(Kind.valueOf(e.substring(colon + 1)), List.of()));
            }
        }
        return Map.copyOf(m);
    }

    /** Why {@code value} does not fit {@code type}, or null when it does. */
    static String problem(Type type, String value) {
        if (type == null || value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> Booleans.isBoolean(value) ? null : "is not a boolean (true or false)";
            case INTEGER -> value.strip().matches("[+-]?[0-9]+") ? null : "is not an integer";
            // like char2score, a decimal counts by its integer part (Pacemaker's own tests write priority="1.0")
            case SCORE -> Score.parse(value).isPresent() || value.strip().matches("[+-]?[0-9]+\\.[0-9]+") ? null
                    : "is not a score (an integer, INFINITY or -INFINITY)";
            case TIME -> TIME.matcher(value).matches() ? null : "is not a time (e.g. 30s, 10, 5min, PT1M)";
            case ROLE -> value.equals("#default") || CibValidator.ROLES.contains(capitalise(value)) ? null
                    : "is not a role (expected Started, Stopped, Promoted, Unpromoted, or the older Master, Slave)";
            case ENUM -> type.values().contains(value) ? null : "is not one of " + String.join(", ", type.values());
        };
    }

    static boolean isDate(String s) {
        return DATE.matcher(s.strip()).matches();
    }

    static boolean isRange(String s) {
        return RANGE.matcher(s.strip()).matches();
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
