package org.vigil.cib;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Defensive copies for the model's canonical constructors: null means empty, results are immutable. */
final class Copies {
    private Copies() {}

    static <T> List<T> list(List<T> in) {
        return in == null ? List.of() : List.copyOf(in);
    }

    /** Attribute maps are kept sorted so that equal models write identical bytes. */
    static SortedMap<String, String> sorted(Map<String, String> in) {
        if (in == null || in.isEmpty()) {
            return Collections.emptySortedMap();
        }
        if (in instanceof CompactSortedMap c) {
            return c; // immutable already
        }
        return new CompactSortedMap(new TreeMap<>(in));
    }
}
