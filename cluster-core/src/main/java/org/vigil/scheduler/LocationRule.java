package org.vigil.scheduler;

import java.util.Map;

/**
 * A location preference resolved against the nodes: per-node scores from one rsc_location (simple or rules),
 * restricted to a role, with resource-discovery setting.
 */
record LocationRule(String id, Rsc rsc, Role role, Map<SchedNode, Integer> scores, String discovery) {
    boolean appliesTo(SchedNode n) {
        return scores.containsKey(n);
    }

    int scoreOn(SchedNode n) {
        Integer s = scores.get(n);
        return s == null ? 0 : s;
    }
}
