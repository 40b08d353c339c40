package org.vigil.cib;

import java.util.List;
import java.util.Map;

/** The operation history of one resource on one node ({@code lrm_resource}). */
public record LrmResource(
        String id,
        String resourceClass,
        String provider,
        String type,
        Map<String, String> otherAttributes,
        List<LrmRscOp> ops) {
    public LrmResource {
        otherAttributes = Copies.sorted(otherAttributes);
        ops = Copies.list(ops);
    }

    public LrmResource withOps(List<LrmRscOp> newOps) {
        return new LrmResource(id, resourceClass, provider, type, otherAttributes, newOps);
    }
}
