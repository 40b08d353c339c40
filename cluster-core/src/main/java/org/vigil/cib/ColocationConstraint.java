package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * {@code rsc_colocation}: {@code rsc} is placed relative to {@code withRsc} (or a chain of sets).
 *
 * @param nodeAttribute colocate on nodes sharing this attribute's value instead of the same node
 */
public record ColocationConstraint(
        String id,
        String rsc,
        String withRsc,
        String score,
        String rscRole,
        String withRscRole,
        String nodeAttribute,
        Map<String, String> otherAttributes,
        List<ResourceSet> sets)
        implements Constraint {
    public ColocationConstraint {
        otherAttributes = Copies.sorted(otherAttributes);
        sets = Copies.list(sets);
    }
}
