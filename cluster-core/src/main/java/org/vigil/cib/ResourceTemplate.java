package org.vigil.cib;

/** A resource {@code template}: a primitive definition other primitives refer to with {@code template=}. */
public record ResourceTemplate(Primitive definition) implements Resource {
    @Override
    public String id() {
        return definition.id();
    }
}
