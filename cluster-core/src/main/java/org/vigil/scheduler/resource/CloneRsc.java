package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.cib.Score;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;

/**
 * A clone (anonymous or globally unique): instances spread over the nodes. A promotable clone is the variant
 * {@link PromotableCloneRsc}, which hooks its promotion into the assignment here.
 */
public sealed class CloneRsc extends Rsc permits PromotableCloneRsc {
    public boolean unique;
    boolean interleave;
    boolean orderedClone;
    public boolean notify;
    public int cloneMax;
    int cloneNodeMax = 1;
    public int cloneMin;
    int promotedMax = 1;
    int promotedNodeMax = 1;
    /** Instances assigned per node index while distributing. */
    int[] countPerNode;
    /** Base id of the cloned child (instances are BASE:N). */
    String childBaseId;
    /** The bundle this clone runs in (its instances run in the replicas' guest nodes), or null. */
    public BundleRsc bundle;

    CloneRsc(String id, Rsc parent, int configOrder) {
        super(id, parent, configOrder);
    }

    @Override
    public boolean isClone() {
        return true;
    }

    @Override
    public boolean isAnonymousClone() {
        return !unique;
    }

    @Override
    public boolean interleaves() {
        return interleave;
    }

    @Override
    public int colocationRank() {
        return 2;
    }

    @Override
    public boolean summarisedLikeClone() {
        return true;
    }

    @Override
    public void collectPrimitives(List<PrimitiveRsc> out) {
        for (Rsc c : children) {
            c.collectPrimitives(out);
        }
    }

    @Override
    public SchedNode assign(WorkingSet ws, SchedNode prefer) {
        if (!provisional) {
            return null;
        }
        if (allocating) {
            return null;
        }
        if (bundle != null && bundle.provisional) {
            bundle.assign(ws, prefer); // the bundle places the containers, then this clone
            return null;
        }
        allocating = true;
        beforeDistribution(ws);
        for (Colocation c : List.copyOf(thisWith)) {
            c.primary().assign(ws, prefer);
        }
        for (Colocation c : List.copyOf(withThis)) {
            if (!c.hasInfluence(null)) {
                continue;
            }
            NodeScores merged = c.dependent().mergeWeights(ws, id, allowed, c.nodeAttribute(),
                    c.score() / (float) Score.INFINITY, false, true, true, false);
            if (merged != allowed) {
                allowed.restoreFrom(merged);
            }
        }
        ws.explain.snapshot(this, "clone", allowed);
        List<Rsc> order = new ArrayList<>(children);
        order.sort(instanceOrder(ws));
        distribute(ws, order);
        afterDistribution(ws);
        provisional = false;
        allocating = false;
        return null;
    }

    private Comparator<Rsc> instanceOrder(WorkingSet ws) {
        return (a, b) -> {
            SchedNode ca = a.currentNode();
            SchedNode cb = b.currentNode();
            int na = activeNodeCount(a);
            int nb = activeNodeCount(b);
            if (na > 0 && nb > 0 && na != nb) {
                return na < nb ? -1 : 1;
            }
            if ((ca != null) != (cb != null)) {
                return ca != null ? -1 : 1;
            }
            boolean canA = ca != null && ca.canRunResources() && allowed.has(ca.index) && allowed.get(ca.index) >= 0;
            boolean canB = cb != null && cb.canRunResources() && allowed.has(cb.index) && allowed.get(cb.index) >= 0;
            if (canA != canB) {
                return canA ? -1 : 1;
            }
            boolean fa = anyFailed(a);
            boolean fb = anyFailed(b);
            if (fa != fb) {
                return fa ? 1 : -1;
            }
            if (ca != null && cb != null) {
                int wa = allowed.has(ca.index) ? allowed.get(ca.index) : Score.MINUS_INFINITY;
                int wb = allowed.has(cb.index) ? allowed.get(cb.index) : Score.MINUS_INFINITY;
                if (wa != wb) {
                    return wa > wb ? -1 : 1;
                }
            }
            return Integer.compare(instanceNumber(a), instanceNumber(b));
        };
    }

    /** Before the instances are spread over the nodes (a promotable clone adds its promotion scores). */
    void beforeDistribution(WorkingSet ws) {
    }

    /** Once every instance has its node (a promotable clone chooses the promoted instances). */
    void afterDistribution(WorkingSet ws) {
    }

    public static int instanceNumber(Rsc r) {
        return org.vigil.cib.ResourceInstance.parse(r.id).number().orElse(0);
    }

    private static int activeNodeCount(Rsc r) {
        if (!r.isCollective()) {
            return r.runningOn.size();
        }
        int max = 0;
        for (Rsc c : r.children) {
            max = Math.max(max, activeNodeCount(c));
        }
        return max;
    }

    private static boolean anyFailed(Rsc r) {
        if (r.failed) {
            return true;
        }
        for (Rsc c : r.children) {
            if (anyFailed(c)) {
                return true;
            }
        }
        return false;
    }

    /** Pacemaker's pcmk__assign_instances: keep active instances where they are unless a node is better. */
    private void distribute(WorkingSet ws, List<Rsc> order) {
        countPerNode = new int[ws.nodes.size()];
        int available = 0;
        for (SchedNode n : ws.nodes) {
            if (n.canRunResources()) {
                available++;
            }
        }
        int optimal = available == 0 ? 1 : Math.max(1, cloneMax / available);
        int allocated = 0;
        for (Rsc child : order) {
            if (allocated >= cloneMax) {
                break;
            }
            if (child.runningOn.isEmpty() || !child.provisional || anyFailed(child)) {
                continue;
            }
            SchedNode current = child.currentNode();
            if (!current.canRunResources() || countPerNode[current.index] >= optimal) {
                continue;
            }
            if (assignEarly(ws, child, current, cloneMax - allocated)) {
                allocated++;
            }
        }
        for (Rsc child : order) {
            if (!child.provisional) {
                continue;
            }
            if (allocated >= cloneMax) {
                child.addLocation(ws, null, Score.MINUS_INFINITY, "clone limit reached");
                forceUnassigned(ws, child);
            } else if (assignInstance(ws, child, null, countPerNode) != null) {
                allocated++;
            }
        }
    }

    /** Tries the instance's current node, reserving better nodes for other instances until it fits. */
    private boolean assignEarly(WorkingSet ws, Rsc child, SchedNode current, int available) {
        if (!child.allowed.has(current.index) || child.allowed.get(current.index) < 0) {
            return false;
        }
        int[] scratch = countPerNode.clone();
        List<PrimitiveRsc> prims = new ArrayList<>();
        child.collectPrimitives(prims);
        List<NodeScores> backups = new ArrayList<>();
        backups.add(child.allowed.copy());
        for (PrimitiveRsc p : prims) {
            backups.add(p.allowed.copy());
        }
        int reserved = 0;
        SchedNode chosen = null;
        while (reserved < available) {
            chosen = assignInstance(ws, child, current, scratch);
            if (chosen == current) {
                break;
            }
            restore(ws, child, prims, backups);
            if (chosen == null) {
                break;
            }
            scratch[chosen.index]++;
            reserved++;
            chosen = null;
        }
        if (chosen == null) {
            return false;
        }
        countPerNode[chosen.index]++;
        return true;
    }

    private static void restore(WorkingSet ws, Rsc child, List<PrimitiveRsc> prims, List<NodeScores> backups) {
        child.allowed.restoreFrom(backups.get(0));
        for (int i = 0; i < prims.size(); i++) {
            prims.get(i).allowed.restoreFrom(backups.get(i + 1));
            prims.get(i).unassign(ws);
        }
        child.provisional = true;
        child.assignedTo = null;
        if (child instanceof GroupRsc) {
            child.nextRole = Role.UNKNOWN;
        }
    }

    private void forceUnassigned(WorkingSet ws, Rsc child) {
        child.allocating = true;
        List<PrimitiveRsc> prims = new ArrayList<>();
        child.collectPrimitives(prims);
        for (PrimitiveRsc p : prims) {
            p.provisional = true;
            p.assignNode(ws, null, true);
        }
        child.allocating = false;
        child.provisional = false;
        child.assignedTo = null;
        child.nextRole = Role.STOPPED;
    }

    private SchedNode assignInstance(WorkingSet ws, Rsc child, SchedNode prefer, int[] counts) {
        if (!child.provisional) {
            return child.assignedTo;
        }
        if (child.allocating) {
            return null;
        }
        appendParentColocations(child, cloneMax < availableNodes(ws));
        if (prefer != null && (!child.allowed.has(prefer.index) || child.allowed.get(prefer.index) < 0)) {
            return null;
        }
        for (SchedNode n : ws.nodes) {
            if (child.allowed.has(n.index)) {
                canRunInstance(ws, child, n, counts);
            }
        }
        SchedNode chosen = child.assign(ws, prefer);
        if (chosen != null && prefer == null) {
            counts[chosen.index]++;
        }
        return chosen;
    }

    private static int availableNodes(WorkingSet ws) {
        int available = 0;
        for (SchedNode n : ws.nodes) {
            if (n.canRunResources()) {
                available++;
            }
        }
        return available;
    }

    private void canRunInstance(WorkingSet ws, Rsc child, SchedNode n, int[] counts) {
        boolean ok = n.canRunResources() && !child.orphan && allowed.has(n.index);
        if (ok && allowed.get(n.index) < 0) {
            child.updateScore(n, allowed.get(n.index));
            return;
        }
        if (ok && counts[n.index] < cloneNodeMax) {
            return;
        }
        child.updateScore(n, Score.MINUS_INFINITY);
    }

    private void appendParentColocations(Rsc child, boolean all) {
        for (Colocation c : thisWith) {
            if (all || c.score() < 0 || c.score() == Score.INFINITY) {
                Rsc target = child.firstMember();
                if (!target.thisWith.contains(c)) {
                    target.thisWith.add(0, c);
                }
            }
        }
        for (Colocation c : withThis) {
            if (!c.hasInfluence(child)) {
                continue;
            }
            if (all || c.score() < 0) {
                Rsc target = child.lastMember();
                if (!target.withThis.contains(c)) {
                    target.withThis.add(0, c);
                }
            }
        }
    }

    @Override
    void colocationAsPrimary(WorkingSet ws, PrimitiveRsc dependent, Colocation c) {
        if (provisional) {
            return;
        }
        boolean doInterleave = c.dependent().interleaves();
        if (doInterleave) {
            Rsc instance = findCompatibleInstance(ws, dependent, Role.UNKNOWN);
            if (instance != null) {
                instance.colocationAsPrimary(ws, dependent, c);
            } else if (c.score() >= Score.INFINITY) {
                dependent.addLocation(ws, null, Score.MINUS_INFINITY, "no instance of " + id + " to pair with");
            }
            return;
        }
        if (c.score() >= Score.INFINITY) {
            boolean[] keep = new boolean[ws.nodes.size()];
            for (Rsc child : children) {
                if (child.assignedTo != null && !child.blocked) {
                    keep[child.assignedTo.index] = true;
                }
            }
            for (SchedNode n : ws.nodes) {
                if (dependent.allowed.has(n.index) && !keep[n.index]) {
                    dependent.allowed.set(n.index, Score.MINUS_INFINITY);
                }
            }
            ws.explain.colocation(dependent, this, c);
            return;
        }
        for (Rsc child : children) {
            child.colocationAsPrimary(ws, dependent, c);
        }
    }

    /** Pacemaker's find_compatible_child: an instance on the dependent's node, or on its best allowed node. */
    Rsc findCompatibleInstance(WorkingSet ws, Rsc dependent, Role role) {
        if (dependent.assignedTo != null) {
            return instanceOn(dependent.assignedTo, role);
        }
        List<SchedNode> nodes = new ArrayList<>();
        for (SchedNode n : ws.nodes) {
            if (dependent.allowed.has(n.index)) {
                nodes.add(n);
            }
        }
        nodes.sort((a, b) -> {
            int wa = a.canRunResources() ? dependent.allowed.get(a.index) : Score.MINUS_INFINITY;
            int wb = b.canRunResources() ? dependent.allowed.get(b.index) : Score.MINUS_INFINITY;
            if (wa != wb) {
                return wa > wb ? -1 : 1;
            }
            if (a.assignedCount != b.assignedCount) {
                return a.assignedCount < b.assignedCount ? -1 : 1;
            }
            return a.uname.compareTo(b.uname);
        });
        for (SchedNode n : nodes) {
            Rsc r = instanceOn(n, role);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    Rsc instanceOn(SchedNode node, Role role) {
        for (Rsc child : children) {
            if (child.assignedTo == node && !child.blocked
                    && (role == Role.UNKNOWN || child.nextRole == role)) {
                return child;
            }
        }
        return null;
    }

    @Override
    void colocationAsDependent(WorkingSet ws, Colocation c) {
        for (Rsc child : children) {
            child.colocationAsDependent(ws, c);
        }
    }

    @Override
    public void internalConstraints(WorkingSet ws) {
        CollectiveActions.cloneOrderings(ws, this);
        for (Rsc c : children) {
            c.internalConstraints(ws);
        }
    }

    @Override
    public void summarize(WorkingSet ws, List<String> out) {
        List<Rsc> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparingInt(CloneRsc::instanceNumber));
        for (Rsc c : sorted) {
            c.summarize(ws, out);
        }
    }
}
