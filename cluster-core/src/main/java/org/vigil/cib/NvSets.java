package org.vigil.cib;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading values out of lists of nvsets, ignoring rules (rule-aware evaluation lives in org.vigil.rules). */
public final class NvSets {
    private NvSets() {}

    /** The first value for {@code name} among sets without a rule, in document order. */
    public static Optional<String> firstValue(List<NvSet> sets, String name) {
        for (NvSet set : sets) {
            if (set.rule() == null) {
                Optional<String> v = set.value(name);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    /** All unconditional pairs as a map; the first set that names a key wins, as in Pacemaker. */
    public static Map<String, String> unconditional(List<NvSet> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NvSet set : sets) {
            if (set.rule() == null) {
                for (NvPair p : set.pairs()) {
                    if (p.name() != null) {
                        out.putIfAbsent(p.name(), p.value());
                    }
                }
            }
        }
        return out;
    }
}
