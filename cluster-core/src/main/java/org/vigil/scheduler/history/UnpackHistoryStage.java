package org.vigil.scheduler.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.cib.Op;
import org.vigil.cib.Score;
import org.vigil.rules.Durations;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.GroupRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.PromotionRoles;
import org.vigil.scheduler.resource.Rsc;

/**
 * Operation history: the current role of each resource on each node, failures and their on-fail handling,
 * partial migrations. Mirrors Pacemaker's unpack_lrm_resources/unpack_rsc_op.
 */
public final class UnpackHistoryStage implements Stage {
    private static final int EXEC_PENDING = -1;
    private static final int EXEC_CANCELLED = 1;

    @Override
    public String name() {
        return "unpack operation history";
    }

    @Override
    public void run(WorkingSet ws) {
        org.vigil.cib.Configuration config = ws.cib.configuration();
        java.util.IdentityHashMap<org.vigil.cib.Lrm, HistoryPlans.Plan> plans = new java.util.IdentityHashMap<>();
        Map<String, HistoryPlans.Plan> plansByNode = new java.util.HashMap<>();
        int configured = ws.primitives.size(); // orphans found below come after these
        List<NodeState> remoteStates = new ArrayList<>();
        for (NodeState state : ws.cib.status().nodeStates()) {
            SchedNode node = nodeOf(ws, state);
            if (node == null) {
                continue;
            }
            if (node.isRemote()) {
                remoteStates.add(state);
                continue;
            }
            if (state.lrm() == null) {
                continue;
            }
            if (!ws.stonithEnabled && !node.online) {
                continue;
            }
            unpackNode(ws, state, node, configured, plans, plansByNode);
        }
        unpackRemoteNodes(ws, remoteStates, configured, plans, plansByNode);
        ws.historyPlans.publish(config, plans, plansByNode);
        finishRoles(ws);
        propagateToCollectives(ws);
    }

    /**
     * As Pacemaker, a remote node's history is read once its connection (and a guest's container) is known to
     * be started, which other nodes' histories tell; what remains is read last (if fencing may clean it up).
     */
    private void unpackRemoteNodes(WorkingSet ws, List<NodeState> states, int configured,
            java.util.IdentityHashMap<org.vigil.cib.Lrm, HistoryPlans.Plan> plans,
            Map<String, HistoryPlans.Plan> plansByNode) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (NodeState state : states) {
                SchedNode node = nodeOf(ws, state);
                if (!node.historyUnpacked && RemoteNodes.historyReadable(ws, node)) {
                    unpackRemoteNode(ws, state, node, configured, plans, plansByNode);
                    progress = true;
                    break;
                }
            }
        }
        for (NodeState state : states) {
            SchedNode node = nodeOf(ws, state);
            // a remote node left behind by a removed connection: nothing can be done there (Pacemaker neither
            // stops nor fences for it), so its history is not read
            if (!node.historyUnpacked && ws.stonithEnabled && node.connection != null) {
                unpackRemoteNode(ws, state, node, configured, plans, plansByNode);
            }
        }
        for (SchedNode n : ws.nodes) {
            if (n.isRemote() && !n.historyUnpacked) {
                RemoteNodes.determineOnline(ws, n);
            }
        }
    }

    /** The node a status entry is about: by id, else by name (null when it is not configured). */
    private static SchedNode nodeOf(WorkingSet ws, NodeState state) {
        return state.id() != null && ws.nodesById.containsKey(state.id()) ? ws.nodesById.get(state.id())
                : ws.nodesByUname.get(state.uname());
    }

    private void unpackRemoteNode(WorkingSet ws, NodeState state, SchedNode node, int configured,
            java.util.IdentityHashMap<org.vigil.cib.Lrm, HistoryPlans.Plan> plans,
            Map<String, HistoryPlans.Plan> plansByNode) {
        node.historyUnpacked = true;
        RemoteNodes.determineOnline(ws, node);
        RemoteNodes.applyStatusAttributes(ws, node);
        if (state.lrm() != null) {
            unpackNode(ws, state, node, configured, plans, plansByNode);
        }
    }

    private void unpackNode(WorkingSet ws, NodeState state, SchedNode node, int configured,
            java.util.IdentityHashMap<org.vigil.cib.Lrm, HistoryPlans.Plan> plans,
            Map<String, HistoryPlans.Plan> plansByNode) {
        {
            org.vigil.cib.Configuration config = ws.cib.configuration();
            List<LrmResource> entries = state.lrm().resources();
            HistoryPlans.Plan plan = ws.historyPlans.lookup(config, state.lrm());
            if (plan == null) {
                plan = plan(ws, entries, configured, ws.historyPlans.previous(config, node.uname));
            }
            plans.put(state.lrm(), plan);
            plansByNode.put(node.uname, plan);
            for (int i = 0; i < entries.size(); i++) {
                int known = plan.primitive()[i];
                PrimitiveRsc direct = known >= 0 && known < configured ? ws.primitives.get(known) : null;
                boolean planned = direct != null && (direct.id == plan.id()[i] || direct.id.equals(plan.id()[i]));
                if (planned) {
                    if (ws.shutdownLock) {
                        ShutdownLocks.fromHistory(ws, direct, node, entries.get(i));
                    }
                    // a probe that found the resource not running: what unpackOnNode makes of it
                    NodeHistory h = direct.historyOn(node);
                    h.probed = true;
                    h.lastFailure = null;
                    h.ops = entries.get(i).ops();
                    continue;
                }
                LrmResource lr = entries.get(i);
                PrimitiveRsc rsc = resolve(ws, lr, node);
                if (rsc == null) {
                    continue;
                }
                if (ws.shutdownLock) {
                    ShutdownLocks.fromHistory(ws, rsc, node, lr);
                }
                if (!lr.id().equals(rsc.id)) {
                    rsc.cloneName = lr.id();
                }
                unpackOnNode(ws, rsc, node, lr.ops());
                if (!rsc.orphan && !sameAgent(rsc, lr)) {
                    rsc.historyOn(node).agentChanged = true;
                }
            }
        }
    }

    /** Pacemaker's pcmk__rsc_agent_changed: class, provider and type as the history recorded them. */
    private static boolean sameAgent(PrimitiveRsc p, LrmResource lr) {
        return same(p.resourceClass, lr.resourceClass()) && same(p.provider, lr.provider()) && same(p.type, lr.type());
    }

    /** An absent attribute and an empty one are the same (a history written without a provider). */
    private static boolean same(String a, String b) {
        return (a == null || a.isEmpty()) ? (b == null || b.isEmpty()) : a.equals(b);
    }

    /**
     * A migration whose migrate_from failed on the target, with nothing newer on the source since its
     * migrate_to: Pacemaker (unpack_migrate_from_failure) counts the resource failed and active on the source,
     * and (unpack_migrate_to_success) active on the target first, when nothing newer happened there either.
     */
    private static List<SchedNode> failedMigrations(WorkingSet ws, PrimitiveRsc p) {
        List<SchedNode> targetsFirst = List.of();
        for (NodeHistory h : new ArrayList<>(p.history.values())) {
            SchedNode target = MigrationHistory.failedMigrateToTarget(ws, p, h);
            if (target != null && !targetsFirst.contains(target)) {
                targetsFirst = targetsFirst.isEmpty() ? new ArrayList<>() : targetsFirst;
                targetsFirst.add(target);
            }
        }
        for (NodeHistory h : p.history.values()) {
            SchedNode target = h.migrateTarget == null ? null : ws.node(h.migrateTarget);
            NodeHistory th = target == null ? null : p.history.get(target);
            if (th != null && !th.migrateFromFailed && h.node.uname.equals(th.migrateSource)
                    && th.role.above(Role.STOPPED)) {
                // migrate_to and migrate_from both succeeded but the source never stopped: a dangling
                // migration, active on the target only, and stopped on the source without touching the target
                h.role = Role.STOPPED;
                p.danglingMigrations.add(h.node);
                continue;
            }
            if (th == null || !th.migrateFromFailed || !h.role.above(Role.STOPPED)) {
                continue;
            }
            h.failed = true;
            p.failed = true;
            if (th.role.above(Role.STOPPED) && target.online) {
                targetsFirst = targetsFirst.isEmpty() ? new ArrayList<>() : targetsFirst;
                targetsFirst.add(target);
            }
        }
        return targetsFirst;
    }

    private static void finishRoles(WorkingSet ws) {
        for (PrimitiveRsc p : ws.primitives) {
            Role max = Role.STOPPED;
            p.runningOn.addAll(failedMigrations(ws, p));
            for (NodeHistory h : p.history.values()) {
                if (h.role.above(Role.STOPPED)) {
                    if (!p.runningOn.contains(h.node)) {
                        p.runningOn.add(h.node);
                    }
                    if (h.role.above(max)) {
                        max = h.role;
                    }
                }
            }
            p.role = max;
            for (SchedNode n : p.runningOn) {
                if (n.maintenance) {
                    p.managed = false; // nothing is done to resources on a node in maintenance
                }
            }
            if (p.cleanActiveCount() > 1) {
                String policy = p.meta.getOrDefault("multiple-active", "stop_start");
                if (policy.equals("block")) {
                    // Pacemaker's native_add_running: blocked, and with it the whole group when the group itself
                    // says multiple-active=block
                    p.managed = false;
                    p.blocked = true;
                    if (p.parent instanceof GroupRsc g && "block".equals(g.meta.get("multiple-active"))) {
                        for (Rsc c : g.children) {
                            c.managed = false;
                            c.blocked = true;
                        }
                    }
                } else if (policy.equals("stop_only")) {
                    p.mustStop = true;
                    p.nextRole = Role.STOPPED;
                }
            }
            if (p.parent != null && p.top().isPromotableClone() && p.role == Role.STARTED) {
                p.role = Role.UNPROMOTED;
            }
        }
        RemoteNodes.afterHistory(ws);
    }

    private static void propagateToCollectives(WorkingSet ws) {
        for (Rsc r : ws.byId.values()) {
            if (r instanceof PrimitiveRsc) {
                continue;
            }
            List<PrimitiveRsc> prims = new ArrayList<>();
            r.collectPrimitives(prims);
            Role max = Role.STOPPED;
            for (PrimitiveRsc p : prims) {
                if (p.role.above(max)) {
                    max = p.role;
                }
                for (SchedNode n : p.runningOn) {
                    if (!r.runningOn.contains(n)) {
                        r.runningOn.add(n);
                    }
                }
                if (p.failed) {
                    r.failed = r instanceof GroupRsc || r.failed;
                }
            }
            r.role = max;
        }
    }

    /** Maps a history entry to a configured primitive (or clone instance), or to a new orphan. */
    private PrimitiveRsc resolve(WorkingSet ws, LrmResource lr, SchedNode node) {
        Rsc direct = ws.byId.get(lr.id());
        if (direct instanceof PrimitiveRsc p && !(p.parent instanceof CloneRsc c && !c.unique)
                && !(p.parent != null && p.parent.parent instanceof CloneRsc c2 && !c2.unique)) {
            return p;
        }
        String base = PromotionRoles.stripInstance(lr.id());
        List<PrimitiveRsc> candidates = new ArrayList<>();
        for (PrimitiveRsc p : ws.primitives) {
            if (p.historyId.equals(base) && p.top() instanceof CloneRsc) {
                candidates.add(p);
            }
        }
        if (!candidates.isEmpty()) {
            CloneRsc clone = (CloneRsc) candidates.get(0).top();
            if (clone.unique) {
                for (PrimitiveRsc p : candidates) {
                    if (p.id.equals(lr.id())) {
                        return p;
                    }
                }
                return orphan(ws, lr, node);
            }
            Rsc pinned = clone.bundle == null ? null : clone.bundle.instanceIn(node);
            if (pinned != null && memberOf(pinned, base) != null) {
                return memberOf(pinned, base);
            }
            PrimitiveRsc inactive = null;
            for (Rsc instance : clone.children) {
                PrimitiveRsc member = memberOf(instance, base);
                if (member == null) {
                    continue;
                }
                SchedNode location = activeLocation(instance);
                if (location != null) {
                    if (location == node) {
                        NodeHistory h = member.history.get(node);
                        if (h != null && h.role.above(Role.STOPPED)) {
                            // a second history for the same anonymous instance on one node: an orphan
                            return orphanInstance(ws, clone, lr, base);
                        }
                        return member;
                    }
                } else if (inactive == null && !instance.blocked) {
                    inactive = member;
                }
            }
            // As Pacemaker: an instance that does not need fencing and is active on an unclean or offline node
            // does not use up an instance number (unless the clone has one for every node), so that another
            // instance may start elsewhere; it is an orphan.
            if (inactive != null && (inactive.needsFencing(ws) || node.online && !node.unclean
                    || node.isGuest() || clone.cloneMax == ws.nodes.size())) {
                return inactive;
            }
            return orphanInstance(ws, clone, lr, base);
        }
        if (direct instanceof PrimitiveRsc p) {
            return p;
        }
        return orphan(ws, lr, node);
    }

    private static PrimitiveRsc memberOf(Rsc instance, String base) {
        List<PrimitiveRsc> prims = new ArrayList<>();
        instance.collectPrimitives(prims);
        for (PrimitiveRsc p : prims) {
            if (p.historyId.equals(base)) {
                return p;
            }
        }
        return null;
    }

    private static SchedNode activeLocation(Rsc instance) {
        List<PrimitiveRsc> prims = new ArrayList<>();
        instance.collectPrimitives(prims);
        for (PrimitiveRsc p : prims) {
            for (NodeHistory h : p.history.values()) {
                if (h.role.above(Role.STOPPED)) {
                    return h.node;
                }
            }
        }
        return null;
    }

    /** An anonymous clone has more active copies than instances: the extra one is an orphan instance. */
    private PrimitiveRsc orphanInstance(WorkingSet ws, CloneRsc clone, LrmResource lr, String base) {
        if (!(clone.children.isEmpty() || clone.children.get(0) instanceof PrimitiveRsc)) {
            return orphan(ws, lr, null);
        }
        int n = clone.children.size();
        while (ws.byId.containsKey(base + ":" + n)) {
            n++;
        }
        PrimitiveRsc template = clone.children.isEmpty() ? null : (PrimitiveRsc) clone.children.get(0);
        org.vigil.cib.Primitive def = template != null ? template.definition
                : new org.vigil.cib.Primitive(base, lr.resourceClass(), lr.provider(), lr.type(), null,
                        java.util.Map.of(), List.of(), List.of(), List.of(), null);
        PrimitiveRsc p = new PrimitiveRsc(base + ":" + n, base, clone, 100000 + ws.byId.size(), def);
        p.orphan = true;
        p.meta.putAll(template != null ? template.meta : clone.meta); // a copy of an instance: its own meta too
        p.allowed = new NodeScores(ws.nodes.size());
        p.managed = clone.managed && ws.stopOrphans;
        ws.byId.put(p.id, p);
        ws.primitives.add(p);
        clone.children.add(p);
        return p;
    }

    private PrimitiveRsc orphan(WorkingSet ws, LrmResource lr, SchedNode node) {
        String id = lr.id();
        Rsc existing = ws.byId.get(id);
        if (existing instanceof PrimitiveRsc p && p.orphan) {
            return p;
        }
        if (existing != null) {
            id = id + "#orphan";
        }
        org.vigil.cib.Primitive def = new org.vigil.cib.Primitive(lr.id(), lr.resourceClass(), lr.provider(),
                lr.type(), null, java.util.Map.of(), List.of(), List.of(), List.of(), null);
        PrimitiveRsc p = new PrimitiveRsc(id, lr.id(), null, 100000 + ws.byId.size(), def);
        p.orphan = true;
        p.allowed = new NodeScores(ws.nodes.size());
        p.managed = ws.stopOrphans && !ws.maintenanceMode;
        ws.byId.put(p.id, p);
        ws.primitives.add(p);
        ws.resources.add(p);
        return p;
    }

    /**
     * Marks the entries that are a lone probe which found an ordinary primitive (not in a clone, so its
     * history maps to it by id alone) not running.
     */
    private static HistoryPlans.Plan plan(WorkingSet ws, List<LrmResource> entries,
            int configured, HistoryPlans.Plan previous) {
        int[] primitive = new int[entries.size()];
        String[] id = new String[entries.size()];
        List<LrmResource> before = previous == null ? List.of() : previous.entries();
        for (int i = 0; i < entries.size(); i++) {
            LrmResource lr = entries.get(i);
            if (i < before.size() && before.get(i) == lr) {
                primitive[i] = previous.primitive()[i];
                id[i] = previous.id()[i];
                continue;
            }
            primitive[i] = -1;
            if (notRunningProbeOnly(lr.ops()) && ws.byId.get(lr.id()) instanceof PrimitiveRsc p && !p.orphan
                    && (p.parent == null || p.parent instanceof GroupRsc && p.parent.parent == null)) {
                int at = p.configuredIndex;
                if (at >= 0 && at < configured && ws.primitives.get(at) == p) {
                    primitive[i] = at;
                    id[i] = p.id;
                }
            }
        }
        return new HistoryPlans.Plan(primitive, id, entries);
    }

    /** A single probe that completed and found the resource not running. */
    private static boolean notRunningProbeOnly(List<LrmRscOp> ops) {
        if (ops.size() != 1) {
            return false;
        }
        LrmRscOp op = ops.get(0);
        return op.rc() == 7 && op.status() == 0 && op.intervalMs() == 0 && "monitor".equals(op.operation());
    }

    // ---- one resource on one node ---------------------------------------------------------------------

    private enum OnFail { IGNORE, DEMOTE, RESTART, BLOCK, STOP, STANDBY, FENCE, RESTART_CONTAINER, RESET_REMOTE }

    private void unpackOnNode(WorkingSet ws, PrimitiveRsc rsc, SchedNode node, List<LrmRscOp> ops) {
        NodeHistory h = rsc.historyOn(node);
        List<LrmRscOp> sorted = ops;
        if (ops.size() > 1) {
            sorted = new ArrayList<>(ops);
            sorted.sort(Comparator.comparingLong(UnpackHistoryStage::callOrder));
        }
        h.ops = sorted;
        OnFail onFail = OnFail.IGNORE;
        Role role = Role.UNKNOWN;
        LrmRscOp lastFailure = null;
        for (LrmRscOp op : sorted) {
            String task = op.operation() == null ? "" : op.operation();
            if (task.equals("notify")) {
                continue;
            }
            long interval = op.intervalMs();
            boolean probe = task.equals("monitor") && interval == 0;
            int rc = op.rc();
            int status = op.status();
            if (status == EXEC_CANCELLED) {
                continue;
            }
            if (probe) {
                h.probed = true;
            }
            if (status == EXEC_PENDING) {
                switch (task) {
                    case "start", "migrate_from" -> role = Role.STARTED;
                    case "promote" -> role = Role.PROMOTED;
                    case "demote" -> role = Role.UNPROMOTED;
                    case "stop", "migrate_to" -> {
                        if (!role.above(Role.STOPPED)) {
                            role = Role.STARTED;
                        }
                    }
                    default -> { }
                }
                if (!probe) {
                    h.pendingTask = task; // Pacemaker does not show a pending probe
                }
                if (task.equals("start")) {
                    h.pendingStart = op;
                }
                continue;
            }
            if ("lsb".equals(rsc.resourceClass) && task.equals("monitor") && rc == 3) {
                rc = 7; // LSB "status" says 3 for "not running"
            }
            if (rc == 190 || rc == 191) {
                // degraded: as good as running (promoted), but Pacemaker lists a degraded monitor among the
                // failed actions so that the operator sees it
                rc = rc == 190 ? 0 : 8;
                if (task.equals("monitor")) {
                    ws.recordFailedOp(node, rsc, op);
                }
            }
            int target = op.expectedRc();
            // As Pacemaker: "done" and "error" statuses are judged by the exit code against the expected one.
            boolean judged = status == 0 || status == 4;
            boolean failedOp = !judged || !(rc == target || (probe && (rc == 7 || rc == 0 || rc == 8)));
            if (judged) {
                status = failedOp ? 4 : 0;
            }
            if (probe && judged && rc == 5 && !expired(ws, rsc, op)) {
                if (ws.symmetric) {
                    ws.recordFailedOp(node, rsc, op); // shown by status, as Pacemaker does, unless opt-in
                }
                // not installed: the resource is not running there and can never run there
                ban(ws, rsc, node, "agent is not installed on " + node.uname);
                role = Role.STOPPED;
                continue;
            }
            if (failedOp && status != 7 && onFailFor(ws, rsc, task, interval) == OnFail.IGNORE) {
                // on-fail=ignore: Pacemaker pretends the operation returned what was expected
                ws.recordFailedOp(node, rsc, op);
                rsc.failureIgnored = true;
                failedOp = false;
                rc = target;
            }
            if (!failedOp && rc == 7 && !task.equals("monitor")) {
                // an operation expected to find it not running (Pacemaker's determine_op_status), whatever its
                // task: stopped there, and earlier failures no longer call for recovery
                role = Role.STOPPED;
                onFail = OnFail.IGNORE;
                continue;
            }
            if (!failedOp) {
                if (task.equals("start") || task.equals("migrate_from")) {
                    h.ranWithParameters(op, true);
                } else if (task.equals("promote") || (probe && (rc == 0 || rc == 8))) {
                    h.ranWithParameters(op, false);
                } else if (task.equals("stop")) {
                    h.definitionOps = List.of();
                }
                switch (task) {
                    case "start" -> {
                        role = Role.STARTED;
                        onFail = clearable(onFail, rsc);
                    }
                    case "migrate_from" -> {
                        role = Role.STARTED;
                        h.migrateSource = op.attribute("migrate_source");
                        onFail = clearable(onFail, rsc);
                    }
                    case "migrate_to" -> {
                        h.migrateTarget = op.attribute("migrate_target");
                        role = Role.STARTED;
                    }
                    case "stop" -> {
                        role = Role.STOPPED;
                        h.migrateTarget = null;
                        h.migrateSource = null;
                        onFail = clearable(onFail, rsc);
                    }
                    case "promote" -> role = Role.PROMOTED;
                    case "demote" -> role = Role.UNPROMOTED;
                    case "monitor" -> {
                        if (rc == 7) {
                            role = Role.STOPPED;
                            onFail = probe ? OnFail.IGNORE : onFail;
                        } else if (rc == 8) {
                            role = Role.PROMOTED;
                        } else if (rc == 0) {
                            if (role == Role.PROMOTED && probe) {
                                role = Role.UNPROMOTED;
                            } else if (!role.above(Role.STOPPED) || probe) {
                                role = Role.STARTED;
                            }
                        }
                    }
                    default -> { }
                }
                if (task.equals("monitor") && interval > 0 && rc != 7) {
                    if (h.activeRecurring.isEmpty()) {
                        h.activeRecurring = new ArrayList<>();
                    }
                    h.activeRecurring.add(op);
                }
                continue;
            }
            // a failure
            if (expired(ws, rsc, op)) {
                continue; // failure-timeout has passed: the failure no longer counts
            }
            lastFailure = op;
            ws.recordFailedOp(node, rsc, op);
            OnFail configured = onFailFor(ws, rsc, task, interval);
            if (status == 7 && configured == OnFail.IGNORE) {
                configured = OnFail.RESTART; // a missing agent cannot be ignored
            }
            boolean fatal = status == 6 || (judged && rc == 6);
            boolean hard = status == 5 || status == 7
                    || (judged && (rc == 2 || rc == 4 || rc == 5 || (rc == 3 && interval == 0)));
            if (fatal) {
                ban(ws, rsc, null, "fatal error (" + rc + ") on " + node.uname);
            } else if (hard) {
                ban(ws, rsc, node, "hard error (" + rc + ") on " + node.uname);
            }
            if (configured.ordinal() > onFail.ordinal()) {
                onFail = configured;
            }
            if (!rsc.failedOn.contains(node)) {
                rsc.failedOn.add(node);
            }
            switch (task) {
                case "stop" -> {
                    rsc.allowed.set(node.index, Score.MINUS_INFINITY);
                    ws.explain.note(rsc, node, Score.MINUS_INFINITY, "stop failed on " + node.uname);
                    if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
                case "promote" -> role = Role.PROMOTED;
                // staying promoted would loop; unpromoted is safe, as recovery stops it first (even when the
                // demote said "not running": Pacemaker then still counts it active and failed)
                case "demote" -> role = configured == OnFail.BLOCK ? Role.PROMOTED : Role.UNPROMOTED;
                case "migrate_to" -> {
                    h.migrateToFailed = true;
                    if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
                case "migrate_from" -> {
                    h.migrateFromFailed = true;
                    if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
                default -> {
                    if (probe && rc == 5) {
                        role = Role.STOPPED;
                    } else if (!role.above(Role.STOPPED)) {
                        role = Role.STARTED;
                    }
                }
            }
        }
        if (role == Role.UNKNOWN) {
            role = Role.STOPPED;
        }
        // a node may (rarely) carry two history entries for one resource: active in either means active
        h.role = h.role.above(role) ? h.role : role;
        h.lastFailure = lastFailure;
        if (role.above(Role.STOPPED) && !node.online && !node.maintenance && rsc.managed) {
            if (node.isGuest()) {
                // a guest is "fenced" by recovering its container, fencing enabled or not
                rsc.failed = true;
                h.failed = true;
                RemoteNodes.fence(ws, node, rsc.id + " is thought to be active there");
            } else if (node.isRemote() && ws.stonithEnabled) {
                String reason = rsc.id + " is thought to be active there";
                if (node.connection != null && !node.connection.failed) {
                    // fencing is revoked if the connection can be re-established elsewhere
                    node.unseen = true;
                    reason = rsc.id + " is active there (fencing will be revoked if remote connection can be"
                            + " re-established elsewhere)";
                }
                RemoteNodes.fence(ws, node, reason);
            } else if (!node.unclean && ws.stonithEnabled) {
                node.fence(rsc.id + " is thought to be active there");
            }
        }
        if (node.unclean) {
            // resources on a node about to be fenced will be stopped by the fencing; no recovery needed
            onFail = OnFail.IGNORE;
        }
        switch (onFail) {
            case IGNORE -> { }
            case DEMOTE -> {
                // recovered by demotion (Pacemaker: failed, but no stop): demoted there, promoted again if it may
                if (!rsc.demoteOnFailure.contains(node)) {
                    rsc.demoteOnFailure.add(node);
                }
            }
            case FENCE -> {
                if (ws.stonithEnabled) {
                    node.fence(rsc.id + " failed there");
                }
                rsc.failed = rsc.failed || role.above(Role.STOPPED);
            }
            case STANDBY -> {
                node.standby = true;
                rsc.failed = rsc.failed || role.above(Role.STOPPED);
            }
            case BLOCK -> {
                rsc.managed = false;
                rsc.blocked = true;
                rsc.failed = true;
            }
            case STOP -> {
                for (SchedNode n : ws.nodes) {
                    rsc.allowed.set(n.index, Score.MINUS_INFINITY);
                }
                ws.explain.note(rsc, null, Score.MINUS_INFINITY, "on-fail=stop after a failure on " + node.uname);
                rsc.nextRole = Role.STOPPED;
                rsc.mustStop = true;
                rsc.nextRoleReason = "on-fail=stop";
                rsc.failed = rsc.failed || role.above(Role.STOPPED);
            }
            case RESTART -> {
                if (role.above(Role.STOPPED)) {
                    rsc.failed = true;
                    h.failed = true;
                }
            }
            case RESTART_CONTAINER -> {
                rsc.failed = true;
                if (rsc.container instanceof PrimitiveRsc c) {
                    if (!c.stopRequiredOn.contains(node)) {
                        c.stopRequiredOn.add(node);
                    }
                    h.failed = role.above(Role.STOPPED);
                } else if (role.above(Role.STOPPED)) {
                    h.failed = true;
                }
            }
            case RESET_REMOTE -> {
                rsc.failed = true;
                h.failed = role.above(Role.STOPPED);
                if (ws.stonithEnabled && rsc.remoteNode != null && !rsc.remoteNode.remoteWasFenced) {
                    RemoteNodes.fence(ws, rsc.remoteNode, "remote connection is unrecoverable");
                }
                if (RemoteNodes.reconnectIntervalMs(rsc) > 0) {
                    // the connection stays down until the failure expires and a reconnection is tried
                    rsc.nextRole = Role.STOPPED;
                    rsc.nextRoleReason = "remote reset";
                }
            }
            default -> { }
        }
        if (onFail == OnFail.FENCE || onFail == OnFail.STANDBY || onFail == OnFail.STOP) {
            h.failed = role.above(Role.STOPPED);
        }
    }

    /**
     * A hard (or, with no node, fatal) error bans the resource there, as Pacemaker's resource_location on
     * its top-level parent: every instance of a clone, whichever instance the history was mapped to.
     */
    private static void ban(WorkingSet ws, PrimitiveRsc rsc, SchedNode node, String why) {
        if (rsc.top() instanceof CloneRsc clone) {
            clone.addLocation(ws, node, Score.MINUS_INFINITY, why);
            return;
        }
        if (node == null) {
            for (SchedNode n : ws.nodes) {
                rsc.allowed.set(n.index, Score.MINUS_INFINITY);
            }
        } else {
            rsc.allowed.set(node.index, Score.MINUS_INFINITY);
        }
        ws.explain.note(rsc, node, Score.MINUS_INFINITY, why);
    }

    private static OnFail clearable(OnFail f, PrimitiveRsc rsc) {
        return switch (f) {
            case STOP, FENCE, STANDBY -> f;
            // with a reconnect interval, the connection waits for the failure to expire
            case RESET_REMOTE -> RemoteNodes.reconnectIntervalMs(rsc) > 0 ? f : OnFail.IGNORE;
            default -> OnFail.IGNORE;
        };
    }

    private static long callOrder(LrmRscOp op) {
        int call = op.call();
        if (call < 0) {
            return Long.MAX_VALUE;
        }
        return call;
    }

    private OnFail onFailFor(WorkingSet ws, PrimitiveRsc rsc, String task, long interval) {
        String configured = null;
        for (Op op : rsc.ops) {
            if (task.equals(op.name()) && Durations.parseIntervalMs(op.interval()) == interval) {
                configured = op.attribute("on-fail");
                break;
            }
        }
        if (configured == null && task.equals("monitor") && interval == 0) {
            configured = null;
        }
        if ("restart-container".equals(configured)) {
            configured = rsc.container != null ? configured : null;
        }
        if (configured == null && rsc.container != null) {
            return OnFail.RESTART_CONTAINER;
        }
        if ((configured == null || !rsc.managed) && rsc.isRemoteConnection()
                && !(task.equals("monitor") && interval == 0) && !task.equals("start")) {
            // losing an active connection means the remote node's state is unknown: fence it
            return rsc.managed ? OnFail.RESET_REMOTE : OnFail.STOP;
        }
        if (configured != null) {
            switch (configured.trim().toLowerCase()) {
                case "restart-container":
                    return OnFail.RESTART_CONTAINER;
                case "ignore":
                    return OnFail.IGNORE;
                case "block":
                    return OnFail.BLOCK;
                case "stop":
                    return OnFail.STOP;
                case "standby":
                    return OnFail.STANDBY;
                case "fence":
                    return ws.stonithEnabled ? OnFail.FENCE : OnFail.BLOCK;
                case "demote":
                    return OnFail.DEMOTE;
                default:
                    return OnFail.RESTART;
            }
        }
        if (task.equals("stop")) {
            return ws.stonithEnabled ? OnFail.FENCE : OnFail.BLOCK;
        }
        return OnFail.RESTART;
    }

    private boolean expired(WorkingSet ws, PrimitiveRsc rsc, LrmRscOp op) {
        String timeout = rsc.meta.get("failure-timeout");
        if (timeout == null || ws.now == null) {
            return false;
        }
        long ms = Durations.parseIntervalMs(timeout);
        if (ms <= 0) {
            return false;
        }
        long change = op.lastRcChangeSeconds();
        if (change <= 0) {
            String lr = op.attribute("last-run");
            try {
                change = lr == null ? 0 : Long.parseLong(lr);
            } catch (NumberFormatException e) {
                change = 0;
            }
        }
        if (change <= 0) {
            return false;
        }
        if (change * 1000 + ms <= ws.now.toEpochMilli()) {
            return true;
        }
        ws.recheckAt(java.time.Instant.ofEpochMilli(change * 1000 + ms)); // the failure stops counting then
        return false;
    }
}
