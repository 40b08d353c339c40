package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A configured operation ({@code op}): monitor, start, stop, ...
 *
 * @param otherAttributes timeout, role, on-fail, start-delay, enabled, record-pending, ... as written
 */
public record Op(
        String id,
        String name,
        String interval,
        Map<String, String> otherAttributes,
        List<NvSet> instanceAttributes,
        List<NvSet> metaAttributes) {
    public Op {
        otherAttributes = Copies.sorted(otherAttributes);
        instanceAttributes = Copies.list(instanceAttributes);
        metaAttributes = Copies.list(metaAttributes);
    }

    public String attribute(String key) {
        return otherAttributes.get(key);
    }
}
