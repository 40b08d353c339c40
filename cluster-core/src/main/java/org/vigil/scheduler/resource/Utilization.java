package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Score;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.SchedNode;

/** placement-strategy: node capacities and resource utilization (utilization, minimal, balanced). */
public final class Utilization {
    private final boolean enabled;

    public Utilization(String strategy) {
        this.enabled = strategy != null && !strategy.equals("default");
    }

    /**
     * Pacemaker's pcmk__ban_insufficient_capacity: bans nodes without room for the resource together with the
     * unassigned resources that must be colocated with it (or, if no node has room for all of them, for the
     * resource alone). When no node has room for all of them, returns the node with the most free capacity among
     * those the resource may use (otherwise null): as in Pacemaker, it is then preferred when its score is as good
     * as the best.
     */
    SchedNode banInsufficientCapacity(WorkingSet ws, PrimitiveRsc rsc) {
        if (!enabled) {
            return null;
        }
        List<Rsc> colocated = new ArrayList<>();
        collectColocated(rsc, rsc, colocated);
        Map<String, Integer> together = new LinkedHashMap<>();
        java.util.Set<PrimitiveRsc> seen = new java.util.HashSet<>();
        for (Rsc r : colocated) {
            List<PrimitiveRsc> prims = new ArrayList<>();
            r.collectPrimitives(prims);
            prims.removeIf(p -> !seen.add(p));
            for (PrimitiveRsc p : prims) {
                if (p.provisional || p == rsc) {
                    p.utilization.forEach((k, v) -> together.merge(k, v, Integer::sum));
                }
            }
        }
        boolean anyCapable = false;
        SchedNode mostCapable = null;
        for (SchedNode n : ws.nodes) {
            if (rsc.allowed.has(n.index) && n.canRunResources() && rsc.allowed.get(n.index) >= 0) {
                if (hasRoom(n, together)) {
                    anyCapable = true;
                }
                if (mostCapable == null || compareFree(n, mostCapable) < 0) {
                    mostCapable = n;
                }
            }
        }
        Map<String, Integer> need = anyCapable ? together : rsc.utilization;
        for (SchedNode n : ws.nodes) {
            if (rsc.allowed.has(n.index) && n.canRunResources() && rsc.allowed.get(n.index) >= 0
                    && !hasRoom(n, need)) {
                rsc.allowed.set(n.index, Score.MINUS_INFINITY);
                ws.explain.note(rsc, n, Score.MINUS_INFINITY, "not enough capacity on " + n.uname
                        + (anyCapable && colocated.size() > 1 ? " for it and its colocated resources" : ""));
            }
        }
        return anyCapable ? null : mostCapable;
    }

    private static boolean hasRoom(SchedNode n, Map<String, Integer> need) {
        for (Map.Entry<String, Integer> e : need.entrySet()) {
            int cap = n.capacity.getOrDefault(e.getKey(), 0);
            int used = n.utilizationUsed.getOrDefault(e.getKey(), 0);
            if (cap - used < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void collectColocated(Rsc rsc, Rsc orig, List<Rsc> out) {
        if (out.contains(rsc)) {
            return;
        }
        out.add(rsc);
        if (rsc instanceof GroupRsc) {
            for (Rsc child : rsc.children) {
                collectColocated(child, orig, out);
            }
        }
        for (Colocation c : rsc.thisWith) {
            if (c.primary() != orig && c.score() >= Score.INFINITY) {
                collectColocated(c.primary(), orig, out);
            }
        }
        for (Colocation c : rsc.withThis) {
            if (c.dependent() == orig || (rsc.isClone() && !c.dependent().isClone())) {
                continue;
            }
            if (c.score() >= Score.INFINITY) {
                collectColocated(c.dependent(), orig, out);
            }
        }
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
    public int compareFree(SchedNode a, SchedNode b) {
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
