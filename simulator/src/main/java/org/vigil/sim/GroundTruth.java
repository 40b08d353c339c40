package org.vigil.sim;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * What is really running where in the simulated world, independent of what the cluster believes: the
 * simulated agents write it, the invariant checker and the availability report read it.
 */
public final class GroundTruth {
    public static final String STARTED = "Started";
    public static final String PROMOTED = "Promoted";

    /** resource instance -> node -> role. Sorted maps keep every iteration deterministic. */
    private final TreeMap<String, Map<String, String>> active = new TreeMap<>();
    /** The same node maps by instance, for the agents' point look-ups (no string comparisons). */
    private final Map<String, Map<String, String>> byInstance = new HashMap<>();
    /** And by resource (base name), each resource's instances sorted as in {@link #active}. */
    private final Map<String, TreeMap<String, Map<String, String>>> byResource = new HashMap<>();
    private long version;
    /** Resources (base names of the instances) changed since {@link #takeChangedResources}. */
    private TreeSet<String> changed = new TreeSet<>();
    private BiConsumer<String, String> beforeChange = (r, n) -> { };

    /** Told (resource instance, node) just before what runs there changes. */
    public void beforeChange(BiConsumer<String, String> listener) {
        this.beforeChange = listener;
    }

    /** Goes up with every change, so observers can skip work when nothing changed. */
    public long version() {
        return version;
    }

    public void set(String resource, String node, String role) {
        beforeChange.accept(resource, node);
        version++;
        changed.add(base(resource));
        Map<String, String> nodes = byInstance.get(resource);
        if (nodes == null) {
            nodes = new TreeMap<>();
            active.put(resource, nodes);
            byInstance.put(resource, nodes);
            byResource.computeIfAbsent(base(resource), b -> new TreeMap<>()).put(resource, nodes);
        }
        nodes.put(node, role);
    }

    public void clear(String resource, String node) {
        beforeChange.accept(resource, node);
        version++;
        changed.add(base(resource));
        Map<String, String> nodes = byInstance.get(resource);
        if (nodes != null) {
            nodes.remove(node);
            if (nodes.isEmpty()) {
                active.remove(resource);
                byInstance.remove(resource);
                String base = base(resource);
                TreeMap<String, Map<String, String>> instances = byResource.get(base);
                instances.remove(resource);
                if (instances.isEmpty()) {
                    byResource.remove(base);
                }
            }
        }
    }

    /** A powered-off node runs nothing. */
    public void nodeLost(String node) {
        for (String r : Set.copyOf(active.keySet())) {
            clear(r, node);
        }
    }

    /** The resource an instance belongs to: {@code vm01} for {@code vm01}, {@code ping} for {@code ping:2}. */
    static String base(String instance) {
        int colon = instance.indexOf(':');
        return colon < 0 ? instance : instance.substring(0, colon);
    }

    /**
     * The instances of resource {@code base} (an id, so without ':'; {@code base} itself and clone instances
     * {@code base:N}) with where they run, in the order of {@link #all()}.
     */
    public Map<String, Map<String, String>> instancesOf(String base) {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        forEachInstance(base, (k, nodes) -> out.put(k, Collections.unmodifiableMap(nodes)));
        return out;
    }

    /**
     * Calls {@code action} with each instance of resource {@code base} and its node -> role map (read-only,
     * not to be kept), in the order of {@link #all()}, without copying anything.
     */
    void forEachInstance(String base, BiConsumer<String, Map<String, String>> action) {
        TreeMap<String, Map<String, String>> instances = byResource.get(base);
        if (instances != null) {
            instances.forEach(action);
        }
    }

    /** The nodes resource {@code base} (any of its instances) runs on, sorted. */
    public List<String> nodesOf(String base) {
        TreeMap<String, Map<String, String>> instances = byResource.get(base);
        if (instances == null) {
            return List.of();
        }
        if (instances.size() == 1) {
            return List.copyOf(instances.firstEntry().getValue().keySet()); // node maps are sorted
        }
        TreeSet<String> nodes = new TreeSet<>();
        instances.values().forEach(where -> nodes.addAll(where.keySet()));
        return List.copyOf(nodes);
    }

    /** The resources (base names) with an instance changed since the last call, sorted. */
    public NavigableSet<String> takeChangedResources() {
        NavigableSet<String> out = changed;
        changed = new TreeSet<>();
        return out;
    }

    public String role(String resource, String node) {
        Map<String, String> nodes = byInstance.get(resource);
        return nodes == null ? null : nodes.get(node);
    }

    /** Node -> role for one resource instance. */
    public Map<String, String> where(String resource) {
        return Collections.unmodifiableMap(byInstance.getOrDefault(resource, Map.of()));
    }

    /** Every active resource instance with its nodes. */
    public Map<String, Map<String, String>> all() {
        return Collections.unmodifiableMap(active);
    }
}
