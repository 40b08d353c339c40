package org.vigil.cib;

import java.util.Map;

/** A {@code date_expression}: in_range, gt, lt or date_spec, evaluated against the scheduler's "now". */
public record DateExpression(
        String id,
        String operation,
        String start,
        String end,
        Map<String, String> otherAttributes,
        DateSpec dateSpec,
        DateSpec duration)
        implements RuleCondition {
    public DateExpression {
        otherAttributes = Copies.sorted(otherAttributes);
    }
}
