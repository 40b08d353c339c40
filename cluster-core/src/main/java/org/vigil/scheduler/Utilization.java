package org.vigil.scheduler;

import java.util.Map;
import org.vigil.cib.Score;

/** placement-strategy: node capacities and resource utilization (utilization, minimal, balanced). */
final class Utilization {
    private final boolean enabled;

    Utilization(String strategy) {
        this.enabled = strategy != null && !strategy.equals("default");
    }

    /** Bans nodes without room for the resource; false when nothing could host it. */
    boolean fits(WorkingSet ws, PrimitiveRsc rsc) {
        if (!enabled || rsc.utilization.isEmpty()) {
            return true;
        }
        Map<String, Integer> need = ws.groupUtilization(rsc);
        for (SchedNode n : ws.nodes) {
            if (!rsc.allowed.has(n.index)) {
                continue;
            }
            for (Map.Entry<String, Integer> e : need.entrySet()) {
                int cap = n.capacity.getOrDefault(e.getKey(), 0);
                int used = n.utilizationUsed.getOrDefault(e.getKey(), 0);
                if (cap - used < e.getValue()) {
                    rsc.allowed.set(n.index, Score.MINUS_INFINITY);
                    ws.explain.note(rsc, n, Score.MINUS_INFINITY, "not enough " + e.getKey() + " capacity");
                    break;
                }
            }
        }
        return true;
    }

    void consume(WorkingSet ws, PrimitiveRsc rsc, SchedNode n) {
        if (!enabled) {
            return;
        }
        rsc.utilization.forEach((k, v) -> n.utilizationUsed.merge(k, v, Integer::sum));
    }

    void release(WorkingSet ws, PrimitiveRsc rsc, SchedNode n) {
        if (!enabled) {
            return;
        }
        rsc.utilization.forEach((k, v) -> n.utilizationUsed.merge(k, -v, Integer::sum));
    }

    /** Node with more free capacity first (balanced strategy). */
    int compareFree(SchedNode a, SchedNode b) {
        int result = 0;
        for (String k : a.capacity.keySet()) {
            int fa = a.capacity.getOrDefault(k, 0) - a.utilizationUsed.getOrDefault(k, 0);
            int fb = b.capacity.getOrDefault(k, 0) - b.utilizationUsed.getOrDefault(k, 0);
            if (fa > fb) {
                result--;
            } else if (fa < fb) {
                result++;
            }
        }
        for (String k : b.capacity.keySet()) {
            if (!a.capacity.containsKey(k)) {
                int fb = b.capacity.getOrDefault(k, 0) - b.utilizationUsed.getOrDefault(k, 0);
                if (fb > 0) {
                    result++;
                }
            }
        }
        return Integer.signum(result);
    }
}
