package org.vigil.sim;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is really running where in the simulated world, independent of what the cluster believes: the
 * simulated agents write it, the invariant checker and the availability report read it.
 */
public final class GroundTruth {
    public static final String STARTED = "Started";
    public static final String PROMOTED = "Promoted";

    /** resource instance -> node -> role. Sorted maps keep every iteration deterministic. */
    private final TreeMap<String, Map<String, String>> active = new TreeMap<>();
    private long version;
    /** Resource instances changed since {@link #takeChanged}: observers look at those only. */
    private final Set<String> changed = new TreeSet<>();
    private java.util.function.BiConsumer<String, String> beforeChange = (r, n) -> { };

    /** Told (resource instance, node) just before what runs there changes. */
    public void beforeChange(java.util.function.BiConsumer<String, String> listener) {
        this.beforeChange = listener;
    }

    /** Goes up with every change, so observers can skip work when nothing changed. */
    public long version() {
        return version;
    }

    public void set(String resource, String node, String role) {
        beforeChange.accept(resource, node);
        version++;
        changed.add(resource);
        active.computeIfAbsent(resource, r -> new TreeMap<>()).put(node, role);
    }

    public void clear(String resource, String node) {
        beforeChange.accept(resource, node);
        version++;
        changed.add(resource);
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

    /**
     * The instances of resource {@code base} ({@code base} itself and clone instances {@code base:N}) with
     * where they run, in the order of {@link #all()}.
     */
    public Map<String, Map<String, String>> instancesOf(String base) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        // every instance name starts with the base; ';' sorts right after ':'
        for (Map.Entry<String, Map<String, String>> e : active.subMap(base, true, base + ";", false).entrySet()) {
            String k = e.getKey();
            if (k.length() == base.length() || k.charAt(base.length()) == ':') {
                out.put(k, Collections.unmodifiableMap(e.getValue()));
            }
        }
        return out;
    }

    /** The resource instances changed since the last call (sorted). */
    public Set<String> takeChanged() {
        Set<String> out = new TreeSet<>(changed);
        changed.clear();
        return out;
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
