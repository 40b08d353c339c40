package org.vigil.scheduler.constraint;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Booleans;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Score;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.CollectiveActions;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * rsc_order (with sets, kinds, symmetry, require-all and clone-min): unpacked into {@link OrderSpec}s, then
 * applied once the actions exist as edges between the actions of the two sides (interleaved clones instance
 * by instance).
 */
public final class OrderConstraints {
    private OrderConstraints() {}

    static void unpack(WorkingSet ws, OrderConstraint o) {
        String kind = o.kind();
        if (kind == null) {
            Integer s = o.score() == null ? null : Score.parseOr(o.score(), 0);
            kind = s == null || s != 0 ? "Mandatory" : "Optional";
        }
        kind = kind.trim();
        boolean symmetrical = o.symmetrical() == null ? !kind.equalsIgnoreCase("Serialize")
                : Booleans.isTrue(o.symmetrical());
        if (o.sets().isEmpty()) {
            String fa = o.firstAction() == null ? "start" : o.firstAction();
            String ta = o.thenAction() == null ? fa : o.thenAction();
            boolean requireAll = o.otherAttributes().get("require-all") == null
                    || Booleans.isTrue(o.otherAttributes().get("require-all"));
            for (Rsc first : ResourceReferences.expand(ws, o.first())) {
                for (Rsc then : ResourceReferences.expand(ws, o.then())) {
                    int min = 0;
                    if (first instanceof CloneRsc fc) {
                        min = !requireAll ? 1 : fc.cloneMin;
                    }
                    if (min > 0 && !kind.equalsIgnoreCase("Optional")) {
                        ws.orderSpecs.add(new OrderSpec(o.id(), first, fa, then, ta,
                                flagsFor(kind, fa, symmetrical ? 1 : 0) | Edge.RUNNABLE_LEFT, min,
                                "clone-one-or-more:" + o.id()));
                        if (symmetrical && invert(fa) != null && invert(ta) != null
                                && !then.interleaves()) {
                            ws.orderSpecs.add(new OrderSpec(o.id(), then, invert(ta), first, invert(fa),
                                    flagsFor(kind, invert(ta), 2)));
                        }
                    } else {
                        orderPair(ws, o.id(), first, fa, then, ta, kind, symmetrical);
                    }
                }
            }
            return;
        }
        ResourceSet last = null;
        for (ResourceSet set : o.sets()) {
            boolean sequential = set.attribute("sequential") == null || Booleans.isTrue(set.attribute("sequential"));
            String action = set.attribute("action") == null ? "start" : set.attribute("action");
            String setKind = set.attribute("kind") == null ? kind : set.attribute("kind");
            boolean requireAll = set.attribute("require-all") == null
                    || Booleans.isTrue(set.attribute("require-all"));
            List<Rsc> members = ResourceReferences.members(ws, set);
            if (sequential) {
                for (int i = 1; i < members.size(); i++) {
                    orderPair(ws, set.id(), members.get(i - 1), action, members.get(i), action, setKind,
                            symmetrical);
                }
            }
            if (last != null) {
                List<Rsc> m1 = ResourceReferences.members(ws, last);
                String a1 = last.attribute("action") == null ? "start" : last.attribute("action");
                boolean seq1 = last.attribute("sequential") == null
                        || Booleans.isTrue(last.attribute("sequential"));
                boolean lastRequireAll = last.attribute("require-all") == null
                        || Booleans.isTrue(last.attribute("require-all"));
                List<Rsc> firsts = seq1 && !m1.isEmpty() && lastRequireAll ? List.of(m1.get(m1.size() - 1)) : m1;
                List<Rsc> thens = sequential && !members.isEmpty() ? List.of(members.get(0)) : members;
                if (!lastRequireAll) {
                    // any one member of the previous set is enough for this set to start
                    for (Rsc t : thens) {
                        ws.orderSpecs.add(new OrderSpec(o.id(), null, a1, t, action,
                                flagsFor(kind, a1, symmetrical ? 1 : 0) | Edge.RUNNABLE_LEFT, 1,
                                "one-or-more:" + last.id()));
                    }
                    for (Rsc f : m1) {
                        ws.orderSpecs.add(new OrderSpec(o.id(), f, a1, null, action, Edge.ONE_OR_MORE, 1,
                                "one-or-more:" + last.id()));
                    }
                } else {
                    for (Rsc f : firsts) {
                        for (Rsc t : thens) {
                            orderPair(ws, o.id(), f, a1, t, action, kind, symmetrical);
                        }
                    }
                }
            }
            last = set;
        }
    }

    private static void orderPair(WorkingSet ws, String id, Rsc first, String fa, Rsc then, String ta, String kind,
            boolean symmetrical) {
        ws.orderSpecs.add(new OrderSpec(id, first, fa, then, ta, flagsFor(kind, fa, symmetrical ? 1 : 0)));
        if (symmetrical) {
            String ifa = invert(fa);
            String ita = invert(ta);
            if (ifa != null && ita != null) {
                ws.orderSpecs.add(new OrderSpec(id, then, ita, first, ifa, flagsFor(kind, ita, 2)));
            }
        }
    }

    /** symmetry: 0 asymmetric, 1 symmetric, 2 the inverse half of a symmetric ordering. */
    static int flagsFor(String kind, String firstAction, int symmetry) {
        int flags = Edge.OPTIONAL;
        if (kind.equalsIgnoreCase("Optional")) {
            return flags;
        }
        if (kind.equalsIgnoreCase("Serialize")) {
            return flags | Edge.SERIALIZE;
        }
        switch (symmetry) {
            case 0 -> flags |= Edge.ASYMMETRIC;
            case 1 -> {
                flags |= Edge.IMPLIES_THEN;
                if (firstAction.equals("start") || firstAction.equals("promote")) {
                    flags |= Edge.RUNNABLE_LEFT;
                }
            }
            default -> flags |= Edge.IMPLIES_FIRST;
        }
        return flags;
    }

    static String invert(String action) {
        return switch (action) {
            case "start" -> "stop";
            case "stop" -> "start";
            case "promote" -> "demote";
            case "demote" -> "promote";
            case "promoted" -> "demoted";
            case "demoted" -> "promoted";
            case "running" -> "stopped";
            case "stopped" -> "running";
            default -> null;
        };
    }

    public static void apply(WorkingSet ws, OrderSpec o) {
        if (o.minRunnable() > 0) {
            applyOneOrMore(ws, o);
            return;
        }
        if (interleaved(o)) {
            interleaveOrders(ws, o);
            return;
        }
        List<Action> firsts = firstActions(ws, o);
        if (firsts.isEmpty()) {
            return;
        }
        List<Action> thens = thenActions(ws, o.then(), o.thenTask());
        if (thens.isEmpty()) {
            return;
        }
        boolean interleave = interleaved(o);
        for (Action f : firsts) {
            for (Action t : thens) {
                if (interleave && f.node != null && t.node != null && f.node != t.node) {
                    continue;
                }
                if (interleave && (f.node == null) != (t.node == null)) {
                    continue;
                }
                boolean viaCollective = f.rsc != o.first() && o.first().isCollective()
                        || t.rsc != o.then() && o.then().isCollective();
                int flags = o.flags() | (viaCollective ? Edge.VIA_COLLECTIVE : 0);
                if (viaCollective && t.rsc != o.then()) {
                    // Pacemaker reaches the instances through the clone's own update method, which carries
                    // what "first" implies for "then", never what "then" implies for "first"
                    flags &= ~Edge.IMPLIES_FIRST;
                }
                orderConfigured(ws, f, t, flags);
            }
        }
        if (interleave) {
            interleaveOrders(ws, o);
        }
    }

    /**
     * clone-min / require-all=false: "then" waits for a pseudo action that is runnable once enough "first"
     * actions (instances of a clone, or members of a set) are runnable.
     */
    private static void applyOneOrMore(WorkingSet ws, OrderSpec o) {
        Action pseudo = ws.pseudo(o.pseudoName());
        pseudo.requiredRunnable = Math.max(pseudo.requiredRunnable, o.minRunnable());
        if (o.first() != null && o.first().isClone()) {
            for (Rsc child : o.first().children) {
                for (Action a : child.topActions(o.firstTask())) {
                    ws.order(a, pseudo, Edge.ONE_OR_MORE);
                }
            }
        } else if (o.first() != null) {
            for (Action a : leafOrCompleted(o.first(), o.firstTask())) {
                ws.order(a, pseudo, Edge.ONE_OR_MORE);
            }
        }
        if (o.then() != null) {
            for (Action t : thenActions(ws, o.then(), o.thenTask())) {
                ws.order(pseudo, t, o.flags());
            }
        }
    }

    private static List<Action> leafOrCompleted(Rsc r, String task) {
        return r.isCollective() ? listOf(r.findAction(CollectiveActions.completed(task), null)) : r.findActions(task);
    }

    /** Interleaved clones: each "then" instance waits only for the "first" instance on its own node. */
    private static void interleaveOrders(WorkingSet ws, OrderSpec o) {
        Rsc first = o.first();
        Rsc then = o.then();
        String ft = CollectiveActions.childTask(CollectiveActions.completed(o.firstTask()));
        boolean stopping = ft.equals("stop") || ft.equals("demote");
        for (Rsc ti : then.children) {
            SchedNode node = stopping ? ti.currentNode() : ti.assignedTo;
            if (node == null) {
                continue;
            }
            Rsc fi = null;
            for (Rsc c : first.children) {
                SchedNode cn = stopping ? c.currentNode() : c.assignedTo;
                if (cn == node) {
                    fi = c;
                    break;
                }
            }
            List<Action> thenActs = ti.actionsBelow(o.thenTask());
            if (fi == null) {
                if (!stopping && (o.flags() & (Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN)) != 0) {
                    // nothing of "first" will be active beside this instance: it must not be active either
                    for (Action t : thenActs) {
                        t.runnable = false;
                    }
                    List<PrimitiveRsc> prims = new ArrayList<>();
                    ti.collectPrimitives(prims);
                    for (PrimitiveRsc p : prims) {
                        p.nextRole = Role.STOPPED;
                    }
                    ti.nextRole = Role.STOPPED;
                }
                continue;
            }
            Rsc fiRsc = fi;
            List<Action> firstActs = fiRsc.isCollective()
                    ? listOf(fiRsc.findAction(CollectiveActions.completed(o.firstTask()), null)) : fiRsc.findActions(ft);
            for (Action f : firstActs) {
                for (Action t : thenActs) {
                    orderConfigured(ws, f, t, o.flags());
                }
            }
        }
    }

    private static void orderConfigured(WorkingSet ws, Action f, Action t, int flags) {
        if (f != null && t != null && ws.configuredOrderings.computeIfAbsent(f, k ->
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())).add(t)) {
            ws.order(f, t, flags);
        }
    }

    private static List<Action> listOf(Action a) {
        return a == null ? List.of() : List.of(a);
    }

    private static List<Action> firstActions(WorkingSet ws, OrderSpec o) {
        Rsc first = o.first();
        String task = o.firstTask();
        boolean interleave = interleaved(o);
        if (first.isCollective()) {
            String expanded = CollectiveActions.completed(task);
            Action a = first.findAction(expanded, null);
            if (interleave) {
                return List.of();
            }
            return a == null ? List.of() : List.of(a);
        }
        List<Action> found = first.findActions(task);
        if (!found.isEmpty()) {
            return found;
        }
        if (task.equals("stop") && first.runningOn.isEmpty()) {
            return List.of();
        }
        if (task.equals("demote") && first.role != Role.PROMOTED) {
            return List.of();
        }
        return List.of(placeholder(ws, first, task));
    }

    /**
     * The node-less (never runnable) action an ordering names when the resource has none: Pacemaker creates it
     * while applying the ordering, and the resource's own keyed orderings ("stop then start", "start then
     * promote") then take it in too, so a resource that stops makes its placeholder start required.
     */
    private static Action placeholder(WorkingSet ws, Rsc rsc, String task) {
        Action existing = ws.existing(rsc, task, null);
        Action a = ws.action(rsc, task, null, true);
        if (existing != null || !(rsc instanceof PrimitiveRsc)) {
            return a;
        }
        if (task.equals("start")) {
            for (Action stop : rsc.findActions("stop")) {
                ws.order(stop, a, Edge.OPTIONAL | Edge.IMPLIES_THEN | Edge.RESTART);
            }
        } else if (task.equals("promote")) {
            for (Action start : rsc.findActions("start")) {
                ws.order(start, a, Edge.OPTIONAL | Edge.RUNNABLE_LEFT | Edge.IMPLIES_THEN);
            }
        }
        return a;
    }

    private static List<Action> thenActions(WorkingSet ws, Rsc then, String task) {
        List<Action> out = new ArrayList<>();
        if (!then.isCollective()) {
            out.addAll(then.findActions(task));
            if (out.isEmpty() && !(task.equals("stop") && then.runningOn.isEmpty())
                    && !(task.equals("demote") && then.role != Role.PROMOTED)) {
                out.add(placeholder(ws, then, task));
            }
            return out;
        }
        Action a = then.findAction(task, null);
        if (a != null) {
            out.add(a);
        }
        // Pacemaker carries an ordering with a collective to its members' actions unless both sides are clones
        // and "then" interleaves (which interleaveOrders handles): a primitive or a clone-min pseudo action
        // before an interleaved clone reaches every instance
        for (Rsc child : then.children) {
            out.addAll(child.actionsBelow(task));
        }
        return out;
    }

    /** Two clones ordered with the "then" clone interleaved: instances are ordered node by node. */
    private static boolean interleaved(OrderSpec o) {
        return o.first() != null && o.then() != null && o.first().isClone() && o.then().interleaves();
    }
}
