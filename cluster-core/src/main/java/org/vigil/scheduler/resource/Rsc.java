package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Booleans;
import org.vigil.cib.Score;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;

/**
 * A resource in the working set. Subclasses are the variants (primitive, group, clone, bundle); each implements
 * assignment, colocation, action creation and summary in its own way, like Pacemaker's method table.
 * Instances are mutable scratch state for one scheduler run and never escape it.
 */
public abstract sealed class Rsc permits PrimitiveRsc, GroupRsc, CloneRsc, BundleRsc {
    /** Marks a node that a negative merged score made unusable (Pacemaker's INFINITY_HACK). */
    static final int UNUSABLE = Integer.MIN_VALUE / 2;

    public final String id;
    public final Rsc parent;
    public final List<Rsc> children = new ArrayList<>();
    public final Map<String, String> meta = new LinkedHashMap<>();
    public final int configOrder;
    public int priority;
    public int stickiness;
    public boolean managed = true;
    public boolean failed;
    public boolean orphan;
    public boolean blocked;
    /** Unmanaged because of maintenance (cluster, resource or node): shown as such, not as "unmanaged". */
    public boolean maintenance;
    /** A failure was pretended away (on-fail=ignore): status shows "failure ignored". */
    public boolean failureIgnored;
    public boolean critical = true;
    public boolean provisional = true;
    boolean allocating;
    boolean merging;
    public Role role = Role.STOPPED;
    public Role nextRole = Role.UNKNOWN;
    /** target-role=Stopped (or on-fail=stop): the role the resource must never leave. */
    public boolean mustStop;
    public String nextRoleReason;
    public final List<SchedNode> runningOn = new ArrayList<>();
    public NodeScores allowed;
    public SchedNode assignedTo;
    /** The score it had on {@link #assignedTo} when assigned there (the weight of Pacemaker's allocated_to). */
    int assignedScore;
    /** Promotion priority of a promotable clone instance, and its final sort key. */
    int promotionPriority;
    int sortIndex;
    /** Colocations in which this resource is the dependent (Pacemaker's rsc_cons). */
    public final List<Colocation> thisWith = new ArrayList<>();
    /** Colocations in which this resource is the primary (Pacemaker's rsc_cons_lhs). */
    public final List<Colocation> withThis = new ArrayList<>();
    public final List<Action> actions = new ArrayList<>();

    Rsc(String id, Rsc parent, int configOrder) {
        this.id = id;
        this.parent = parent;
        this.configOrder = configOrder;
    }

    // ---- variant methods -------------------------------------------------------------------------

    public abstract SchedNode assign(WorkingSet ws, SchedNode prefer);

    /** Applies colocation {@code c} (in which this is the primary) to {@code dependent}, a primitive. */
    abstract void colocationAsPrimary(WorkingSet ws, PrimitiveRsc dependent, Colocation c);

    /** Applies colocation {@code c} (in which this is the dependent) once the primary is assigned. */
    abstract void colocationAsDependent(WorkingSet ws, Colocation c);

    /** A collective's actions: its members' own, then its pseudo actions (a primitive makes its real ones). */
    public void createActions(WorkingSet ws) {
        for (Rsc c : children) {
            c.createActions(ws);
        }
        CollectiveActions.createPseudoActions(ws, this);
    }

    public abstract void internalConstraints(WorkingSet ws);

    public abstract void summarize(WorkingSet ws, List<String> out);

    /** The primitives below (or this primitive), in configuration order. */
    public abstract void collectPrimitives(List<PrimitiveRsc> out);

    /** Whether this collective's pseudo actions are runnable when any member's is (clones), not all (groups). */
    public boolean summarisedLikeClone() {
        return false;
    }

    /** The members whose {@code childTask} actions decide this collective's pseudo action. */
    public List<Rsc> summaryMembers(String childTask) {
        return children;
    }

    /** Whether locations naming the parent apply to this resource (not so for a bundle's connections). */
    public boolean followsParentLocations() {
        return true;
    }

    /** The resource a constraint naming this one with the given role applies to (a bundle's roles are its clone's). */
    public Rsc colocatedAs(Role role) {
        return this;
    }

    /**
     * Whether this is a collective (group, clone or bundle): its actions are pseudo actions that mark what its
     * members' actions carry out; only a primitive's actions run.
     */
    public boolean isCollective() {
        return true;
    }

    /** Whether this is a clone, anonymous, unique or promotable (Pacemaker's pe_rsc_is_clone). */
    public boolean isClone() {
        return false;
    }

    /** An anonymous clone: its instances are interchangeable, so a constraint or history naming one means the clone. */
    public boolean isAnonymousClone() {
        return false;
    }

    public boolean isPromotableClone() {
        return false;
    }

    /** A clone with interleave=true: each instance depends only on the other side's instance on its node. */
    public boolean interleaves() {
        return false;
    }

    /** Pacemaker's variant rank when ordering colocations: clones first, then groups, then the rest. */
    public int colocationRank() {
        return 0;
    }

    /** Colocations with this resource itself (a group hands those with it to its last member, but keeps them). */
    public List<Colocation> ownWithThis() {
        return withThis;
    }

    /**
     * For an instance of an anonymous clone, the configured primitive's id that its node runs and records it under
     * (Pacemaker keeps the instance number in the graph only); null for everything else.
     */
    public String anonymousBase() {
        return null;
    }

    /** Whether this is the connection resource of a remote or guest node. */
    public boolean isConnection() {
        return false;
    }

    /** The member that stands for this resource where it starts: a group's first member, else itself. */
    public Rsc firstMember() {
        return this;
    }

    /** The member that stands for this resource where it ends: a group's last member, else itself. */
    Rsc lastMember() {
        return this;
    }

    /** Adds the colocations a variant keeps among its own members (a colocated group's chain). */
    public void addInternalColocations(WorkingSet ws) {
    }

    /** Hands the colocations naming this resource to the members that carry them (a group's first and last). */
    public void moveConstraintsToMembers() {
    }

    /** This resource's actions with the task as its parent orders them: a collective's is its pseudo action. */
    public List<Action> topActions(String task) {
        Action a = findAction(task, null);
        return a == null ? List.of() : List.of(a);
    }

    /** This resource's actions with the task and, for a collective, those of everything below it. */
    public List<Action> actionsBelow(String task) {
        List<Action> out = new ArrayList<>();
        Action a = findAction(task, null);
        if (a != null) {
            out.add(a);
        }
        for (Rsc c : children) {
            out.addAll(c.actionsBelow(task));
        }
        return out;
    }

    // ---- shared helpers ----------------------------------------------------------------------------

    public Rsc top() {
        Rsc r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        return r;
    }

    boolean metaTrue(String key, boolean dflt) {
        String v = meta.get(key);
        return v == null ? dflt : Booleans.isTrue(v);
    }

    /** The first action of this resource with the given task on the given node (null = any node). */
    public Action findAction(String task, SchedNode node) {
        for (Action a : actions) {
            if (a.task.equals(task) && a.intervalMs == 0 && (node == null || a.node == node)) {
                return a;
            }
        }
        return null;
    }

    public List<Action> findActions(String task) {
        List<Action> out = null; // most resources have none of most tasks: no list for them
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a.task.equals(task) && a.intervalMs == 0) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(a);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Where the resource is active, preferring a node that is not about to be fenced. */
    public SchedNode currentNode() {
        for (SchedNode n : runningOn) {
            if (!n.unclean) {
                return n;
            }
        }
        return runningOn.isEmpty() ? null : runningOn.get(0);
    }

    /** Nodes where the resource is active, not counting nodes that are about to be fenced. */
    public int cleanActiveCount() {
        int count = 0;
        for (SchedNode n : runningOn) {
            if (!n.unclean) {
                count++;
            }
        }
        return count;
    }

    /** Adds a location score for this resource (and its descendants, as Pacemaker's resource_location). */
    public void addLocation(WorkingSet ws, SchedNode node, int score, String why) {
        if (node == null) {
            for (SchedNode n : ws.nodes) {
                addLocation(ws, n, score, why);
            }
            return;
        }
        if (isCollective()) {
            for (Rsc c : children) {
                c.addLocation(ws, node, score, why);
            }
        }
        allowed.add(node.index, score);
        ws.explain.note(this, node, score, why);
    }

    /** Pacemaker's common_update_score: set the score on a node, for this and descendants. */
    void updateScore(SchedNode node, int score) {
        if (allowed.has(node.index)) {
            allowed.set(node.index, Score.add(allowed.get(node.index), score));
        }
        for (Rsc c : children) {
            c.updateScore(node, score);
        }
    }

    static boolean canRunAny(WorkingSet ws, NodeScores scores) {
        for (SchedNode n : ws.nodes) {
            if (scores.has(n.index) && n.canRunResources() && scores.get(n.index) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The resource whose scores stand for this one when merged into another's (a group's first member). */
    Rsc mergeRepresentative() {
        return this;
    }

    /** The resource whose scores stand for this one when its own scores are the start (a group's last member). */
    Rsc mergeRepresentativeForOwnScores() {
        return this;
    }

    /**
     * Pacemaker's merge_weights: combines {@code nodes} with this resource's scores scaled by {@code factor},
     * then (if anything can still run) the scores of resources colocated with this one; optional merges are
     * rolled back when they would leave no node usable.
     */
    public NodeScores mergeWeights(WorkingSet ws, String primaryId, NodeScores nodes, String attr, float factor,
            boolean init, boolean rollback, boolean onlyPositive, boolean forward) {
        Rsc self = init ? mergeRepresentativeForOwnScores() : mergeRepresentative();
        if (self != this) {
            return self.mergeWeights(ws, primaryId, nodes, attr, factor, init, rollback, onlyPositive, forward);
        }
        if (merging) {
            return nodes;
        }
        merging = true;
        NodeScores work;
        if (init) {
            work = allowed.copy();
        } else {
            work = nodes.copy();
            addNodeScoresMatchingAttr(ws, work, attr, factor, onlyPositive);
        }
        if (canRunAny(ws, work)) {
            List<Colocation> list = forward ? thisWith : withThis;
            for (Colocation c : List.copyOf(list)) {
                Rsc other;
                if (forward) {
                    other = c.primary();
                } else if (!c.hasInfluence(null)) {
                    continue;
                } else {
                    other = c.dependent();
                }
                // scores attenuate along a chain of colocations
                work = other.mergeWeights(ws, primaryId, work, c.nodeAttribute(),
                        factor * c.score() / (float) Score.INFINITY, false, true, onlyPositive, forward);
            }
        } else if (rollback) {
            merging = false;
            return nodes;
        }
        if (onlyPositive) {
            for (SchedNode n : ws.nodes) {
                if (work.has(n.index) && work.get(n.index) == UNUSABLE) {
                    work.set(n.index, 1);
                }
            }
        }
        merging = false;
        return work;
    }

    private void addNodeScoresMatchingAttr(WorkingSet ws, NodeScores work, String attr, float factor,
            boolean onlyPositive) {
        String a = attr == null ? "#uname" : attr;
        for (SchedNode n : ws.nodes) {
            if (!work.has(n.index)) {
                continue;
            }
            int score = bestScoreMatchingAttr(ws, a, n.attribute(a));
            int current = work.get(n.index);
            if (factor < 0 && score < 0) {
                continue;
            }
            if (current == UNUSABLE) {
                continue;
            }
            float weightF = factor * score;
            int weight = (int) (weightF < 0 ? weightF - 0.5f : weightF + 0.5f);
            if (weight == 0 && score != 0) {
                weight = factor > 0 ? 1 : (factor < 0 ? -1 : 0);
            }
            int newScore = Score.add(weight, current);
            if (onlyPositive && newScore < 0 && current > 0) {
                work.set(n.index, UNUSABLE);
                continue;
            }
            if (onlyPositive && newScore < 0 && current == 0) {
                continue;
            }
            work.set(n.index, newScore);
        }
    }

    private int bestScoreMatchingAttr(WorkingSet ws, String attr, String value) {
        int best = Score.MINUS_INFINITY;
        for (SchedNode n : ws.nodes) {
            if (allowed.has(n.index) && allowed.get(n.index) > best && n.canRunResources()
                    && value != null && value.equalsIgnoreCase(n.attribute(attr))) {
                best = allowed.get(n.index);
            }
        }
        return best;
    }

    /**
     * Pacemaker's colocation filter: whether a colocation should change the dependent's location now.
     * Returns 0 for "nothing", 1 for "location", 2 for "role".
     */
    static int colocationAffects(Rsc dependent, Rsc primary, Colocation c) {
        if (primary.provisional) {
            return 0;
        }
        if (c.dependentRole().compareTo(Role.UNPROMOTED) >= 0 && dependent.parent != null
                && dependent.parent.isPromotableClone() && !dependent.provisional) {
            return 2;
        }
        if (!dependent.provisional) {
            return 0;
        }
        if (c.score() > 0 && c.dependentRole() != Role.UNKNOWN && c.dependentRole() != dependent.nextRole) {
            return 0;
        }
        if (c.score() > 0 && c.primaryRole() != Role.UNKNOWN && c.primaryRole() != primary.nextRole) {
            return 0;
        }
        if (c.score() < 0 && c.dependentRole() != Role.UNKNOWN && c.dependentRole() == dependent.nextRole) {
            return 0;
        }
        if (c.score() < 0 && c.primaryRole() != Role.UNKNOWN && c.primaryRole() == primary.nextRole) {
            return 0;
        }
        return 1;
    }

    /** Pacemaker's apply_coloc_to_weights, for a primitive primary already assigned (or not). */
    static void applyColocationToScores(WorkingSet ws, Rsc dependent, Rsc primary, Colocation c) {
        String attribute = c.nodeAttribute() == null ? "#uname" : c.nodeAttribute();
        String value = null;
        if (primary.assignedTo != null) {
            value = primary.assignedTo.attribute(attribute);
        } else if (c.score() < 0) {
            return;
        }
        NodeScores work = dependent.allowed.copy();
        for (SchedNode n : ws.nodes) {
            if (!work.has(n.index)) {
                continue;
            }
            if (primary.assignedTo == null) {
                work.set(n.index, Score.add(Score.MINUS_INFINITY, work.get(n.index)));
            } else if (value != null && value.equalsIgnoreCase(n.attribute(attribute))) {
                if (c.score() < Score.INFINITY) {
                    work.set(n.index, Score.add(c.score(), work.get(n.index)));
                }
            } else if (c.score() >= Score.INFINITY) {
                work.set(n.index, Score.add(Score.MINUS_INFINITY, work.get(n.index)));
            }
        }
        if (c.score() <= Score.MINUS_INFINITY || c.score() >= Score.INFINITY || canRunAny(ws, work)) {
            dependent.allowed.restoreFrom(work);
            ws.explain.colocation(dependent, primary, c);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
