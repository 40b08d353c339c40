package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Op;
import org.vigil.cib.Primitive;
import org.vigil.cib.Score;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.history.NodeHistories;
import org.vigil.scheduler.history.NodeHistory;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.RemoteNodes;
import org.vigil.scheduler.node.SchedNode;

/** A primitive resource (or one instance of a cloned primitive). */
public final class PrimitiveRsc extends Rsc {
    public final Primitive definition;
    public final String resourceClass;
    public final String provider;
    public final String type;
    /** The id used in the history (anonymous clone instances are recorded under the base id). */
    public final String historyId;
    public final NodeHistories history = new NodeHistories();
    public final Map<String, Integer> utilization = new LinkedHashMap<>();
    public List<Op> ops = List.of();
    boolean allowMigrate;
    /** Nodes whose history shows a failure of this resource (for fencing reasons). */
    public final List<SchedNode> failedOn = new ArrayList<>();
    /** A partial migration found in history: source and target. */
    public SchedNode partialMigrationSource;
    public SchedNode partialMigrationTarget;
    public boolean reloadNeeded;
    /** The node this resource is locked to by {@code shutdown-lock} (from its history), or null. */
    public SchedNode shutdownLockNode;
    /** The name the history used for this anonymous clone instance (Pacemaker's clone_name), if any. */
    public String cloneName;
    /** For a connection resource: the remote or guest node it makes (null for other resources). */
    public SchedNode remoteNode;
    /** A bundle's connection (Pacemaker's pe_rsc_allow_remote_remotes): its container may run on remote nodes. */
    public boolean allowRemoteRemotes;
    /** The resource this one runs inside ({@code container} meta; a guest connection's container). */
    public Rsc container;
    /** Nodes where a contained resource's failure requires this container to stop (on-fail restart-container). */
    public final List<SchedNode> stopRequiredOn = new ArrayList<>();
    /** Nodes where a failure with {@code on-fail=demote} is recovered by demoting it there, without a stop. */
    public final List<SchedNode> demoteOnFailure = new ArrayList<>(0);
    /** Sources of completed migrations that never stopped there (Pacemaker's dangling migrations). */
    public final List<SchedNode> danglingMigrations = new ArrayList<>(0);
    /** Where the resource stage put it in the working set's primitives (-1: an orphan found later). */
    public int configuredIndex = -1;

    public PrimitiveRsc(String id, String historyId, Rsc parent, int configOrder, Primitive definition) {
        super(id, parent, configOrder);
        this.historyId = historyId;
        this.definition = definition;
        this.resourceClass = definition == null ? null : definition.resourceClass();
        this.provider = definition == null ? null : definition.provider();
        this.type = definition == null ? null : definition.type();
    }

    @Override
    public boolean isCollective() {
        return false;
    }

    @Override
    public List<Action> topActions(String task) {
        return findActions(task);
    }

    @Override
    public List<Action> actionsBelow(String task) {
        return new ArrayList<>(findActions(task));
    }

    @Override
    public boolean followsParentLocations() {
        return !allowRemoteRemotes;
    }

    public String agent() {
        if (resourceClass == null) {
            return "unknown";
        }
        return provider == null ? resourceClass + ":" + type : resourceClass + ":" + provider + ":" + type;
    }

    @Override
    public String anonymousBase() {
        return parent != null && top().isAnonymousClone() ? historyId : null;
    }

    /** Neither cloned nor in a bundle: a top-level primitive or a member of a top-level group. */
    public boolean isUncloned() {
        return parent == null || parent instanceof GroupRsc && parent.parent == null;
    }

    @Override
    public boolean isConnection() {
        return remoteNode != null;
    }

    /** A connection to a Pacemaker Remote node (not a guest's): its failure means fencing the node. */
    public boolean isRemoteConnection() {
        return remoteNode != null && container == null;
    }

    public boolean isStonith() {
        return "stonith".equals(resourceClass);
    }

    /**
     * Pacemaker's pe_rsc_needs_fencing (unpack_requires): whether the resource may start elsewhere only once a
     * node where it may still run has been fenced. By default every resource needs fencing when fencing is
     * enabled, except fencing devices and remote connections (they need quorum).
     */
    public boolean needsFencing(WorkingSet ws) {
        String requires = meta.get("requires");
        String value = requires == null ? "" : requires.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "nothing", "quorum" -> false;
            case "fencing" -> true;
            case "unfencing" -> !isStonith() && ws.stonithEnabled;
            default -> !isStonith() && !isConnection() && ws.stonithEnabled;
        };
    }

    public NodeHistory historyOn(SchedNode node) {
        return history.on(node);
    }

    @Override
    public void collectPrimitives(List<PrimitiveRsc> out) {
        out.add(this);
    }

    // ---- assignment ------------------------------------------------------------------------------

    @Override
    public SchedNode assign(WorkingSet ws, SchedNode prefer) {
        if (parent != null && !parent.allocating && parent.provisional) {
            parent.assign(ws, prefer);
        }
        if (!provisional) {
            return assignedTo;
        }
        if (allocating) {
            return null;
        }
        allocating = true;
        List<Colocation> thisWithList = List.copyOf(thisWith);
        List<Colocation> withThisList = List.copyOf(withThis);
        // mandatory colocations first, to satisfy as many as possible; then the optional ones
        for (Colocation c : thisWithList) {
            if (isMandatory(c)) {
                applyThisWith(ws, c);
            }
        }
        for (Colocation c : withThisList) {
            if (isMandatory(c)) {
                addDependentScores(ws, c);
            }
        }
        for (Colocation c : thisWithList) {
            if (!isMandatory(c)) {
                applyThisWith(ws, c);
            }
        }
        for (Colocation c : withThisList) {
            if (!isMandatory(c)) {
                addDependentScores(ws, c);
            }
        }
        if (nextRole == Role.STOPPED) {
            addLocation(ws, null, Score.MINUS_INFINITY, "target-role is Stopped");
        } else if (nextRole.above(role) && !ws.haveQuorum && "freeze".equals(ws.noQuorumPolicy)) {
            nextRole = role;
        }
        if (!managed) {
            assignNode(ws, currentNode(), true);
        } else if (ws.stopEverything) {
            assignNode(ws, null, true);
        } else {
            chooseNode(ws, prefer);
        }
        if (remoteNode != null) {
            RemoteNodes.connectionAssigned(this);
        }
        allocating = false;
        return assignedTo;
    }

    private static boolean isMandatory(Colocation c) {
        return c.score() >= Score.INFINITY || c.score() <= Score.MINUS_INFINITY;
    }

    private void applyThisWith(WorkingSet ws, Colocation c) {
        NodeScores archive = null;
        if (c.dependentRole().compareTo(Role.PROMOTED) >= 0
                || (c.score() < 0 && c.score() > Score.MINUS_INFINITY)) {
            archive = allowed.copy();
        }
        if (c.primary().provisional) {
            c.primary().assign(ws, null);
        }
        c.primary().colocationAsPrimary(ws, this, c);
        if (archive != null && !canRunAny(ws, allowed)) {
            allowed.restoreFrom(archive);
        }
    }

    private void addDependentScores(WorkingSet ws, Colocation c) {
        if (!c.hasInfluence(null)) {
            return;
        }
        NodeScores merged = c.dependent().mergeWeights(ws, id, allowed, c.nodeAttribute(),
                c.score() / (float) Score.INFINITY, false, true, false, false);
        if (merged != allowed) {
            allowed.restoreFrom(merged);
        }
    }

    private void chooseNode(WorkingSet ws, SchedNode prefer) {
        SchedNode mostFree = ws.utilization.banInsufficientCapacity(ws, this);
        if (prefer == null) {
            prefer = mostFree;
        }
        SchedNode best = bestAllowedNode(ws, currentNode());
        SchedNode chosen = null;
        if (prefer != null && best != null && allowed.has(prefer.index)) {
            int w = allowed.get(prefer.index);
            if (w >= 0 && w >= allowed.get(best.index) && prefer.canRunResources()) {
                chosen = prefer;
            }
        }
        if (chosen == null && best != null) {
            chosen = best;
            if (!chosen.canRunResources()) {
                chosen = null;
            } else {
                SchedNode running = currentNode();
                boolean uniqueInstance = parent != null && parent.isClone() && !parent.isAnonymousClone();
                // Pacemaker walks the sorted nodes after the best while their score equals the best's and
                // stays where it runs if it meets it there. The nodes ahead of a node that can run with that
                // score all have it too, so it is met exactly when its score is the best's.
                if (running != null && running.canRunResources() && allowed.get(chosen.index) > 0
                        && !uniqueInstance && allowed.has(running.index)
                        && allowed.get(running.index) == allowed.get(chosen.index)) {
                    chosen = running;
                }
            }
        }
        assignNode(ws, chosen, false);
    }

    /**
     * The first of {@link #sortedAllowedNodes}, found without sorting them all: the order is total (names
     * break every tie), so its least element is the first one. The balanced strategy compares free
     * capacity, which need not be transitive, so there the nodes are sorted as Pacemaker does.
     */
    SchedNode bestAllowedNode(WorkingSet ws, SchedNode active) {
        if ("balanced".equals(ws.placementStrategy)) {
            List<SchedNode> nodes = sortedAllowedNodes(ws, active);
            return nodes.isEmpty() ? null : nodes.get(0);
        }
        Comparator<SchedNode> order = nodeOrder(ws, active);
        SchedNode best = null;
        for (SchedNode n : ws.nodes) {
            if (allowed.has(n.index) && (best == null || order.compare(n, best) < 0)) {
                best = n;
            }
        }
        return best;
    }

    List<SchedNode> sortedAllowedNodes(WorkingSet ws, SchedNode active) {
        List<SchedNode> nodes = new ArrayList<>();
        for (SchedNode n : ws.nodes) {
            if (allowed.has(n.index)) {
                nodes.add(n);
            }
        }
        nodes.sort(nodeOrder(ws, active));
        return nodes;
    }

    Comparator<SchedNode> nodeOrder(WorkingSet ws, SchedNode active) {
        return (a, b) -> {
            int wa = a.canRunResources() ? allowed.get(a.index) : Score.MINUS_INFINITY;
            int wb = b.canRunResources() ? allowed.get(b.index) : Score.MINUS_INFINITY;
            if (wa != wb) {
                return wa > wb ? -1 : 1;
            }
            if ("minimal".equals(ws.placementStrategy)) {
                return a.uname.compareTo(b.uname);
            }
            if ("balanced".equals(ws.placementStrategy)) {
                int c = ws.utilization.compareFree(a, b);
                if (c != 0) {
                    return c;
                }
            }
            if (a.assignedCount != b.assignedCount) {
                return a.assignedCount < b.assignedCount ? -1 : 1;
            }
            if (active != null && active == a) {
                return -1;
            }
            if (active != null && active == b) {
                return 1;
            }
            return a.uname.compareTo(b.uname);
        };
    }

    /** Pacemaker's native_assign_node. */
    boolean assignNode(WorkingSet ws, SchedNode chosen, boolean force) {
        SchedNode c = chosen;
        if (!force && c != null && (!allowed.has(c.index) || allowed.get(c.index) < 0 || !c.canRunResources())) {
            c = null;
        }
        if (assignedTo != null) {
            assignedTo.assignedCount--;
            ws.utilization.release(ws, this, assignedTo);
        }
        assignedTo = c;
        provisional = false;
        if (c == null) {
            nextRole = Role.STOPPED;
            nextRoleReason = "unable to allocate";
            return false;
        }
        assignedScore = allowed.has(c.index) ? allowed.get(c.index) : 0;
        c.assignedCount++;
        ws.utilization.consume(ws, this, c);
        return true;
    }

    /** Undoes an assignment (clone pre-assignment that turned out worse). */
    void unassign(WorkingSet ws) {
        if (assignedTo != null) {
            assignedTo.assignedCount--;
            ws.utilization.release(ws, this, assignedTo);
        }
        assignedTo = null;
        provisional = true;
        nextRole = mustStop ? Role.STOPPED : Role.UNKNOWN;
    }

    @Override
    void colocationAsPrimary(WorkingSet ws, PrimitiveRsc dependent, Colocation c) {
        int affects = colocationAffects(dependent, this, c);
        if (affects == 1) {
            applyColocationToScores(ws, dependent, this, c);
        } else if (affects == 2) {
            PromotionRoles.applyColocationToPriority(ws, dependent, this, c);
        }
    }

    @Override
    void colocationAsDependent(WorkingSet ws, Colocation c) {
        c.primary().colocationAsPrimary(ws, this, c);
    }

    // ---- actions -------------------------------------------------------------------------------------

    @Override
    public void internalConstraints(WorkingSet ws) {
        PrimitiveActions.internalOrderings(ws, this);
    }

    @Override
    public void createActions(WorkingSet ws) {
        PrimitiveActions.create(ws, this);
    }

    @Override
    public void summarize(WorkingSet ws, List<String> out) {
        PrimitiveSummary.summarize(ws, this, out);
    }
}
