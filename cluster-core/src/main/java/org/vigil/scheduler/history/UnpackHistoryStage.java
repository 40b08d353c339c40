package org.vigil.scheduler.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.cib.LrmResource;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NodeState;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.GroupRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Operation history: the current role of each resource on each node, failures and their on-fail handling,
 * partial migrations. Mirrors Pacemaker's unpack_lrm_resources/unpack_rsc_op.
 */
public final class UnpackHistoryStage implements Stage {

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
                PrimitiveRsc rsc = InstanceResolution.resolve(ws, lr, node);
                if (rsc == null) {
                    continue;
                }
                if (ws.shutdownLock) {
                    ShutdownLocks.fromHistory(ws, rsc, node, lr);
                }
                if (!lr.id().equals(rsc.id)) {
                    rsc.cloneName = lr.id();
                }
                OperationResults.unpack(ws, rsc, node, lr.ops());
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
            if (!r.isCollective()) {
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
                    && p.isUncloned()) {
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

}
