package org.vigil.scheduler.history;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.LrmResource;
import org.vigil.cib.ResourceInstance;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Which resource a history entry is about: a configured primitive by id, an instance of a clone (an anonymous
 * clone's entries name the clone's primitive, with or without {@code :N}, and take a free instance), or else a
 * new orphan (an anonymous clone with more active copies than instances gets an orphan instance).
 */
final class InstanceResolution {
    private InstanceResolution() {}

    /** Maps a history entry to a configured primitive (or clone instance), or to a new orphan. */
    static PrimitiveRsc resolve(WorkingSet ws, LrmResource lr, SchedNode node) {
        Rsc direct = ws.byId.get(lr.id());
        if (direct instanceof PrimitiveRsc p && !(p.parent != null && p.parent.isAnonymousClone())
                && !(p.parent != null && p.parent.parent != null && p.parent.parent.isAnonymousClone())) {
            return p;
        }
        String base = ResourceInstance.baseOf(lr.id());
        List<PrimitiveRsc> candidates = new ArrayList<>();
        for (PrimitiveRsc p : ws.primitives) {
            if (p.historyId.equals(base) && p.top().isClone()) {
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
    private static PrimitiveRsc orphanInstance(WorkingSet ws, CloneRsc clone, LrmResource lr, String base) {
        if (!(clone.children.isEmpty() || !clone.children.get(0).isCollective())) {
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

    private static PrimitiveRsc orphan(WorkingSet ws, LrmResource lr, SchedNode node) {
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
}
