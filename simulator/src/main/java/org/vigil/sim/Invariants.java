package org.vigil.sim;

import java.util.HashMap;
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

    private static String base(String instance) {
        return GroundTruth.base(instance);
    }

    /** After every event: copies of each resource against what its variant allows. */
    public void checkActiveCopies() {
        TreeSet<String> all = new TreeSet<>();
        cluster.truth().all().keySet().forEach(i -> all.add(base(i)));
        checkActiveCopiesOf(all);
    }

    /**
     * As {@link #checkActiveCopies()}, for these resources (base names, sorted: the first violation in that
     * order is reported) only; the others are as they were when last checked.
     */
    public void checkActiveCopiesOf(java.util.SortedSet<String> resources) {
        Map<String, Clone> clones = cloneOf();
        int nodeCount = cluster.nodeCount();
        for (String b : resources) {
            Clone c = clones.get(b);
            if (c == null) {
                checkSingleCopy(b);
            } else {
                checkCloneCopies(b, c, nodeCount);
            }
        }
    }

    /** A primitive outside clones runs on one node, once. */
    private void checkSingleCopy(String b) {
        int[] copies = {0};
        cluster.truth().forEachInstance(b, (instance, nodes) -> copies[0] += nodes.size());
        if (copies[0] > 1) { // on two nodes, or twice (as two instances) on one
            Map<String, Integer> perNode = instancesPerNode(b, null);
            throw new InvariantViolation("double-activation", b + " is active on " + perNode.keySet() + " at once");
        }
    }

    private void checkCloneCopies(String b, Clone c, int nodeCount) {
        int[] promoted = {0};
        Map<String, Integer> perNode = instancesPerNode(b, promoted);
        if (perNode.isEmpty()) {
            return;
        }
        int max = metaAny(c, nodeCount, "clone-max");
        int nodeMax = metaAny(c, 1, "clone-node-max");
        int total = perNode.values().stream().mapToInt(Integer::intValue).sum();
        if (total > max) {
            throw new InvariantViolation("too-many-instances", b + " has " + total
                    + " active instances, clone-max is " + max);
        }
        for (Map.Entry<String, Integer> n : perNode.entrySet()) {
            if (n.getValue() > nodeMax) {
                throw new InvariantViolation("too-many-instances", b + " has " + n.getValue()
                        + " instances on " + n.getKey() + ", clone-node-max is " + nodeMax);
            }
        }
        int promotedMax = c.promotable() ? metaAny(c, 1, "promoted-max", "master-max") : 0;
        if (promoted[0] > promotedMax) {
            throw new InvariantViolation("too-many-promoted", b + " is promoted on " + promoted[0]
                    + " nodes, promoted-max is " + promotedMax);
        }
    }

    /**
     * How many instances of resource {@code b} run on each node (sorted by node), counting the promoted
     * ones into {@code promoted[0]} when given.
     */
    private Map<String, Integer> instancesPerNode(String b, int[] promoted) {
        Map<String, Integer> perNode = new TreeMap<>();
        cluster.truth().forEachInstance(b, (instance, nodes) -> {
            for (Map.Entry<String, String> n : nodes.entrySet()) {
                perNode.merge(n.getKey(), 1, Integer::sum);
                if (promoted != null && GroundTruth.PROMOTED.equals(n.getValue())) {
                    promoted[0]++;
                }
            }
        });
        return perNode;
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

    private Configuration parentsFor;
    private Map<String, String> cachedParents;

    /** Group member id -> its group's id (recomputed only when the configuration changes). */
    private Map<String, String> parents() {
        if (parentsFor == config()) {
            return cachedParents;
        }
        Map<String, String> out = new HashMap<>();
        for (Resource r : org.vigil.cib.Resources.flatten(config().resources())) {
            if (r instanceof Group g) {
                g.children().forEach(child -> out.put(child.id(), g.id()));
            }
        }
        parentsFor = config();
        cachedParents = out;
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

    /** Configuration never lost: every quorate DC holds every acknowledged commit (at the end of the run). */
    public void checkConfiguration() {
        checkedConfigurations.clear();
        checkAcknowledgedCommits();
    }

    private final Map<String, Configuration> checkedConfigurations = new HashMap<>();
    private int checkedCommits;

    /**
     * After every event: an acknowledged commit is never lost. Every active DC with quorum holds the effect of
     * the latest acknowledged commit of each key (applying that change again changes nothing), unless a later
     * commit of the same key ended uncertain (it may have been applied). Checked only when a DC's
     * configuration or the list of commits changed.
     */
    public void checkAcknowledgedCommits() {
        List<SimCluster.AcknowledgedCommit> acks = cluster.acknowledgedCommits();
        if (acks.isEmpty()) {
            return;
        }
        boolean newCommits = acks.size() != checkedCommits;
        checkedCommits = acks.size();
        Map<String, SimCluster.AcknowledgedCommit> latest = null;
        Map<String, Controller> dcs = cluster.activeControllers();
        for (Map.Entry<String, Controller> dc : dcs.entrySet()) {
            Configuration held = dc.getValue().cib().configuration();
            if (!cluster.quorate(dc.getKey()) || stale(dc.getKey(), dcs.keySet())
                    || !newCommits && checkedConfigurations.get(dc.getKey()) == held) {
                continue;
            }
            checkedConfigurations.put(dc.getKey(), held);
            if (latest == null) {
                latest = new java.util.LinkedHashMap<>();
                for (SimCluster.AcknowledgedCommit a : acks) {
                    latest.put(a.key(), a);
                }
            }
            for (SimCluster.AcknowledgedCommit a : latest.values()) {
                if (a.change() != null && !cluster.inFlight(a.key()) && !a.change().apply(held).equals(held)) {
                    throw new InvariantViolation("commit-lost", "DC " + dc.getKey() + " (with quorum) lacks the"
                            + " acknowledged commit '" + a.action() + "' (" + a.committed().version() + ")");
                }
            }
        }
    }

    /**
     * A DC acting on a view the others have moved past: it hung, and has resumed but not yet taken in the
     * merge that will depose it (another active DC's newer view holds some of its members). It cannot
     * commit (its members ignore it), so what it holds is not what the cluster holds.
     */
    private boolean stale(String dc, java.util.Set<String> dcs) {
        org.vigil.membership.MembershipView mine = cluster.program(dc).view();
        for (String other : dcs) {
            org.vigil.membership.MembershipView theirs = cluster.program(other).view();
            if (!other.equals(dc) && theirs.viewId() > mine.viewId()
                    && theirs.members().stream().anyMatch(mine.members()::contains)) {
                return true;
            }
        }
        return false;
    }

    /** As a DC acknowledges a commit: it has quorum. */
    public void checkCommit(String dc, boolean quorate, Cib committed) {
        if (!quorate) {
            throw new InvariantViolation("no-quorum-commit", dc + " acknowledged a commit (" + committed.version()
                    + ") without quorum");
        }
    }

    /**
     * At the end, when every node is up, connected and in one view with one idle DC: every node holds the
     * same CIB, the same fencing history and the same transient attributes, and the DC's CIB shows them.
     */
    public void checkSettledReplicas() {
        List<String> names = cluster.nodeNames();
        String dc = null;
        for (String n : names) {
            SimMembership.NodeView v = cluster.membership().view(n);
            if (cluster.health(n) != SimNodeHealth.UP || v == null || v.members().size() != names.size()
                    || v.dc() == null || dc != null && !dc.equals(v.dc())) {
                return; // not settled into one cluster: nothing to compare
            }
            dc = v.dc();
        }
        org.vigil.node.core.NodeProgram dcProgram = cluster.program(dc);
        if (!dcProgram.isDc() || dcProgram.controller().busy()) {
            return;
        }
        String unwritten = dcProgram.attributesNotWritten();
        if (unwritten != null) {
            throw new InvariantViolation("attributes-differ", "the DC " + dc + " did not write " + unwritten
                    + " after the cluster settled");
        }
        for (String n : names) {
            org.vigil.node.core.NodeProgram p = cluster.program(n);
            if (!p.cib().equals(dcProgram.cib())) {
                throw new InvariantViolation("replicas-differ", n + " holds CIB " + p.cib().version()
                        + " but the DC " + dc + " holds " + dcProgram.cib().version() + " after the cluster settled");
            }
            if (!p.nodeAttributes().equals(dcProgram.nodeAttributes())) {
                throw new InvariantViolation("attributes-differ", n + "'s attrd holds " + p.nodeAttributes()
                        + " but the DC " + dc + "'s holds " + dcProgram.nodeAttributes()
                        + " after the cluster settled");
            }
            if (!p.fenceHistory().equals(dcProgram.fenceHistory())) {
                throw new InvariantViolation("fencing-history-differs", n + " holds " + p.fenceHistory().size()
                        + " fencing entries but the DC " + dc + " holds " + dcProgram.fenceHistory().size()
                        + " after the cluster settled");
            }
        }
    }
}
