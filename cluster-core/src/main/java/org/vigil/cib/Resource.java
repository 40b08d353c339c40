package org.vigil.cib;

/** An entry of {@code configuration/resources}: one of Pacemaker's resource variants. */
public sealed interface Resource permits Primitive, Group, Clone, ResourceTemplate, OpaqueResource {
    String id();
}
