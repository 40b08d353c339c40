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
        resources = resources instanceof ChunkedList<LrmResource> kept ? kept : Copies.list(resources);
    }

    /**
     * This history with the entry at {@code index} replaced: the entries are kept in chunks, so this copies
     * one chunk, not the whole history (a DC does it for every operation result).
     */
    public Lrm withResource(int index, LrmResource resource) {
        return new Lrm(id, otherAttributes, resourcesId, ChunkedList.copyOf(resources).with(index, resource));
    }

    /** This history with {@code resource} added at the end, as cheaply as {@link #withResource}. */
    public Lrm plusResource(LrmResource resource) {
        return new Lrm(id, otherAttributes, resourcesId, ChunkedList.copyOf(resources).plus(resource));
    }
}
