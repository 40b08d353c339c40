package org.vigil.sim;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What is really running where in the simulated world, independent of what the cluster believes: the
 * simulated agents write it, the invariant checker and the availability report read it.
 */
public final class GroundTruth {
    public static final String STARTED = "Started";
    public static final String PROMOTED = "Promoted";

    /** resource instance -> node -> role. Sorted maps keep every iteration deterministic. */
    private final Map<String, Map<String, String>> active = new TreeMap<>();
    private long version;

    /** Goes up with every change, so observers can skip work when nothing changed. */
    public long version() {
        return version;
    }

    public void set(String resource, String node, String role) {
        version++;
        active.computeIfAbsent(resource, r -> new TreeMap<>()).put(node, role);
    }

    public void clear(String resource, String node) {
        version++;
        Map<String, String> nodes = active.get(resource);
        if (nodes != null) {
            nodes.remove(node);
            if (nodes.isEmpty()) {
                active.remove(resource);
            }
        }
    }

    /** A powered-off node runs nothing. */
    public void nodeLost(String node) {
        for (String r : Set.copyOf(active.keySet())) {
            clear(r, node);
        }
    }

    public String role(String resource, String node) {
        Map<String, String> nodes = active.get(resource);
        return nodes == null ? null : nodes.get(node);
    }

    /** Node -> role for one resource instance. */
    public Map<String, String> where(String resource) {
        return Collections.unmodifiableMap(active.getOrDefault(resource, Map.of()));
    }

    /** Every active resource instance with its nodes. */
    public Map<String, Map<String, String>> all() {
        return Collections.unmodifiableMap(active);
    }
}
