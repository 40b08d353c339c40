package org.vigil.scheduler.constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.cib.Booleans;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Constraint;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Rule;
import org.vigil.cib.Score;
import org.vigil.rules.RuleContext;
import org.vigil.rules.Rules;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.GroupRsc;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/** rsc_location, rsc_colocation and rsc_order (including sets), resolved to working-set objects. */
public final class UnpackConstraintsStage implements Stage {
    @Override
    public String name() {
        return "unpack constraints";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Constraint c : ws.cib.configuration().constraints()) {
            if (c instanceof LocationConstraint l) {
                location(ws, l);
            } else if (c instanceof ColocationConstraint col) {
                colocation(ws, col);
            } else if (c instanceof OrderConstraint o) {
                order(ws, o);
            } else if (c instanceof OpaqueConstraint o && !o.element().name().equals("rsc_ticket")) {
                ws.unsupported.add(o.element().name() + " constraints (" + o.id() + ")");
            }
        }
    }

    /**
     * A constraint may name a resource template (it then applies to every primitive built from it) or a tag
     * (every resource or template tagged). As Pacemaker, which turns either into an unordered resource set,
     * a constraint between two of them applies to every pair.
     */
    static List<Rsc> expand(WorkingSet ws, String id) {
        Rsc r = lookup(ws, id);
        if (r != null) {
            return List.of(r);
        }
        List<Rsc> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        List<String> tagged = ws.tags.get(id);
        if (tagged != null) {
            for (String ref : tagged) {
                if (!ws.tags.containsKey(ref)) { // a tag holds resources and templates, not other tags
                    for (Rsc member : expand(ws, ref)) {
                        if (!out.contains(member)) {
                            out.add(member);
                        }
                    }
                }
            }
            return out;
        }
        for (PrimitiveRsc p : ws.primitives) {
            if (p.definition != null && id.equals(p.definition.template())) {
                Rsc mapped = lookup(ws, p.id);
                if (mapped != null && !out.contains(mapped)) {
                    out.add(mapped);
                }
            }
        }
        return out;
    }

    static Rsc lookup(WorkingSet ws, String id) {
        if (id == null) {
            return null;
        }
        Rsc r = ws.byId.get(id);
        if (r != null) {
            if (r.parent instanceof CloneRsc c && !c.unique) {
                return c;
            }
            return r;
        }
        return null;
    }

    // ---- location -------------------------------------------------------------------------------

    private void location(WorkingSet ws, LocationConstraint l) {
        List<Rsc> targets = new ArrayList<>();
        if (l.rsc() != null) {
            targets.addAll(expand(ws, l.rsc()));
        } else if (l.rscPattern() != null) {
            try {
                Pattern p = Pattern.compile(l.rscPattern());
                for (Rsc r : ws.byId.values()) {
                    if (r.parent == null && p.matcher(r.id).find()) {
                        targets.add(r);
                    }
                }
            } catch (PatternSyntaxException e) {
                ws.warn("rsc_location " + l.id() + ": invalid rsc-pattern");
            }
        }
        for (ResourceSet set : l.sets()) {
            for (String id : set.resources()) {
                targets.addAll(expand(ws, id));
            }
        }
        for (Rsc r : targets) {
            Role role = Role.parse(l.role());
            if (l.node() != null) {
                SchedNode n = ws.node(l.node());
                if (n == null) {
                    continue;
                }
                Map<SchedNode, Integer> scores = new LinkedHashMap<>();
                scores.put(n, Score.parseOr(l.score(), 0));
                addLocation(ws, new LocationRule(l.id(), r, role, scores, l.resourceDiscovery()));
            }
            for (Rule rule : l.rules()) {
                Role ruleRole = rule.role() != null ? Role.parse(rule.role()) : role;
                Map<SchedNode, Integer> scores = new LinkedHashMap<>();
                for (SchedNode n : ws.nodes) {
                    RuleContext ctx = ws.rules(n.attributes);
                    if (Rules.matches(rule, ctx)) {
                        scores.put(n, Rules.score(rule, n.attributes));
                    }
                }
                addLocation(ws, new LocationRule(l.id(), r, ruleRole, scores, l.resourceDiscovery()));
            }
        }
    }

    // ---- colocation -----------------------------------------------------------------------------

    private void colocation(WorkingSet ws, ColocationConstraint c) {
        int score = Score.parseOr(c.score(), 0);
        String influenceAttr = c.otherAttributes().get("influence");
        if (c.sets().isEmpty()) {
            if (lookup(ws, c.rsc()) == null && lookup(ws, c.withRsc()) == null) {
                // template with template: Pacemaker's two unordered sets leave placement alone
                return;
            }
            for (Rsc dep : expand(ws, c.rsc())) {
                for (Rsc pri : expand(ws, c.withRsc())) {
                    add(ws, c.id(), dep, pri, score, Role.parse(c.rscRole()), Role.parse(c.withRscRole()),
                            c.nodeAttribute(), influenceAttr);
                }
            }
            return;
        }
        ResourceSet last = null;
        for (ResourceSet set : c.sets()) {
            int local = set.attribute("score") != null ? Score.parseOr(set.attribute("score"), score) : score;
            Role role = Role.parse(set.attribute("role"));
            boolean sequential = set.attribute("sequential") == null || Booleans.isTrue(set.attribute("sequential"));
            List<Rsc> members = members(ws, set);
            if (local < 0) {
                // anti-colocating each member with every earlier one is the only way nobody shares a node
                for (int i = 1; i < members.size(); i++) {
                    for (int j = 0; j < i; j++) {
                        add(ws, set.id(), members.get(i), members.get(j), local, role, role, c.nodeAttribute(),
                                influenceAttr);
                    }
                }
            } else if (sequential) {
                Rsc with = null;
                for (Rsc r : members) {
                    if (with != null) {
                        add(ws, set.id(), r, with, local, role, role, c.nodeAttribute(), influenceAttr);
                    }
                    with = r;
                }
            }
            if (last != null) {
                setToSet(ws, c, last, set, score, influenceAttr);
            }
            last = set;
        }
    }

    private void setToSet(WorkingSet ws, ColocationConstraint c, ResourceSet set1, ResourceSet set2, int score,
            String influence) {
        List<Rsc> m1 = members(ws, set1);
        List<Rsc> m2 = members(ws, set2);
        if (m1.isEmpty() || m2.isEmpty()) {
            return;
        }
        boolean seq1 = set1.attribute("sequential") == null || Booleans.isTrue(set1.attribute("sequential"));
        boolean seq2 = set2.attribute("sequential") == null || Booleans.isTrue(set2.attribute("sequential"));
        Role r1 = Role.parse(set1.attribute("role"));
        Role r2 = Role.parse(set2.attribute("role"));
        List<Rsc> deps = seq1 ? List.of(m1.get(0)) : m1;
        List<Rsc> pris = seq2 ? List.of(m2.get(m2.size() - 1)) : m2;
        for (Rsc d : deps) {
            for (Rsc p : pris) {
                add(ws, c.id(), d, p, score, r1, r2, c.nodeAttribute(), influence);
            }
        }
    }

    private static List<Rsc> members(WorkingSet ws, ResourceSet set) {
        List<Rsc> out = new ArrayList<>();
        for (String id : set.resources()) {
            out.addAll(expand(ws, id));
        }
        return out;
    }

    /** A location, and for a role, the same location on what carries the role (a bundle's clone). */
    private static void addLocation(WorkingSet ws, LocationRule l) {
        ws.locations.add(l);
        Rsc roleHolder = l.rsc().colocatedAs(l.role());
        if (roleHolder != l.rsc()) {
            ws.locations.add(new LocationRule(l.id(), roleHolder, l.role(), l.scores(), l.discovery()));
        }
    }

    public static void add(WorkingSet ws, String id, Rsc dep, Rsc pri, int score, Role depRole, Role priRole, String attr,
            String influenceAttr) {
        if (dep == pri || score == 0) {
            return;
        }
        boolean influence = influenceAttr == null ? dep.critical : Booleans.isTrue(influenceAttr);
        Role dr = depRole == Role.STARTED ? Role.UNKNOWN : depRole;
        Role pr = priRole == Role.STARTED ? Role.UNKNOWN : priRole;
        dep = dep.colocatedAs(dr);
        if (dr != Role.UNKNOWN) {
            pri = pri.colocatedAs(pr); // a role of one bundle's clone with a role of another's
        }
        Colocation col = new Colocation(id, dep, pri, score, dr, pr, attr, influence);
        ws.colocations.add(col);
        insertSorted(dep.thisWith, col, true);
        insertSorted(pri.withThis, col, false);
    }

    /** Keeps Pacemaker's processing order: by the other side's priority, clones first, then by id. */
    public static void insertSorted(List<Colocation> list, Colocation c, boolean byPrimary) {
        int i = 0;
        while (i < list.size() && compare(list.get(i), c, byPrimary) <= 0) {
            i++;
        }
        list.add(i, c);
    }

    private static int compare(Colocation a, Colocation b, boolean byPrimary) {
        Rsc ra = byPrimary ? a.primary() : a.dependent();
        Rsc rb = byPrimary ? b.primary() : b.dependent();
        if (ra.priority != rb.priority) {
            return ra.priority > rb.priority ? -1 : 1;
        }
        int va = variantRank(ra);
        int vb = variantRank(rb);
        if (va != vb) {
            return va > vb ? -1 : 1;
        }
        if (ra instanceof CloneRsc ca && rb instanceof CloneRsc cb && ca.promotable != cb.promotable) {
            return ca.promotable ? -1 : 1;
        }
        return ra.id.compareTo(rb.id);
    }

    private static int variantRank(Rsc r) {
        if (r instanceof CloneRsc) {
            return 2;
        }
        if (r instanceof GroupRsc) {
            return 1;
        }
        return 0;
    }

    // ---- order ----------------------------------------------------------------------------------

    private void order(WorkingSet ws, OrderConstraint o) {
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
            for (Rsc first : expand(ws, o.first())) {
                for (Rsc then : expand(ws, o.then())) {
                    int min = 0;
                    if (first instanceof CloneRsc fc) {
                        min = !requireAll ? 1 : fc.cloneMin;
                    }
                    if (min > 0 && !kind.equalsIgnoreCase("Optional")) {
                        ws.orderSpecs.add(new OrderSpec(o.id(), first, fa, then, ta,
                                flagsFor(kind, fa, symmetrical ? 1 : 0), min, "clone-one-or-more:" + o.id()));
                        if (symmetrical && invert(fa) != null && invert(ta) != null
                                && !(then instanceof CloneRsc tc && tc.interleave)) {
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
            List<Rsc> members = members(ws, set);
            if (sequential) {
                for (int i = 1; i < members.size(); i++) {
                    orderPair(ws, set.id(), members.get(i - 1), action, members.get(i), action, setKind,
                            symmetrical);
                }
            }
            if (last != null) {
                List<Rsc> m1 = members(ws, last);
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
                                flagsFor(kind, a1, 0), 1, "one-or-more:" + last.id()));
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
            case 0 -> flags |= Edge.IMPLIES_THEN | Edge.RUNNABLE_LEFT | Edge.ASYMMETRIC;
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
}
