package org.vigil.scheduler.constraint;

import java.util.Map;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.Rsc;

/**
 * A location preference resolved against the nodes: per-node scores from one rsc_location (simple or rules),
 * restricted to a role, with resource-discovery setting.
 */
public record LocationRule(String id, Rsc rsc, Role role, Map<SchedNode, Integer> scores, String discovery) {
    public boolean appliesTo(SchedNode n) {
        return scores.containsKey(n);
    }

    public int scoreOn(SchedNode n) {
        Integer s = scores.get(n);
        return s == null ? 0 : s;
    }
}
