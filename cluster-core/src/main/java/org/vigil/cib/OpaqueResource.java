package org.vigil.cib;

/** A resource variant Vigil keeps verbatim but does not model (bundles). */
public record OpaqueResource(XmlElement element) implements Resource {
    @Override
    public String id() {
        return element.id();
    }
}
