package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A {@code resource_set} inside a constraint.
 *
 * @param otherAttributes sequential, require-all, ordered, action, role, score, kind, as written
 * @param resources       the ids of the {@code resource_ref}s, in order
 */
public record ResourceSet(String id, String idRef, Map<String, String> otherAttributes, List<String> resources) {
    public ResourceSet {
        otherAttributes = Copies.sorted(otherAttributes);
        resources = Copies.list(resources);
    }

    public String attribute(String key) {
        return otherAttributes.get(key);
    }
}
