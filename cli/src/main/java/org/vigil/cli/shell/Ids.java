package org.vigil.cli.shell;

/**
 * The ids the configure language gives to the parts it creates, following crmsh's conventions. The printer
 * omits an id ({@code $id=...}) exactly when it equals the one generated here, so print then parse keeps ids.
 */
public final class Ids {
    private Ids() {}

    /**
     * The n-th (0-based) use of a generated id: crmsh's id manager takes the base, then appends {@code -0},
     * {@code -1}, ... to the base while it is taken, so the second object gets {@code -0}.
     */
    static String nth(String base, int n) {
        return n == 0 ? base : base + "-" + (n - 1);
    }

    /** The n-th (0-based) set of a kind under {@code owner}: {@code vm-instance_attributes}, then {@code -0}, ... */
    public static String nvSet(String owner, String kind, int n) {
        return nth(owner + "-" + kind, n);
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

    /** {@code vm-monitor-30s}; a repeated name/interval gets {@code -0}, {@code -1}, ... */
    public static String op(String rsc, String name, String interval, int n) {
        return nth(rsc + "-" + name + "-" + interval, n);
    }

    public static String rule(String owner, int n) {
        return nth(owner + "-rule", n);
    }

    public static String expression(String ruleId, int n) {
        return nth(ruleId + "-expression", n);
    }

    /** crmsh numbers fencing levels {@code fencing}, {@code fencing-0}, ... */
    public static String fencingLevel(int n) {
        return nth("fencing", n);
    }

    /** ACL permissions and alert attribute selections are numbered from 0 under their owner. */
    public static String numbered(String owner, int n) {
        return owner + "-" + n;
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
