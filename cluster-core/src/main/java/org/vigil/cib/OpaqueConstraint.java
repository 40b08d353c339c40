package org.vigil.cib;

/** A constraint kept verbatim but not modelled ({@code rsc_ticket}). */
public record OpaqueConstraint(XmlElement element) implements Constraint {
    @Override
    public String id() {
        return element.id();
    }
}
