package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A node's {@code lrm} element and its {@code lrm_resources}.
 *
 * @param resourcesId the id of the {@code lrm_resources} element, when it has one
 */
public record Lrm(String id, Map<String, String> otherAttributes, String resourcesId, List<LrmResource> resources) {
    public Lrm {
        otherAttributes = Copies.sorted(otherAttributes);
        resources = Copies.list(resources);
    }
}
