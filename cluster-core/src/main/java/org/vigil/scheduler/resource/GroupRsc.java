package org.vigil.scheduler.resource;

import java.util.List;
import org.vigil.cib.Score;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.constraint.ColocationConstraints;
import org.vigil.scheduler.node.SchedNode;

/** A group: members placed together (chained mandatory colocations) and started in order. */
public final class GroupRsc extends Rsc {
    boolean colocated = true;
    boolean ordered = true;
    private boolean constraintsMoved;
    /** Colocations with the group itself, kept after they are handed to the last member. */
    public final java.util.List<Colocation> ownWithThis = new java.util.ArrayList<>();

    GroupRsc(String id, Rsc parent, int configOrder) {
        super(id, parent, configOrder);
    }

    @Override
    public int colocationRank() {
        return 1;
    }

    @Override
    public List<Colocation> ownWithThis() {
        return ownWithThis;
    }

    @Override
    public Rsc firstMember() {
        return children.isEmpty() ? this : first();
    }

    @Override
    public Rsc lastMember() {
        return children.isEmpty() ? this : last();
    }

    /** A colocated group chains each member to the one before it (mandatory, influence as the member's critical). */
    @Override
    public void addInternalColocations(WorkingSet ws) {
        if (!colocated) {
            return;
        }
        Rsc previous = null;
        for (Rsc child : children) {
            if (previous != null) {
                ColocationConstraints.add(ws, "group:internal_colocation", child, previous, Score.INFINITY,
                        Role.UNKNOWN, Role.UNKNOWN, null, child.critical ? "true" : "false");
            }
            previous = child;
        }
    }

    public Rsc first() {
        return children.isEmpty() ? null : children.get(0);
    }

    Rsc last() {
        return children.isEmpty() ? null : children.get(children.size() - 1);
    }

    @Override
    public void collectPrimitives(List<PrimitiveRsc> out) {
        for (Rsc c : children) {
            c.collectPrimitives(out);
        }
    }

    @Override
    Rsc mergeRepresentative() {
        return children.isEmpty() ? this : first().mergeRepresentative();
    }

    @Override
    Rsc mergeRepresentativeForOwnScores() {
        return children.isEmpty() ? this : last().mergeRepresentativeForOwnScores();
    }

    /** Pacemaker hands the group's own colocations to its first (as dependent) and last (as primary) member. */
    @Override
    public void moveConstraintsToMembers() {
        if (constraintsMoved || children.isEmpty()) {
            return;
        }
        constraintsMoved = true;
        // members after an unmanaged one are not chained to the group's placement, so they get the
        // group's mandatory colocations themselves
        boolean afterUnmanaged = false;
        for (Rsc child : children) {
            if (afterUnmanaged) {
                for (Colocation c : thisWith) {
                    if (c.score() >= org.vigil.cib.Score.INFINITY || c.score() <= org.vigil.cib.Score.MINUS_INFINITY) {
                        child.thisWith.add(c);
                    }
                }
            }
            if (!child.managed) {
                afterUnmanaged = true;
            }
        }
        for (Colocation c : thisWith) {
            ColocationConstraints.insertSorted(first().thisWith, c, true);
        }
        thisWith.clear();
        ownWithThis.addAll(withThis);
        last().withThis.addAll(withThis);
        withThis.clear();
        if (colocated) {
            // As Pacemaker (pcmk__group_with_colocations): the first member, which places the group, also honours
            // the configured colocations of the other members with other resources, and the last member (which
            // stands for the group as a primary) the configured colocations of other resources with the others.
            Rsc first = first();
            Rsc last = last();
            for (Rsc child : children) {
                if (child != first) {
                    for (Colocation c : List.copyOf(child.thisWith)) {
                        if (c.explicit() && !first.thisWith.contains(c)) {
                            ColocationConstraints.insertSorted(first.thisWith, c, true);
                        }
                    }
                }
                if (child != last) {
                    for (Colocation c : List.copyOf(child.withThis)) {
                        if (c.explicit() && !last.withThis.contains(c)) {
                            ColocationConstraints.insertSorted(last.withThis, c, false);
                        }
                    }
                }
            }
        }
    }

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
        if (children.isEmpty()) {
            provisional = false;
            return null;
        }
        allocating = true;
        role = first().role;
        moveConstraintsToMembers();
        SchedNode groupNode = null;
        for (Rsc child : children) {
            SchedNode n = child.assign(ws, prefer);
            if (groupNode == null) {
                groupNode = n;
            }
        }
        nextRole = first().nextRole;
        allocating = false;
        provisional = false;
        assignedTo = colocated ? groupNode : null;
        return assignedTo;
    }

    /**
     * Pacemaker's pcmk__group_apply_location: in a colocated group only the first member takes the score; the
     * others take 0 on the same nodes, because the first member's placement already counts theirs through the
     * group's internal colocations (each score would otherwise weigh once per member).
     */
    @Override
    public void addLocation(WorkingSet ws, SchedNode node, int score, String why) {
        if (node == null || !colocated) {
            super.addLocation(ws, node, score, why);
            return;
        }
        boolean first = true;
        for (Rsc c : children) {
            c.addLocation(ws, node, first || score <= Score.MINUS_INFINITY ? score : 0, why);
            first = false;
        }
        allowed.add(node.index, score);
        ws.explain.note(this, node, score, why);
    }

    @Override
    void colocationAsPrimary(WorkingSet ws, PrimitiveRsc dependent, Colocation c) {
        if (provisional || children.isEmpty()) {
            return;
        }
        if (colocated) {
            Rsc member = c.score() >= Score.INFINITY ? last() : first();
            member.colocationAsPrimary(ws, dependent, c);
            return;
        }
        if (c.score() >= Score.INFINITY) {
            ws.warn("cannot apply mandatory colocation " + c.id() + " with non-colocated group " + id);
            return;
        }
        for (Rsc child : children) {
            child.colocationAsPrimary(ws, dependent, c);
        }
    }

    @Override
    void colocationAsDependent(WorkingSet ws, Colocation c) {
        if (children.isEmpty()) {
            return;
        }
        if (colocated) {
            first().colocationAsDependent(ws, c);
            return;
        }
        for (Rsc child : children) {
            child.colocationAsDependent(ws, c);
        }
    }

    @Override
    public void internalConstraints(WorkingSet ws) {
        CollectiveActions.groupOrderings(ws, this);
        for (Rsc c : children) {
            c.internalConstraints(ws);
        }
    }

    @Override
    public void summarize(WorkingSet ws, List<String> out) {
        for (Rsc c : children) {
            c.summarize(ws, out);
        }
    }
}
