package org.vigil.sim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.vigil.cib.Cib;
import org.vigil.cib.Clone;
import org.vigil.cib.Configuration;
import org.vigil.cib.Group;
import org.vigil.cib.NvSets;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.Score;
import org.vigil.controller.Controller;
import org.vigil.controller.ExecRequest;

/**
 * The properties a cluster manager must never break, checked against the ground truth after every event
 * and against every action as a DC sends it: never two copies of a primitive (nor more clone instances
 * than allowed), nothing started by a partition without quorum unless no-quorum-policy says so, mandatory
 * start orders respected, and at quiescence the DC's belief matching reality.
 */
public final class Invariants {
    private final SimCluster cluster;

    public Invariants(SimCluster cluster) {
        this.cluster = cluster;
    }

    private Configuration config() {
        return cluster.configuration().configuration();
    }

    private Configuration cachedFor;
    private Map<String, Clone> cachedClones;

    /** Primitive id -> its enclosing clone, if any (recomputed only when the configuration changes). */
    private Map<String, Clone> cloneOf() {
        if (cachedFor == config()) {
            return cachedClones;
        }
        Map<String, Clone> out = new HashMap<>();
        for (Resource r : config().resources()) {
            if (r instanceof Clone c) {
                for (Resource inner : org.vigil.cib.Resources.flatten(List.of(c.child() == null ? c : c.child()))) {
                    if (inner instanceof Primitive p) {
                        out.put(p.id(), c);
                    }
                }
            }
        }
        cachedFor = config();
        cachedClones = out;
        return out;
    }

    /**
     * The ground truth of these resources' instances (null: of all), in the truth's own order; looked up
     * per resource, as one event changes a few of a large cluster's resources.
     */
    private static Map<String, Map<String, String>> instances(GroundTruth truth, Set<String> bases) {
        if (bases == null) {
            return truth.all();
        }
        TreeMap<String, Map<String, String>> out = new TreeMap<>();
        for (String b : bases) {
            out.putAll(truth.instancesOf(b));
        }
        return out;
    }

    private static String base(String instance) {
        int colon = instance.indexOf(':');
        return colon < 0 ? instance : instance.substring(0, colon);
    }

    /** After every event: copies of each resource against what its variant allows. */
    public void checkActiveCopies() {
        checkActiveCopies(null);
    }

    /**
     * As {@link #checkActiveCopies()}, for the resources of these changed instances only (null: all); the
     * others are as they were when last checked.
     */
    public void checkActiveCopies(Set<String> changedInstances) {
        Set<String> bases = null;
        if (changedInstances != null) {
            bases = new java.util.HashSet<>();
            for (String i : changedInstances) {
                bases.add(base(i));
            }
        }
        Map<String, Clone> clones = cloneOf();
        Map<String, Map<String, Integer>> perBaseNodes = new TreeMap<>();
        Map<String, Integer> promoted = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> e : instances(cluster.truth(), bases).entrySet()) {
            String b = base(e.getKey());
            for (Map.Entry<String, String> n : e.getValue().entrySet()) {
                perBaseNodes.computeIfAbsent(b, k -> new TreeMap<>()).merge(n.getKey(), 1, Integer::sum);
                if (GroundTruth.PROMOTED.equals(n.getValue())) {
                    promoted.merge(b, 1, Integer::sum);
                }
            }
        }
        int nodeCount = cluster.nodeNames().size();
        for (Map.Entry<String, Map<String, Integer>> e : perBaseNodes.entrySet()) {
            Clone c = clones.get(e.getKey());
            if (c == null) {
                if (e.getValue().size() > 1 || e.getValue().values().stream().anyMatch(v -> v > 1)) {
                    throw new InvariantViolation("double-activation", e.getKey() + " is active on "
                            + e.getValue().keySet() + " at once");
                }
                continue;
            }
            int max = metaAny(c, nodeCount, "clone-max");
            int nodeMax = metaAny(c, 1, "clone-node-max");
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (total > max) {
                throw new InvariantViolation("too-many-instances", e.getKey() + " has " + total
                        + " active instances, clone-max is " + max);
            }
            for (Map.Entry<String, Integer> n : e.getValue().entrySet()) {
                if (n.getValue() > nodeMax) {
                    throw new InvariantViolation("too-many-instances", e.getKey() + " has " + n.getValue()
                            + " instances on " + n.getKey() + ", clone-node-max is " + nodeMax);
                }
            }
            int promotedMax = c.promotable() ? metaAny(c, 1, "promoted-max", "master-max") : 0;
            int p = promoted.getOrDefault(e.getKey(), 0);
            if (p > promotedMax) {
                throw new InvariantViolation("too-many-promoted", e.getKey() + " is promoted on " + p
                        + " nodes, promoted-max is " + promotedMax);
            }
        }
    }

    private static int metaAny(Clone c, int dflt, String... keys) {
        for (String k : keys) {
            String v = NvSets.firstValue(c.metaAttributes(), k).orElse(null);
            if (v != null) {
                return Score.parseOr(v, dflt);
            }
        }
        return dflt;
    }

    /** Every action a DC sends: quorum policy and mandatory start order. */
    public void checkDispatch(String dc, boolean quorate, ExecRequest request) {
        String task = request.action().action().ocfName();
        boolean starting = task.equals("start") || task.equals("promote") || task.startsWith("migrate");
        if (!quorate && starting) {
            String policy = NvSets.firstValue(config().clusterProperties(), "no-quorum-policy").orElse("stop");
            if (!policy.equals("ignore")) {
                throw new InvariantViolation("no-quorum-action", dc + " sent " + task + " of "
                        + request.action().resourceInstance() + " without quorum (no-quorum-policy=" + policy + ")");
            }
        }
        if (task.equals("start")) {
            checkStartOrder(request.action().resourceInstance());
        }
    }

    private void checkStartOrder(String instance) {
        String then = base(instance);
        Map<String, String> parentOf = parents();
        for (var c : config().constraints()) {
            if (!(c instanceof OrderConstraint o) || o.first() == null || o.then() == null || !mandatory(o)) {
                continue;
            }
            boolean thenMatches = o.then().equals(then) || o.then().equals(parentOf.get(then));
            String thenAction = o.thenAction() == null ? "start" : o.thenAction();
            if (!thenMatches || !thenAction.equals("start")) {
                continue;
            }
            String firstAction = o.firstAction() == null ? "start" : o.firstAction();
            Resource first = config().resource(o.first()).orElse(null);
            if (first == null || first instanceof Clone) {
                continue; // clone orders depend on interleaving; the executor's graph covers them
            }
            if (firstAction.equals("start") && !active(first)) {
                throw new InvariantViolation("order", "start of " + instance + " sent while " + o.first()
                        + " is not running (order " + o.id() + ")");
            }
        }
    }

    private static boolean mandatory(OrderConstraint o) {
        if (o.kind() != null) {
            return o.kind().equals("Mandatory");
        }
        return o.score() == null || Score.parseOr(o.score(), Score.INFINITY) > 0;
    }

    private Map<String, String> parents() {
        Map<String, String> out = new HashMap<>();
        for (Resource r : org.vigil.cib.Resources.flatten(config().resources())) {
            if (r instanceof Group g) {
                g.children().forEach(child -> out.put(child.id(), g.id()));
            }
        }
        return out;
    }

    private boolean active(Resource r) {
        if (r instanceof Group g) {
            return g.children().stream().allMatch(this::active);
        }
        for (String key : cluster.truth().all().keySet()) {
            if (base(key).equals(r.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * At quiescence: every DC idle, and what each believes runs where (per its scheduler's placements)
     * is what really runs, for the primitives outside clones.
     */
    public void checkQuiescent(Function<Cib, Map<String, String>> placements) {
        for (Map.Entry<String, Controller> dc : cluster.activeControllers().entrySet()) {
            if (dc.getValue().busy()) {
                throw new InvariantViolation("liveness", "DC " + dc.getKey()
                        + " is still executing a transition at the end of the run");
            }
            Map<String, String> believed = placements.apply(dc.getValue().cib());
            Set<String> partition = new TreeSet<>(dc.getValue().members());
            Map<String, Clone> clones = cloneOf();
            for (Primitive p : org.vigil.cib.Resources.primitives(config().resources())) {
                if (clones.containsKey(p.id())) {
                    continue;
                }
                Set<String> actual = new TreeSet<>();
                for (Map.Entry<String, Map<String, String>> e : cluster.truth().all().entrySet()) {
                    if (base(e.getKey()).equals(p.id())) {
                        e.getValue().keySet().stream().filter(partition::contains).forEach(actual::add);
                    }
                }
                String want = believed.get(p.id());
                Set<String> expected = want == null ? Set.of() : Set.of(want);
                if (!expected.equals(actual)) {
                    throw new InvariantViolation("liveness", "at quiescence DC " + dc.getKey() + " places "
                            + p.id() + " on " + (want == null ? "no node" : want) + " but it runs on "
                            + (actual.isEmpty() ? "no node" : actual));
                }
            }
        }
    }

    /**
     * At quiescence: nothing runs where a simple -INFINITY location forbids it, and a primitive with a
     * mandatory colocation runs on the node of the primitive it is colocated with.
     */
    public void checkConstraintsAtQuiescence() {
        for (var c : config().constraints()) {
            if (c instanceof org.vigil.cib.LocationConstraint l && l.rsc() != null && l.node() != null
                    && l.rules().isEmpty() && l.role() == null
                    && Score.parseOr(l.score(), 0) <= Score.MINUS_INFINITY) {
                if (nodesRunning(l.rsc()).contains(l.node())) {
                    throw new InvariantViolation("location", l.rsc() + " runs on " + l.node() + " against "
                            + l.id() + " (-INFINITY)");
                }
            } else if (c instanceof org.vigil.cib.ColocationConstraint k && k.rsc() != null && k.withRsc() != null
                    && k.sets().isEmpty() && k.rscRole() == null && k.withRscRole() == null
                    && k.nodeAttribute() == null && Score.parseOr(k.score(), 0) >= Score.INFINITY
                    && isPlainPrimitive(k.rsc()) && isPlainPrimitive(k.withRsc())) {
                Set<String> mine = nodesRunning(k.rsc());
                Set<String> theirs = nodesRunning(k.withRsc());
                if (!mine.isEmpty() && !theirs.containsAll(mine)) {
                    throw new InvariantViolation("colocation", k.rsc() + " runs on " + mine + " but "
                            + k.withRsc() + " on " + theirs + " (" + k.id() + " is mandatory)");
                }
            }
        }
    }

    private boolean isPlainPrimitive(String id) {
        return config().resource(id).map(r -> r instanceof Primitive).orElse(false) && !cloneOf().containsKey(id);
    }

    private Set<String> nodesRunning(String id) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Map<String, String>> e : cluster.truth().all().entrySet()) {
            if (base(e.getKey()).equals(id)) {
                out.addAll(e.getValue().keySet());
            }
        }
        return out;
    }

    /** Configuration never lost: every DC holds the configuration the operators committed. */
    public void checkConfiguration() {
        for (Map.Entry<String, Controller> dc : cluster.activeControllers().entrySet()) {
            if (!dc.getValue().cib().configuration().equals(config())) {
                throw new InvariantViolation("configuration-lost", "DC " + dc.getKey()
                        + " holds a configuration other than the committed one");
            }
        }
    }

    static Map<String, List<String>> runningByResource(GroundTruth truth, Set<String> resources) {
        return runningByResource(truth, resources, truth.all().keySet());
    }

    /** As above, looking only at the resources of {@code instances}. */
    static Map<String, List<String>> runningByResource(GroundTruth truth, Set<String> resources,
            Set<String> instances) {
        Set<String> bases = new java.util.HashSet<>();
        for (String i : instances) {
            bases.add(base(i));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : instances(truth, bases).entrySet()) {
            String b = base(e.getKey());
            if (resources.contains(b)) {
                Set<String> nodes = new TreeSet<>(out.getOrDefault(b, List.of()));
                nodes.addAll(e.getValue().keySet());
                out.put(b, List.copyOf(nodes));
            }
        }
        return out;
    }
}
