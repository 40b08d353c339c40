package org.vigil.rules;

import java.time.Instant;
import java.util.Map;

/**
 * What a rule may look at: the node's attributes (including {@code #uname}, {@code #id}, {@code #kind}),
 * the evaluation instant, the role being evaluated, and the resource/operation being configured.
 *
 * @param nodeAttributes attributes of the node, or an empty map when no node is involved
 * @param now the instant date expressions are compared against
 * @param role the role a role-restricted rule must match, or null when roles do not matter
 * @param resource class/provider/type of the resource (for rsc_expression), or null
 * @param operation name/interval of the operation (for op_expression), or null
 * @param resourceParams resource parameters (for value-source="param"), may be empty
 * @param resourceMeta resource meta-attributes (for value-source="meta"), may be empty
 * @param dates told of every instant after {@code now} at which a date expression evaluated here changes its
 *              answer, so a caller can look again exactly then (Pacemaker's recheck-by)
 */
public record RuleContext(
        Map<String, String> nodeAttributes,
        Instant now,
        String role,
        ResourceKind resource,
        OperationKind operation,
        Map<String, String> resourceParams,
        Map<String, String> resourceMeta,
        DateWatch dates) {

    /** Receives the instants at which a date expression's answer changes. */
    @FunctionalInterface
    public interface DateWatch {
        DateWatch NONE = at -> { };

        void changesAt(Instant at);
    }

    /** Identity of a resource agent, for {@code rsc_expression}. */
    public record ResourceKind(String resourceClass, String provider, String type) {}

    /** Identity of an operation, for {@code op_expression}. */
    public record OperationKind(String name, long intervalMs) {}

    public RuleContext {
        nodeAttributes = nodeAttributes == null ? Map.of() : nodeAttributes;
        resourceParams = resourceParams == null ? Map.of() : resourceParams;
        resourceMeta = resourceMeta == null ? Map.of() : resourceMeta;
        dates = dates == null ? DateWatch.NONE : dates;
    }

    public static RuleContext forNode(Map<String, String> nodeAttributes, Instant now) {
        return new RuleContext(nodeAttributes, now, null, null, null, Map.of(), Map.of(), DateWatch.NONE);
    }

    public static RuleContext at(Instant now) {
        return new RuleContext(Map.of(), now, null, null, null, Map.of(), Map.of(), DateWatch.NONE);
    }

    public RuleContext watchingDates(DateWatch watch) {
        return new RuleContext(nodeAttributes, now, role, resource, operation, resourceParams, resourceMeta, watch);
    }

    public RuleContext withResource(ResourceKind kind) {
        return new RuleContext(nodeAttributes, now, role, kind, operation, resourceParams, resourceMeta, dates);
    }

    public RuleContext withOperation(OperationKind op) {
        return new RuleContext(nodeAttributes, now, role, resource, op, resourceParams, resourceMeta, dates);
    }

    public RuleContext withRole(String r) {
        return new RuleContext(nodeAttributes, now, r, resource, operation, resourceParams, resourceMeta, dates);
    }
}
