package org.vigil.cib;

/** Anything that can stand inside a {@code rule}. */
public sealed interface RuleCondition permits Rule, Expression, DateExpression, OpaqueCondition {
    String id();
}
