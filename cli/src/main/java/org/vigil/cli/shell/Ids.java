package org.vigil.cli.shell;

/**
 * The ids the configure language gives to the parts it creates, following crmsh's conventions. The printer
 * omits an id ({@code $id=...}) exactly when it equals the one generated here, so print then parse keeps ids.
 */
public final class Ids {
    private Ids() {}

    /** The n-th (0-based) set of a kind under {@code owner}: {@code vm-instance_attributes}, then {@code -1}, ... */
    public static String nvSet(String owner, String kind, int n) {
        return n == 0 ? owner + "-" + kind : owner + "-" + kind + "-" + n;
    }

    public static String nvPair(String setId, String name) {
        return setId + "-" + name;
    }

    /** Node attributes use Pacemaker's crm_attribute convention. */
    public static String nodeAttributes(String nodeId, int n) {
        return n == 0 ? "nodes-" + nodeId : "nodes-" + nodeId + "-" + n;
    }

    public static String nodeUtilization(String nodeId, int n) {
        return nvSet("nodes-" + nodeId, "utilization", n);
    }

    /** {@code vm-monitor-30s}; a repeated name/interval gets {@code -1}, {@code -2}, ... */
    public static String op(String rsc, String name, String interval, int n) {
        String base = rsc + "-" + name + "-" + interval;
        return n == 0 ? base : base + "-" + n;
    }

    public static String rule(String owner, int n) {
        return n == 0 ? owner + "-rule" : owner + "-rule-" + n;
    }

    public static String expression(String ruleId, int n) {
        return n == 0 ? ruleId + "-expression" : ruleId + "-expression-" + n;
    }

    public static String resourceSet(String constraintId, int n) {
        return constraintId + "-" + n;
    }

    public static String dateSpec(String expressionId) {
        return expressionId + "-date_spec";
    }

    public static String duration(String expressionId) {
        return expressionId + "-duration";
    }
}
