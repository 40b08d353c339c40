package org.vigil.cib;

/** An entry of {@code configuration/constraints}. */
public sealed interface Constraint
        permits LocationConstraint, ColocationConstraint, OrderConstraint, OpaqueConstraint {
    String id();
}
