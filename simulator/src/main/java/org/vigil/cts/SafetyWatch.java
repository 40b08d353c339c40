package org.vigil.cts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must never happen, checked on every snapshot while faults play out (not only once settled): a single
 * primitive active on two machines at once, more promoted instances than promoted-max, and a node without quorum
 * starting or promoting anything. Each distinct violation is reported once.
 */
final class SafetyWatch {
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<String> fresh = new ArrayList<>();
    /** Per node, what ran there at its previous snapshot, kept only while it had no quorum. */
    private final Map<String, Map<String, String>> whileWithoutQuorum = new HashMap<>();

    /** Checks one snapshot; {@code model} is the latest known configuration's (may be null before the first CIB). */
    void check(Snapshot s, ResourceModel model) {
        Map<String, Set<String>> where = new HashMap<>();
        Map<String, Set<String>> promoted = new HashMap<>();
        s.active().forEach((node, rs) -> rs.forEach((id, role) -> {
            where.computeIfAbsent(id, k -> new TreeSet<>()).add(node);
            if (ResourceModel.promoted(role)) {
                promoted.computeIfAbsent(id, k -> new TreeSet<>()).add(node);
            }
        }));
        Set<String> cloneInstances = new HashSet<>();
        s.active().values().forEach(rs -> rs.forEach((id, role) -> {
            if (!role.equals(AgentStates.STARTED)) {
                cloneInstances.add(id);
            }
        }));
        where.forEach((id, nodes) -> {
            // from the agent, not the configuration: the model is fetched every few looks and is missing (or old)
            // right after a load, when a clone's instances may already run on several nodes
            boolean clone = cloneInstances.contains(id) || (model != null && model.promotable().containsKey(id));
            if (clone) {
                int max = model == null ? 1 : model.promotable().getOrDefault(id, 1);
                Set<String> p = promoted.getOrDefault(id, Set.of());
                if (p.size() > max) {
                    report(id + " promoted on " + p + " at once (promoted-max " + max + ")");
                }
            } else if (nodes.size() > 1) {
                report(id + " active on " + nodes + " at once");
            }
        });
        for (String node : s.active().keySet()) {
            Map<String, String> now = s.active().get(node);
            if (!s.withoutQuorum().contains(node)) {
                whileWithoutQuorum.remove(node);
                continue;
            }
            Map<String, String> before = whileWithoutQuorum.get(node);
            if (before != null) {
                now.forEach((id, role) -> {
                    if (!before.containsKey(id)) {
                        report(node + " started " + id + " without quorum");
                    } else if (ResourceModel.promoted(role) && !ResourceModel.promoted(before.get(id))) {
                        report(node + " promoted " + id + " without quorum");
                    }
                });
            }
            whileWithoutQuorum.put(node, Map.copyOf(now));
        }
    }

    private void report(String violation) {
        if (seen.add(violation)) {
            fresh.add(violation);
        }
    }

    /** Violations found since the last call. */
    List<String> drain() {
        List<String> out = List.copyOf(fresh);
        fresh.clear();
        return out;
    }

    /** Forget reported violations (a new fault starts; the same violation again is a new finding). */
    void newFault() {
        seen.clear();
    }
}
