package org.vigil.cib;

import java.util.List;
import java.util.Map;

/**
 * A {@code clone} (or legacy {@code master}, which is a promotable clone).
 *
 * @param legacyMaster true when written as {@code <master>}; kept so the file is written back as it came
 */
public record Clone(
        String id,
        boolean legacyMaster,
        Map<String, String> otherAttributes,
        List<NvSet> instanceAttributes,
        List<NvSet> metaAttributes,
        Resource child)
        implements Resource {
    public Clone {
        otherAttributes = Copies.sorted(otherAttributes);
        instanceAttributes = Copies.list(instanceAttributes);
        metaAttributes = Copies.list(metaAttributes);
    }

    /** Promotable when written as {@code master} or with meta {@code promotable=true}. */
    public boolean promotable() {
        return legacyMaster
                || NvSets.firstValue(metaAttributes, "promotable").map(Booleans::isTrue).orElse(false);
    }

    public Clone withMetaAttributes(List<NvSet> sets) {
        return new Clone(id, legacyMaster, otherAttributes, instanceAttributes, sets, child);
    }
}
