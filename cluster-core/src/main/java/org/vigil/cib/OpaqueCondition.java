package org.vigil.cib;

/** A rule condition Vigil keeps verbatim ({@code op_expression}, {@code rsc_expression}, ...). */
public record OpaqueCondition(XmlElement element) implements RuleCondition {
    @Override
    public String id() {
        return element.id();
    }
}
