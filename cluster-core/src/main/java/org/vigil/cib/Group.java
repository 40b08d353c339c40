package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A {@code group}: members start in order on one node. Pacemaker allows only primitives inside; other
 * variants are still read so validation can name the mistake.
 */
public record Group(
        String id,
        Map<String, String> otherAttributes,
        List<NvSet> instanceAttributes,
        List<NvSet> metaAttributes,
        List<Resource> children)
        implements Resource {
    public Group {
        otherAttributes = Copies.sorted(otherAttributes);
        instanceAttributes = Copies.list(instanceAttributes);
        metaAttributes = Copies.list(metaAttributes);
        children = Copies.list(children);
    }

    public Group withMetaAttributes(List<NvSet> sets) {
        return new Group(id, otherAttributes, instanceAttributes, sets, children);
    }
}
