package org.vigil.scheduler.resource;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.ResourceInstance;
import org.vigil.cib.Score;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.constraint.LocationRule;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;

/** Chooses which instances of a promotable clone are promoted (Pacemaker's pcmk__set_instance_roles). */
public final class PromotionRoles {
    private PromotionRoles() {}

    static void setInstanceRoles(WorkingSet ws, CloneRsc clone) {
        for (Rsc child : clone.children) {
            if (child.role == Role.STARTED) {
                child.role = Role.UNPROMOTED;
            }
            SchedNode chosen = child.assignedTo;
            if (chosen == null || !guestAvailable(chosen)) {
                child.promotionPriority = Score.MINUS_INFINITY;
                child.sortIndex = Score.MINUS_INFINITY;
                continue;
            }
            Role next = child.nextRole;
            switch (next) {
                case STARTED, UNKNOWN -> child.promotionPriority = promotionScore(ws, clone, child, chosen, -1);
                case UNPROMOTED, STOPPED -> child.promotionPriority = Score.MINUS_INFINITY;
                default -> { }
            }
            for (LocationRule loc : ws.promotedLocations(child, clone)) {
                int s = loc.scoreOn(chosen);
                if (loc.appliesTo(chosen)) {
                    child.promotionPriority = Score.add(child.promotionPriority, s);
                    ws.explain.note(child, chosen, s, "promoted-role location " + loc.id());
                }
            }
            if (clone.bundle != null) {
                // a bundle's colocations with a role reach its instances (Pacemaker's pcmk__bundle_with_colocations)
                for (Colocation c : List.copyOf(clone.thisWith)) {
                    if (colocationAffectsRole(child, c)) {
                        applyToPriority(ws, child, c.primary(), c);
                    }
                }
            }
            List<PrimitiveRsc> prims = new ArrayList<>();
            child.collectPrimitives(prims);
            java.util.Set<Colocation> applied = new java.util.HashSet<>();
            for (PrimitiveRsc p : prims) {
                for (Colocation c : List.copyOf(p.thisWith)) {
                    if (c.primary().top() == clone) {
                        continue;
                    }
                    if (colocationAffectsRole(child, c) && applied.add(c)) {
                        applyToPriority(ws, child, c.primary(), c);
                    }
                }
            }
            if (child instanceof GroupRsc) {
                // a cloned group's role colocations reach its instances too (through their first member)
                for (Colocation c : List.copyOf(clone.thisWith)) {
                    if (c.primary().top() != clone && colocationAffectsRole(child, c) && applied.add(c)) {
                        applyToPriority(ws, child, c.primary(), c);
                    }
                }
            }
            if (ws.ticketLosses.stream().anyMatch(t -> (t.rsc() == clone || t.rsc() == child)
                    && (t.role() == Role.PROMOTED || t.policy().equals("demote")))) {
                child.promotionPriority = Score.MINUS_INFINITY;
            }
            child.sortIndex = child.promotionPriority;
            if (next == Role.PROMOTED) {
                child.sortIndex = Score.INFINITY;
            }
        }
        promotionOrder(ws, clone);
        List<Rsc> order = new ArrayList<>(clone.children);
        order.sort((a, b) -> {
            if (a.sortIndex != b.sortIndex) {
                return a.sortIndex > b.sortIndex ? -1 : 1;
            }
            boolean pa = a.role == Role.PROMOTED;
            boolean pb = b.role == Role.PROMOTED;
            if (pa != pb) {
                return pa ? -1 : 1;
            }
            return Integer.compare(CloneRsc.instanceNumber(a), CloneRsc.instanceNumber(b));
        });
        int promoted = 0;
        int[] perNode = new int[ws.nodes.size()];
        for (Rsc child : order) {
            SchedNode chosen = child.assignedTo;
            if (chosen == null) {
                continue;
            }
            ws.explain.promotion(child, chosen, child.sortIndex);
            boolean promote = child.sortIndex >= 0
                    && (promoted < clone.promotedMax || !clone.managed)
                    && perNode[chosen.index] < clone.promotedNodeMax
                    && maxRoleAllows(child);
            if (promote && child.role != Role.PROMOTED && !ws.haveQuorum && "freeze".equals(ws.noQuorumPolicy)) {
                promote = false;
            }
            if (!promote) {
                setRole(child, Role.UNPROMOTED);
                continue;
            }
            perNode[chosen.index]++;
            setRole(child, Role.PROMOTED);
            promoted++;
        }
    }

    private static boolean maxRoleAllows(Rsc child) {
        String target = child.meta.get("target-role");
        Role r = Role.parse(target);
        return r != Role.UNPROMOTED && r != Role.STOPPED;
    }

    private static void setRole(Rsc r, Role role) {
        if (r.nextRole == Role.STOPPED && r.assignedTo == null) {
            return;
        }
        r.nextRole = role;
        for (Rsc c : r.children) {
            setRole(c, role);
        }
    }

    /** master-RSC node attribute (anonymous clones use the base id), summed over a group's members. */
    static int promotionScore(WorkingSet ws, CloneRsc clone, Rsc child, SchedNode node, int notSet) {
        if (!child.children.isEmpty()) {
            int sum = 0;
            boolean any = false;
            for (Rsc c : child.children) {
                int s = promotionScore(ws, clone, c, node, Integer.MIN_VALUE);
                if (s != Integer.MIN_VALUE) {
                    sum = Score.add(sum, s);
                    any = true;
                }
            }
            return any ? sum : notSet;
        }
        String v = null;
        if (child instanceof PrimitiveRsc p && p.cloneName != null) {
            v = attribute(child, node, "master-" + p.cloneName);
        }
        if (v == null) {
            v = attribute(child, node, "master-" + child.id);
        }
        if (v == null && !clone.unique) {
            String base = ResourceInstance.baseOf(child.id);
            v = attribute(child, node, "master-" + base);
            if (v == null) {
                v = attribute(child, node, "promotion-" + base);
            }
        }
        if (v == null) {
            return notSet;
        }
        return Score.parseOr(v, 0);
    }

    /**
     * A node attribute as the resource sees it (Pacemaker's pe_node_attribute_calculated): with
     * {@code container-attribute-target=host}, a guest node's attributes are those of the node its container
     * runs on.
     */
    static String attribute(Rsc rsc, SchedNode node, String name) {
        return attribute(rsc, node, name, false);
    }

    /** As colocations see a node: a bundle replica's node as its container's host, always. */
    private static String colocationAttribute(Rsc rsc, SchedNode node, String name) {
        return attribute(rsc, node, name, node.bundleReplica);
    }

    private static String attribute(Rsc rsc, SchedNode node, String name, boolean host) {
        if (!host && !"host".equalsIgnoreCase(rsc.meta.get("container-attribute-target"))
                || node.connection == null
                || node.connection.container == null) {
            return node.attribute(name);
        }
        Rsc container = node.connection.container;
        if (container.assignedTo != null) {
            return container.assignedTo.attribute(name);
        }
        return container.runningOn.isEmpty() ? null : container.runningOn.get(0).attribute(name);
    }

    /** A guest node can host a promotion only while its container is placed (pcmk__node_available). */
    private static boolean guestAvailable(SchedNode node) {
        return !node.isGuest() || node.connection == null || node.connection.container == null
                || node.connection.container.assignedTo != null;
    }

    private static boolean colocationAffectsRole(Rsc child, Colocation c) {
        return c.dependentRole().compareTo(Role.UNPROMOTED) >= 0;
    }

    private static void promotionOrder(WorkingSet ws, CloneRsc clone) {
        NodeScores work = clone.allowed.copy();
        for (Rsc child : clone.children) {
            SchedNode chosen = child.assignedTo;
            if (chosen == null || child.sortIndex < 0) {
                continue;
            }
            work.set(chosen.index, Score.add(child.sortIndex, work.has(chosen.index) ? work.get(chosen.index) : 0));
        }
        for (Colocation c : clone.thisWith) {
            if (c.dependentRole() == Role.PROMOTED) {
                NodeScores merged = c.primary().mergeWeights(ws, clone.id, work, c.nodeAttribute(),
                        c.score() / (float) Score.INFINITY, false, true, false, false);
                work = merged;
            }
        }
        for (Colocation c : clone.withThis) {
            if (!c.hasInfluence(null)) {
                continue;
            }
            if (c.primaryRole() == Role.PROMOTED) {
                work = c.dependent().mergeWeights(ws, clone.id, work, c.nodeAttribute(),
                        c.score() / (float) Score.INFINITY, false, true, true, false);
            }
        }
        for (Rsc child : clone.children) {
            SchedNode chosen = child.assignedTo;
            if (chosen == null || child.sortIndex < 0) {
                continue;
            }
            if (!child.managed && child.role == Role.PROMOTED) {
                child.sortIndex = Score.INFINITY;
            } else {
                child.sortIndex = work.has(chosen.index) ? work.get(chosen.index) : child.sortIndex;
            }
        }
    }

    /** Pacemaker's apply_coloc_to_priority. */
    static void applyToPriority(WorkingSet ws, Rsc dependent, Rsc primary, Colocation c) {
        if (primary.assignedTo == null && !primary.isClone()) {
            return;
        }
        if (dependent.assignedTo == null) {
            return;
        }
        String attribute = c.nodeAttribute() == null ? "#uname" : c.nodeAttribute();
        String dv = colocationAttribute(dependent, dependent.assignedTo, attribute);
        Rsc effectivePrimary = primary;
        if (primary instanceof CloneRsc pc) {
            Rsc inst = c.nodeAttribute() == null ? pc.instanceOn(dependent.assignedTo, c.primaryRole())
                    : instanceWithAttribute(pc, attribute, dv, c.primaryRole());
            if (inst == null) {
                inst = pc.instanceOn(dependent.assignedTo, Role.UNKNOWN);
            }
            if (inst == null && pc.bundle != null) {
                inst = instanceWith(pc, attribute, dv, c.primaryRole());
            }
            if (inst == null) {
                if (c.score() >= Score.INFINITY && c.dependentRole() == Role.PROMOTED) {
                    dependent.promotionPriority = Score.MINUS_INFINITY;
                }
                return;
            }
            effectivePrimary = inst;
        }
        String pv = effectivePrimary.assignedTo == null ? null
                : colocationAttribute(effectivePrimary, effectivePrimary.assignedTo, attribute);
        if (dv == null || !dv.equalsIgnoreCase(pv)) {
            if (c.score() >= Score.INFINITY && c.dependentRole() == Role.PROMOTED) {
                dependent.promotionPriority = Score.MINUS_INFINITY;
            }
            return;
        }
        if (c.primaryRole() != Role.UNKNOWN && c.primaryRole() != effectivePrimary.nextRole) {
            return;
        }
        int mult = c.dependentRole() == Role.UNPROMOTED ? -1 : 1;
        dependent.promotionPriority = Score.add(mult * c.score(), dependent.promotionPriority);
    }

    /**
     * With a node-attribute colocation, the primary instance that counts is one in the given role on any node
     * with the dependent's value of the attribute, not only on the dependent's own node.
     */
    private static Rsc instanceWithAttribute(CloneRsc clone, String attribute, String value, Role role) {
        if (value == null) {
            return null;
        }
        for (Rsc child : clone.children) {
            if (child.assignedTo != null && value.equalsIgnoreCase(child.assignedTo.attribute(attribute))
                    && (role == Role.UNKNOWN || child.nextRole == role)) {
                return child;
            }
        }
        return null;
    }

    /** A bundle's instance whose node (as its resource sees it: the container's host) has the value. */
    private static Rsc instanceWith(CloneRsc clone, String attribute, String value, Role role) {
        Rsc any = null;
        for (Rsc child : clone.children) {
            if (child.assignedTo == null || child.blocked || value == null
                    || !value.equalsIgnoreCase(colocationAttribute(child, child.assignedTo, attribute))) {
                continue;
            }
            if (role == Role.UNKNOWN || child.nextRole == role) {
                return child;
            }
            any = any == null ? child : any;
        }
        return any;
    }

    /** A dependent instance inside a promotable clone: colocation changes its promotion priority. */
    static void applyColocationToPriority(WorkingSet ws, Rsc dependent, Rsc primary, Colocation c) {
        Rsc instance = dependent;
        while (instance.parent != null && !instance.parent.isClone()) {
            instance = instance.parent;
        }
        applyToPriority(ws, instance, primary, c);
    }

    /** A primitive colocated with a role of a promotable clone (Pacemaker's promotable_colocation_rh). */
    static void colocationWithPromotable(WorkingSet ws, PrimitiveRsc dependent, CloneRsc primary, Colocation c) {
        if (dependent.provisional) {
            boolean[] allowedNode = new boolean[ws.nodes.size()];
            int[] instanceScore = new int[ws.nodes.size()];
            for (Rsc child : primary.children) {
                if (child.assignedTo != null && child.nextRole == c.primaryRole()) {
                    allowedNode[child.assignedTo.index] = true;
                    instanceScore[child.assignedTo.index] = child.assignedScore;
                }
            }
            // Pacemaker's pcmk__update_dependent_with_promotable: a mandatory colocation (other than promoted with
            // promoted) adds the score the primary's instance was placed with to the dependent's score there
            boolean mergeScores = c.score() >= Score.INFINITY
                    && !(c.dependentRole() == Role.PROMOTED && c.primaryRole() == Role.PROMOTED);
            for (SchedNode n : ws.nodes) {
                if (!dependent.allowed.has(n.index)) {
                    continue;
                }
                String attr = c.nodeAttribute() == null ? "#uname" : c.nodeAttribute();
                boolean match = false;
                for (SchedNode m : ws.nodes) {
                    if (allowedNode[m.index] && n.attribute(attr) != null
                            && n.attribute(attr).equalsIgnoreCase(m.attribute(attr))) {
                        match = true;
                        break;
                    }
                }
                if (match) {
                    if (c.score() < Score.INFINITY) {
                        dependent.allowed.set(n.index, Score.add(c.score(), dependent.allowed.get(n.index)));
                    } else if (mergeScores && allowedNode[n.index]) {
                        dependent.allowed.set(n.index,
                                Score.add(dependent.allowed.get(n.index), instanceScore[n.index]));
                    }
                } else if (c.score() >= Score.INFINITY) {
                    dependent.allowed.set(n.index, Score.MINUS_INFINITY);
                }
            }
            ws.explain.colocation(dependent, primary, c);
        } else if (c.dependentRole() != Role.UNKNOWN) {
            applyColocationToPriority(ws, dependent, primary, c);
        }
    }
}
