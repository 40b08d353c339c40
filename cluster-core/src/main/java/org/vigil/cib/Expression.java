package org.vigil.cib;

import java.util.Map;

/**
 * A node attribute {@code expression}, e.g. {@code #uname eq node1} or {@code defined pingd}.
 *
 * @param type how values are compared: string, integer/number, version (null = Pacemaker's default)
 */
public record Expression(
        String id, String attribute, String operation, String value, String type, Map<String, String> otherAttributes)
        implements RuleCondition {
    public Expression {
        otherAttributes = Copies.sorted(otherAttributes);
    }
}
