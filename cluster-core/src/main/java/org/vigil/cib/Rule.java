package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A {@code rule}: conditions combined by {@code boolean-op} (and/or, default and).
 *
 * @param score          score contributed when the rule matches (location rules), raw
 * @param scoreAttribute node attribute whose value is used as the score instead
 * @param role           the role a location rule applies to (Started, Promoted, ...)
 */
public record Rule(
        String id,
        String idRef,
        String score,
        String scoreAttribute,
        String role,
        String booleanOp,
        Map<String, String> otherAttributes,
        List<RuleCondition> conditions)
        implements RuleCondition {
    public Rule {
        otherAttributes = Copies.sorted(otherAttributes);
        conditions = Copies.list(conditions);
    }
}
