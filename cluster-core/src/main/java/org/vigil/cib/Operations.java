package org.vigil.cib;

import java.util.List;

/** A primitive's {@code operations} element: its ops, or a reference to another operations set. */
public record Operations(String id, String idRef, List<Op> ops) {
    public static final Operations NONE = new Operations(null, null, List.of());

    public Operations {
        ops = Copies.list(ops);
    }

    public static Operations of(List<Op> ops) {
        return new Operations(null, null, ops);
    }

    public boolean isEmpty() {
        return id == null && idRef == null && ops.isEmpty();
    }
}
