package org.vigil.cib;

import java.util.List;

/** A node's {@code transient_attributes}: fail counts, last failures, promotion scores, ... */
public record TransientAttributes(String id, List<NvSet> sets) {
    public TransientAttributes {
        sets = Copies.list(sets);
    }
}
