package org.vigil.cli.status;

import java.util.Map;
import org.vigil.cib.Score;

/** A resource's fail count and last failure on one node, from the node's attributes (pe_get_failcount). */
final class MonFailCounts {
    record Count(int count, long lastFailure) {}

    private MonFailCounts() {}

    /**
     * @param id the resource's printable id (an anonymous clone instance's base id)
     * @param cibFeatureSet the CIB's crm_feature_set: before 3.0.13 (Pacemaker 1.1.17) fail counts were not per
     *     operation, and Pacemaker reads only {@code fail-count-<rsc>} from such a CIB (or one without a feature
     *     set)
     */
    static Count of(Map<String, String> attrs, String id, String cibFeatureSet) {
        // a CIB that does not say its feature set is read as an old one, as Pacemaker's compare_version does
        boolean legacy = cibFeatureSet == null
                || org.vigil.rules.Rules.compareVersionStrings(cibFeatureSet, "3.0.13") < 0;
        int count = 0;
        long last = 0;
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            String name = e.getKey();
            if (matches(name, "fail-count-", id, legacy)) {
                count = Score.add(count, Score.parseOr(e.getValue(), 0));
            } else if (matches(name, "last-failure-", id, legacy)) {
                try {
                    last = Math.max(last, Long.parseLong(e.getValue().trim()));
                } catch (NumberFormatException ignored) {
                    // not a time: Pacemaker ignores it too
                }
            }
        }
        // the last failure is reported only along with a fail count
        return new Count(count, count > 0 ? last : 0);
    }

    /** {@code PREFIX<rsc>} or {@code PREFIX<rsc>#<op>_<interval>}. */
    private static boolean matches(String name, String prefix, String id, boolean legacy) {
        if (!name.startsWith(prefix + id)) {
            return false;
        }
        String rest = name.substring(prefix.length() + id.length());
        return legacy ? rest.isEmpty() : rest.isEmpty() || rest.matches("#.+_[0-9]+");
    }
}
