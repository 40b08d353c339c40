package org.vigil.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.cib.Cib;

/** All scratch state of one scheduler run; stages read and fill it in order. */
final class WorkingSet {
    final Cib cib;
    /** The scheduler's memory of node histories it has read. */
    final HistoryPlans historyPlans;
    final Instant now;
    final Map<String, String> properties = new LinkedHashMap<>();
    final List<SchedNode> nodes = new ArrayList<>();
    final Map<String, SchedNode> nodesByUname = new HashMap<>();
    final Map<String, SchedNode> nodesById = new HashMap<>();
    /** Top-level resources in assignment order. */
    final List<Rsc> resources = new ArrayList<>();
    final Map<String, Rsc> byId = new LinkedHashMap<>();
    final List<PrimitiveRsc> primitives = new ArrayList<>();
    final List<Colocation> colocations = new ArrayList<>();
    final List<LocationRule> locations = new ArrayList<>();
    final List<OrderSpec> orderSpecs = new ArrayList<>();
    final List<TicketLoss> ticketLosses = new ArrayList<>();

    /** A resource whose ticket is not granted (or in standby), with the role it is tied to. */
    record TicketLoss(Rsc rsc, Role role, String policy) {}
    final List<Action> actions = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final Map<String, Action> actionIndex = new HashMap<>();
    final Map<SchedNode, Action> fenceActions = new LinkedHashMap<>();
    final Set<String> unsupported = new LinkedHashSet<>();
    final List<String> warnings = new ArrayList<>();
    final Explanation explain;
    final List<String> summary = new ArrayList<>();

    boolean stonithEnabled = true;
    boolean symmetric = true;
    boolean haveQuorum = true;
    String noQuorumPolicy = "stop";
    boolean maintenanceMode;
    boolean startFailureIsFatal = true;
    boolean stopOrphans = true;
    boolean stopOrphanActions = true;
    boolean stopEverything;
    boolean startupFencing = true;
    String placementStrategy = "default";
    int migrationLimit = -1;
    String defaultStickiness;
    Utilization utilization = new Utilization("default");
    SchedNode dc;

    /** MD5 digests by canonical parameter text: many resources share one parameter set. */
    private final Map<String, String> digests = new HashMap<>();

    /** {@code explain} false: decisions only, without score lines and explanations. */
    WorkingSet(Cib cib, Instant now, boolean explain, HistoryPlans historyPlans) {
        this.cib = cib;
        this.now = now;
        this.explain = new Explanation(explain);
        this.historyPlans = historyPlans;
    }

    /** MD5 of a parameter set's canonical text, computed once per distinct set in a run. */
    String digest(Map<String, String> sortedParams) {
        return digests.computeIfAbsent(DigestCheck.canonical(sortedParams), DigestCheck::md5);
    }

    void warn(String text) {
        warnings.add(text);
    }

    void addNode(SchedNode n) {
        nodes.add(n);
        nodesByUname.put(n.uname, n);
        if (n.id != null) {
            nodesById.put(n.id, n);
        }
    }

    SchedNode node(String unameOrId) {
        if (unameOrId == null) {
            return null;
        }
        SchedNode n = nodesByUname.get(unameOrId);
        return n != null ? n : nodesById.get(unameOrId);
    }

    // ---- actions --------------------------------------------------------------------------------

    private static String indexKey(Rsc rsc, String task, SchedNode node, long interval) {
        return (rsc == null ? "" : rsc.id) + "\u0000" + task + "\u0000" + interval + "\u0000"
                + (node == null ? "" : node.uname);
    }

    /** Finds or creates an action; an existing one becomes required when asked for non-optionally. */
    Action action(Rsc rsc, String task, SchedNode node, boolean optional) {
        return action(rsc, task, node, 0, optional);
    }

    Action action(Rsc rsc, String task, SchedNode node, long interval, boolean optional) {
        String k = indexKey(rsc, task, node, interval);
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
            if (rsc instanceof PrimitiveRsc && node == null) {
                a.runnable = false;
            }
        }
        return a;
    }

    Action existing(Rsc rsc, String task, SchedNode node) {
        return actionIndex.get(indexKey(rsc, task, node, 0));
    }

    Action pseudo(String name) {
        Action a = action(null, name, null, true);
        a.pseudo = true;
        return a;
    }

    void order(Action first, Action then, int flags) {
        if (first == null || then == null || first == then) {
            return;
        }
        Edge e = new Edge(first, then, flags);
        edges.add(e);
        first.after.add(e);
        then.before.add(e);
    }

    // ---- lookups for stages ----------------------------------------------------------------------

    List<LocationRule> promotedLocations(Rsc child, CloneRsc clone) {
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
}
