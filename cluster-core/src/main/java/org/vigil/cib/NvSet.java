package org.vigil.cib;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of nvpairs: {@code cluster_property_set}, {@code instance_attributes}, {@code meta_attributes}
 * or {@code utilization}. Which one is decided by where the set sits in the model.
 *
 * @param score orders several sets of one kind (higher first), as a raw score string or null
 * @param rule  the set only applies when this rule matches; null means always
 */
public record NvSet(String id, String idRef, String score, Rule rule, List<NvPair> pairs) {
    public NvSet {
        pairs = Copies.list(pairs);
    }

    public static NvSet of(String id, List<NvPair> pairs) {
        return new NvSet(id, null, null, null, pairs);
    }

    public Optional<String> value(String name) {
        for (NvPair p : pairs) {
            if (name.equals(p.name())) {
                return Optional.ofNullable(p.value());
            }
        }
        return Optional.empty();
    }

    /** A copy with {@code name} set to {@code value} (replacing an existing pair, or appending one). */
    public NvSet with(String name, String value) {
        List<NvPair> out = new ArrayList<>(pairs);
        for (int i = 0; i < out.size(); i++) {
            NvPair p = out.get(i);
            if (name.equals(p.name())) {
                out.set(i, new NvPair(p.id(), p.idRef(), name, value));
                return new NvSet(id, idRef, score, rule, out);
            }
        }
        out.add(NvPair.of(id + "-" + name, name, value));
        return new NvSet(id, idRef, score, rule, out);
    }

    /** A copy without the pair called {@code name}. */
    public NvSet without(String name) {
        return new NvSet(id, idRef, score, rule, pairs.stream().filter(p -> !name.equals(p.name())).toList());
    }
}
