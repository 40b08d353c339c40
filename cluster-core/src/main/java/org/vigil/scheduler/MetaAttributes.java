package org.vigil.scheduler;

import java.util.List;
import java.util.Map;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Score;
import org.vigil.rules.RuleContext;
import org.vigil.rules.Rules;

/** Reads nvsets with rules: sets are taken by descending score, first value for a name wins. */
public final class MetaAttributes {
    private MetaAttributes() {}

    /** The first value of {@code name} among the sets, ignoring rules. */
    public static String firstOf(List<NvSet> sets, String name) {
        return org.vigil.cib.NvSets.firstValue(sets, name).orElse(null);
    }

    public static void fill(List<NvSet> sets, RuleContext ctx, Map<String, String> into, boolean overwrite) {
        List<NvSet> ordered = new java.util.ArrayList<>(sets);
        ordered.sort((a, b) -> Integer.compare(Score.parseOr(b.score(), 0), Score.parseOr(a.score(), 0)));
        for (NvSet set : ordered) {
            if (set.rule() != null && !Rules.matches(set.rule(), ctx)) {
                continue;
            }
            for (NvPair p : set.pairs()) {
                if (p.name() == null) {
                    continue;
                }
                if (overwrite) {
                    into.put(p.name(), p.value());
                } else {
                    into.putIfAbsent(p.name(), p.value());
                }
            }
        }
    }
}
