package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * {@code rsc_order}: {@code then} waits for {@code first}.
 *
 * @param kind        Mandatory, Optional or Serialize (null: Mandatory, or from the legacy score)
 * @param symmetrical "true"/"false" as written, null when unset
 */
public record OrderConstraint(
        String id,
        String first,
        String then,
        String firstAction,
        String thenAction,
        String kind,
        String score,
        String symmetrical,
        Map<String, String> otherAttributes,
        List<ResourceSet> sets)
        implements Constraint {
    public OrderConstraint {
        otherAttributes = Copies.sorted(otherAttributes);
        sets = Copies.list(sets);
    }
}
