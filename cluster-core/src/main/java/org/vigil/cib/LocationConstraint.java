package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * {@code rsc_location}: where a resource may or should run.
 *
 * @param rsc        the resource, or null with {@code rscPattern} or resource sets
 * @param rscPattern a regular expression over resource ids
 * @param node       with {@code score}: the simple form; otherwise {@code rules} apply
 */
public record LocationConstraint(
        String id,
        String rsc,
        String rscPattern,
        String node,
        String score,
        String role,
        String resourceDiscovery,
        Map<String, String> otherAttributes,
        List<ResourceSet> sets,
        List<Rule> rules)
        implements Constraint {
    public LocationConstraint {
        otherAttributes = Copies.sorted(otherAttributes);
        sets = Copies.list(sets);
        rules = Copies.list(rules);
    }

    public static LocationConstraint simple(String id, String rsc, String score, String node) {
        return new LocationConstraint(id, rsc, null, node, score, null, null, Map.of(), List.of(), List.of());
    }
}
