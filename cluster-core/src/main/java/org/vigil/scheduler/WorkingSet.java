package org.vigil.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.constraint.LocationRule;
import org.vigil.scheduler.constraint.OrderSpec;
import org.vigil.scheduler.history.DigestCheck;
import org.vigil.scheduler.history.HistoryPlans;
import org.vigil.scheduler.history.ParameterDigests;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;
import org.vigil.scheduler.resource.Utilization;
import org.vigil.scheduler.stage.Unfencing;

/** All scratch state of one scheduler run; stages read and fill it in order. */
public final class WorkingSet {
    public final Cib cib;
    /** The scheduler's memory of node histories it has read. */
    public final HistoryPlans historyPlans;
    private final ParameterDigests parameterDigests;
    private final java.util.IdentityHashMap<org.vigil.cib.Primitive, String> learntDigests =
            new java.util.IdentityHashMap<>();
    public final Instant now;
    public final Map<String, String> properties = new LinkedHashMap<>();
    public final List<SchedNode> nodes = new ArrayList<>();
    public final Map<String, SchedNode> nodesByUname = new HashMap<>();
    public final Map<String, SchedNode> nodesById = new HashMap<>();
    /** Top-level resources in assignment order. */
    public final List<Rsc> resources = new ArrayList<>();
    public final Map<String, Rsc> byId = new LinkedHashMap<>();
    public final List<PrimitiveRsc> primitives = new ArrayList<>();
    /** The bundles of the configuration, read once while unpacking nodes (their replicas make guest nodes). */
    public final Map<String, org.vigil.cib.Bundle> bundles = new java.util.LinkedHashMap<>();
    public final List<Colocation> colocations = new ArrayList<>();
    public final List<LocationRule> locations = new ArrayList<>();
    public final List<OrderSpec> orderSpecs = new ArrayList<>();
    public final List<TicketLoss> ticketLosses = new ArrayList<>();

    /** A resource whose ticket is not granted (or in standby), with the role it is tied to. */
    public record TicketLoss(Rsc rsc, Role role, String policy) {}
    public final List<Action> actions = new ArrayList<>();
    public final List<Edge> edges = new ArrayList<>();
    /**
     * "first then" pairs already ordered by a configured constraint: as Pacemaker's order_actions, a second
     * constraint between the same two actions is dropped (the first one configured wins).
     */
    public final java.util.Map<Action, java.util.Set<Action>> configuredOrderings = new java.util.IdentityHashMap<>();
    final Map<ActionKey, Action> actionIndex = new HashMap<>(1024); // a large cluster's run makes hundreds
    public final Map<SchedNode, Action> fenceActions = new LinkedHashMap<>();
    /** A fencing device provides unfencing (Pacemaker's enable-unfencing): see {@link Unfencing}. */
    public boolean unfencing;
    /** Each node's unfencing ("on"), optional until something requires it, in the order they were made. */
    public final Map<SchedNode, Action> unfenceActions = new LinkedHashMap<>();
    public final Set<Action> requiredUnfencing = new java.util.LinkedHashSet<>();
    /** Resources with resource-discovery=exclusive locations: the only nodes they may run on and be probed. */
    public final Map<Rsc, Set<SchedNode>> exclusiveDiscovery = new HashMap<>();
    /** The cluster's fencing action (reboot or off) for the fencing this run schedules. */
    public String fenceKind = "reboot";
    public final Set<String> unsupported = new LinkedHashSet<>();
    final List<String> warnings = new ArrayList<>();
    public final Explanation explain;
    public final List<String> summary = new ArrayList<>();
    /** Failed operations as status displays list them: one per operation key and node, online nodes only. */
    final List<StatusReading.FailedOp> failedOps = new ArrayList<>();
    private final Set<String> failedOpKeys = new HashSet<>();

    public boolean stonithEnabled = true;
    public boolean symmetric = true;
    /** {@code shutdown-lock}: resources of a node shut down cleanly wait for it instead of moving. */
    public boolean shutdownLock;
    /** {@code shutdown-lock-limit} in milliseconds; 0: locks never expire by themselves. */
    public long shutdownLockLimitMs;
    public boolean haveQuorum = true;
    public String noQuorumPolicy = "stop";
    public boolean maintenanceMode;
    public boolean startFailureIsFatal = true;
    public boolean stopOrphans = true;
    public boolean stopOrphanActions = true;
    public boolean stopEverything;
    public boolean startupFencing = true;
    public String placementStrategy = "default";
    public int migrationLimit = -1;
    public String defaultStickiness;
    public Utilization utilization = new Utilization("default");
    public SchedNode dc;

    /** Configured tags: a tag's id and the ids it stands for, in order; constraints may name a tag. */
    public final Map<String, java.util.List<String>> tags = new HashMap<>();

    /** MD5 digests by canonical parameter text: many resources share one parameter set. */
    private final Map<String, String> digests = new HashMap<>();

    /** The earliest instant after {@code now} at which this run's answer may change by the clock alone. */
    private Instant recheckBy;

    /** Notes an instant at which the clock alone changes an input (a failure expiring, a date rule turning). */
    public void recheckAt(Instant at) {
        if (now != null && at.isAfter(now) && (recheckBy == null || at.isBefore(recheckBy))) {
            recheckBy = at;
        }
    }

    /** Null when nothing in this run changes with time. */
    Instant recheckBy() {
        return recheckBy;
    }

    /** Rule context for a node's attributes at this run's instant, reporting date boundaries to this run. */
    public org.vigil.rules.RuleContext rules(Map<String, String> nodeAttributes) {
        return org.vigil.rules.RuleContext.forNode(nodeAttributes, now).watchingDates(this::recheckAt);
    }

    /** Rule context without a node, at this run's instant, reporting date boundaries to this run. */
    public org.vigil.rules.RuleContext rules() {
        return org.vigil.rules.RuleContext.at(now).watchingDates(this::recheckAt);
    }

    /** {@code explain} false: decisions only, without score lines and explanations. */
    WorkingSet(Cib cib, Instant now, boolean explain, HistoryPlans historyPlans, ParameterDigests parameterDigests) {
        this.cib = cib;
        this.now = now;
        this.explain = new Explanation(explain);
        this.historyPlans = historyPlans;
        this.parameterDigests = parameterDigests;
    }

    /**
     * The digest of the primitive's parameters on {@code node} now; {@code params} (null: not worked out
     * yet) are computed by {@code fill} only when no earlier run remembered the digest.
     */
    public String parameterDigest(PrimitiveRsc p, Map<String, String> params,
            java.util.function.Supplier<Map<String, String>> fill) {
        boolean ruleFree = ParameterDigests.ruleFree(p.definition);
        if (ruleFree) {
            String known = learntDigests.get(p.definition);
            if (known == null) {
                known = parameterDigests.lookup(cib.configuration(), p.definition);
            }
            if (known != null) {
                learntDigests.put(p.definition, known);
                return known;
            }
        }
        String digest = digest(params != null ? params : fill.get());
        if (ruleFree) {
            learntDigests.put(p.definition, digest);
        }
        return digest;
    }

    /** Hands this run's parameter digests to the next run. */
    void publishParameterDigests() {
        parameterDigests.publish(cib.configuration(), learntDigests);
    }

    /** MD5 of a parameter set's canonical text, computed once per distinct set in a run. */
    public String digest(Map<String, String> sortedParams) {
        return digests.computeIfAbsent(DigestCheck.canonical(sortedParams), DigestCheck::md5);
    }

    public void warn(String text) {
        warnings.add(text);
    }

    public void addNode(SchedNode n) {
        nodes.add(n);
        nodesByUname.put(n.uname, n);
        if (n.id != null) {
            nodesById.put(n.id, n);
        }
    }

    public SchedNode node(String unameOrId) {
        if (unameOrId == null) {
            return null;
        }
        SchedNode n = nodesByUname.get(unameOrId);
        return n != null ? n : nodesById.get(unameOrId);
    }

    // ---- actions --------------------------------------------------------------------------------

    /** An action's identity: its resource, task, node and interval (a record, so no key text is built). */
    private record ActionKey(String rsc, String task, String node, long interval) {
        // written out: the generated ones go through method handles, and a run looks up thousands
        @Override
        public int hashCode() {
            // mixed, not the plain 31-polynomial: ids like r1234/node7 made the polynomial collide into
            // tree bins (a 32 x 10,000 run spent a tenth of its time in equals)
            long h = rsc.hashCode();
            h = h * 0x9E3779B97F4A7C15L + java.util.Objects.hashCode(task);
            h = h * 0x9E3779B97F4A7C15L + node.hashCode();
            h = h * 0x9E3779B97F4A7C15L + interval;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ActionKey k && interval == k.interval && rsc.equals(k.rsc)
                    && java.util.Objects.equals(task, k.task) && node.equals(k.node);
        }
    }

    private static ActionKey indexKey(Rsc rsc, String task, SchedNode node, long interval) {
        return new ActionKey(rsc == null ? "" : rsc.id, task, node == null ? "" : node.uname, interval);
    }

    /** Finds or creates an action; an existing one becomes required when asked for non-optionally. */
    public Action action(Rsc rsc, String task, SchedNode node, boolean optional) {
        return action(rsc, task, node, 0, optional);
    }

    /**
     * The fencing of a node with its kind (reboot, off, or "on" for unfencing), named as crm_simulate names it
     * ({@code stonith-NODE}, {@code stonith-NODE-on}): one place builds them, and the kind travels with the action.
     */
    public Action fencing(SchedNode n, String kind, boolean optional) {
        Action a = action(null, "on".equals(kind) ? "stonith-" + n.uname + "-on" : "stonith-" + n.uname, n, optional);
        a.fenceKind = kind;
        return a;
    }

    public Action action(Rsc rsc, String task, SchedNode node, long interval, boolean optional) {
        ActionKey k = indexKey(rsc, task, node, interval);
        Action a = actionIndex.get(k);
        if (a != null) {
            if (!optional) {
                a.optional = false;
            }
            return a;
        }
        a = new Action(actions.size(), rsc, task, node, interval, optional);
        actions.add(a);
        actionIndex.put(k, a);
        if (rsc != null) {
            rsc.actions.add(a);
            if (!rsc.isCollective() && node == null) {
                a.runnable = false;
            }
        }
        return a;
    }

    /**
     * A clone notification of one instance on one node. Not indexed: an instance hears several notifications
     * on a node in one transition, and a lookup by task must never find one of them.
     */
    public Action notification(PrimitiveRsc instance, SchedNode node, String key, boolean optional,
            Map<String, String> meta) {
        Action a = new Action(actions.size(), instance, "notify", node, 0, optional);
        a.opKey = key;
        a.meta = Map.copyOf(meta);
        actions.add(a);
        return a;
    }

    public Action existing(Rsc rsc, String task, SchedNode node) {
        return actionIndex.get(indexKey(rsc, task, node, 0));
    }

    public Action pseudo(String name) {
        Action a = action(null, name, null, true);
        a.pseudo = true;
        return a;
    }

    public void order(Action first, Action then, int flags) {
        if (first == null || then == null || first == then) {
            return;
        }
        Edge e = new Edge(first, then, flags);
        edges.add(e);
        first.after.add(e);
        then.before.add(e);
    }

    // ---- lookups for stages ----------------------------------------------------------------------

    public List<LocationRule> promotedLocations(Rsc child, CloneRsc clone) {
        List<LocationRule> out = new ArrayList<>();
        List<PrimitiveRsc> prims = new ArrayList<>();
        child.collectPrimitives(prims);
        for (LocationRule l : locations) {
            if (l.role() != Role.PROMOTED) {
                continue;
            }
            if (l.rsc() == clone || l.rsc() == child || prims.contains(l.rsc())) {
                out.add(l);
            }
        }
        return out;
    }

    Map<String, Integer> groupUtilization(PrimitiveRsc rsc) {
        return rsc.utilization;
    }

    /** Pacemaker's record_failed_op: the first failure of each operation key on each online node. */
    public void recordFailedOp(SchedNode node, PrimitiveRsc rsc, org.vigil.cib.LrmRscOp op) {
        if (!node.online) {
            return;
        }
        String key = op.attribute("operation_key");
        // as Pacemaker: entries are told apart by their operation_key, so of several without one only the first
        // is kept (it shows under its id)
        String seen = (key == null ? "\1" : key) + "\0" + node.uname;
        if (key == null) {
            key = op.id();
        }
        if (failedOpKeys.add(seen)) {
            failedOps.add(new StatusReading.FailedOp(node.uname, rsc.id, key, op));
        }
    }
}
