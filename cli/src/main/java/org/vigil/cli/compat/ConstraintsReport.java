package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.vigil.cib.Clone;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.NvSets;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cib.Rule;
import org.vigil.rules.RuleContext;
import org.vigil.rules.Rules;
import org.vigil.cib.Score;

/**
 * {@code crm_resource --constraints} ({@code -a}) and {@code --stack} ({@code -A}): the location constraints of
 * a resource, the resources colocated with it and those it is colocated with, in the words and order of
 * Pacemaker 2.1.5 (locations newest first, colocations by priority, variant and id). Location rules and resource
 * sets are not listed.
 */
final class ConstraintsReport {
    private record Coloc(String id, Resource dependent, Resource primary, int score, String primaryRole,
            String dependentRole, String nodeAttribute) {}

    private final Configuration conf;
    private final List<Coloc> colocations = new ArrayList<>();
    private final List<String> out = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    private int depth;
    /** With --output-as xml: where the elements go (null for text). */
    private PcmkXml xml;

    private final java.util.function.Function<org.vigil.cib.Node, Map<String, String>> nodeAttributes;
    private final java.time.Instant now;

    /** {@code nodeAttributes}: what location rules see of a node (#uname, #id, its attributes). */
    ConstraintsReport(Configuration conf, java.util.function.Function<org.vigil.cib.Node, Map<String, String>>
            nodeAttributes, java.time.Instant now) {
        this.conf = conf;
        this.nodeAttributes = nodeAttributes;
        this.now = now;
        for (Constraint c : conf.constraints()) {
            if (c instanceof ColocationConstraint k && k.sets().isEmpty() && k.rsc() != null && k.withRsc() != null) {
                Resource d = resource(k.rsc());
                Resource p = resource(k.withRsc());
                int score = k.score() == null ? 0 : Score.parse(k.score()).orElse(0);
                if (d != null && p != null && score != 0) {
                    colocations.add(new Coloc(k.id(), d, p, score, k.withRscRole(), k.rscRole(), k.nodeAttribute()));
                } else if (score != 0 && (tags().containsKey(k.rsc()) || tags().containsKey(k.withRsc()))) {
                    // unpack_colocation_tags: a tag is a non-sequential set, so each member pairs with the other side
                    for (Resource dep : members(k.rsc())) {
                        for (Resource prim : members(k.withRsc())) {
                            add(k.id(), dep, prim, score, k.rscRole(), k.withRscRole());
                        }
                    }
                }
            } else if (c instanceof ColocationConstraint k && !k.sets().isEmpty()) {
                int score = k.score() == null ? 0 : Score.parse(k.score()).orElse(0);
                org.vigil.cib.ResourceSet last = null;
                for (org.vigil.cib.ResourceSet set : k.sets()) {
                    inSet(set, score);
                    if (last != null && score != 0) {
                        betweenSets(k.id(), last, set, score);
                    }
                    last = set;
                }
            }
        }
    }

    /** unpack_colocation_set: a set's members colocated with each other (id: the set's). */
    private void inSet(org.vigil.cib.ResourceSet set, int score) {
        String setScore = set.attribute("score");
        int local = setScore != null ? Score.parse(setScore).orElse(0) : score;
        String role = set.attribute("role");
        String ordering = set.attribute("ordering");
        if (local == 0 || "false".equalsIgnoreCase(set.attribute("sequential"))) {
            return;
        }
        List<Resource> members = expand(set);
        if (members.contains(null)) {
            return; // Pacemaker stops at a reference it cannot resolve
        }
        for (int i = 1; i < members.size(); i++) {
            if (local < 0) {
                for (int j = 0; j < i; j++) {
                    add(set.id(), members.get(i), members.get(j), local, role, role);
                }
            } else if (ordering == null || ordering.equalsIgnoreCase("group")) {
                add(set.id(), members.get(i), members.get(i - 1), local, role, role);
            } else {
                add(set.id(), members.get(i - 1), members.get(i), local, role, role);
            }
        }
    }

    /** colocate_rsc_sets: the first of a sequential set with the last of the next sequential one, else each pair. */
    private void betweenSets(String id, org.vigil.cib.ResourceSet set1, org.vigil.cib.ResourceSet set2, int score) {
        List<Resource> first = expand(set1);
        List<Resource> second = expand(set2);
        if (first.contains(null) || second.contains(null)) {
            return;
        }
        Resource rsc1 = !"false".equalsIgnoreCase(set1.attribute("sequential")) && !first.isEmpty() ? first.get(0)
                : null;
        Resource rsc2 = !"false".equalsIgnoreCase(set2.attribute("sequential")) && !second.isEmpty()
                ? second.get(second.size() - 1) : null;
        String role1 = set1.attribute("role");
        String role2 = set2.attribute("role");
        if (rsc1 != null && rsc2 != null) {
            add(id, rsc1, rsc2, score, role1, role2);
        } else if (rsc1 != null) {
            second.forEach(r2 -> add(id, rsc1, r2, score, role1, role2));
        } else if (rsc2 != null) {
            first.forEach(r1 -> add(id, r1, rsc2, score, role1, role2));
        } else {
            first.forEach(r1 -> second.forEach(r2 -> add(id, r1, r2, score, role1, role2)));
        }
    }

    /** The resources a simple constraint's reference names: a tag's members, else the resource itself. */
    private List<Resource> members(String ref) {
        List<Resource> out = new ArrayList<>();
        for (String id : tags().getOrDefault(ref, List.of(ref))) {
            Resource r = resource(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** A set's resources, a template's reference standing for every primitive made from it (in order). */
    private List<Resource> expand(org.vigil.cib.ResourceSet set) {
        List<Resource> out = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (String ref : set.resources()) {
            refs.addAll(tags().getOrDefault(ref, List.of(ref)));
        }
        for (String ref : refs) {
            Resource r = resource(ref);
            if (r != null && !(r instanceof org.vigil.cib.ResourceTemplate)) {
                out.add(r);
                continue;
            }
            List<Resource> made = Resources.flatten(conf.resources()).stream()
                    .filter(x -> x instanceof org.vigil.cib.Primitive p && ref.equals(p.template())).toList();
            if (made.isEmpty()) {
                out.add(null);
            }
            out.addAll(made);
        }
        return out;
    }

    private void add(String id, Resource dependent, Resource primary, int score, String dependentRole,
            String primaryRole) {
        if (score != 0 && dependent != primary) {
            colocations.add(new Coloc(id, dependent, primary, score, primaryRole, dependentRole, null));
        }
    }

    private Resource resource(String id) {
        return Resources.flatten(conf.resources()).stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    List<String> render(String topId, boolean recursive) {
        Resource rsc = resource(topId);
        if (rsc == null) {
            return out;
        }
        locations(rsc);
        visited.clear();
        colocatedWith(rsc, recursive);
        visited.clear();
        isColocatedWith(rsc, recursive);
        return out;
    }

    /** {@code --output-as xml}: {@code <constraints>} with the same entries as elements, in the same order. */
    PcmkXml renderXml(String topId, boolean recursive) {
        xml = new PcmkXml("constraints");
        render(topId, recursive);
        return xml;
    }

    private void colocationXml(Coloc c) {
        xml.child("rsc_colocation").attr("id", c.id(), "rsc", c.dependent().id(), "with-rsc", c.primary().id(),
                "score", Score.format(c.score()), "node-attribute", c.nodeAttribute(), "rsc-role",
                roleText(c.dependentRole()), "with-rsc-role", roleText(c.primaryRole()));
    }

    /** role2text(text2role(r)) for a role that is set; Started is unpack's "any role" and not shown. */
    private static String roleText(String r) {
        if (r == null) {
            return null;
        }
        return switch (r.trim().toLowerCase(Locale.ROOT)) {
            case "promoted", "master" -> "Promoted";
            case "unpromoted", "slave" -> "Unpromoted";
            case "stopped" -> "Stopped";
            default -> null;
        };
    }

    private void header(String title) {
        out.add(depth == 0 ? title + ":" : "  ".repeat(depth) + "* " + title + ":");
        depth++;
    }

    private void item(String text) {
        out.add("  ".repeat(depth) + "* " + text);
    }

    private record Placement(String node, int score, String id) {}

    private void locations(Resource rsc) {
        List<List<Placement>> mine = new ArrayList<>();
        for (Constraint c : conf.constraints()) {
            if (c instanceof LocationConstraint l && appliesTo(l, rsc)) {
                if (l.node() != null) {
                    OptionalInt score = l.score() == null ? OptionalInt.empty() : Score.parse(l.score());
                    conf.nodes().stream().map(org.vigil.cib.Node::uname)
                            .filter(u -> u != null && u.equalsIgnoreCase(l.node())).findFirst()
                            .filter(u -> score.isPresent())
                            .ifPresent(u -> mine.add(0, List.of(new Placement(u, score.getAsInt(), l.id()))));
                }
                for (Rule rule : l.rules()) {
                    // each rule is a location of its own, on the nodes where it holds
                    List<Placement> on = new ArrayList<>();
                    for (org.vigil.cib.Node n : conf.nodes()) {
                        Map<String, String> attrs = nodeAttributes.apply(n);
                        if (Rules.matches(rule, RuleContext.forNode(attrs, now))) {
                            on.add(new Placement(n.uname(), Rules.score(rule, attrs), rule.id()));
                        }
                    }
                    mine.add(0, on);
                }
            }
        }
        boolean open = false;
        for (List<Placement> l : mine) {
            for (Placement p : l) {
                if (xml != null) {
                    xml.child("rsc_location").attr("node", p.node(), "rsc", rsc.id(), "id", p.id(), "score",
                            Score.format(p.score()));
                    continue;
                }
                if (!open) {
                    header("Locations");
                    open = true;
                }
                item("Node " + p.node() + " (score=" + Score.format(p.score()) + ", id=" + p.id() + ", rsc="
                        + rsc.id() + ")");
            }
        }
        if (open) {
            depth--;
        }
    }

    /**
     * Whether a location constraint is one of {@code rsc}'s: naming it (or the template it is made from) directly
     * or in one of its resource sets, as unpack_location expands them.
     */
    private boolean appliesTo(LocationConstraint l, Resource rsc) {
        String template = rsc instanceof org.vigil.cib.Primitive p ? p.template() : null;
        if (l.rsc() == null && l.rscPattern() != null) {
            // rsc-pattern: the top-level resources whose id matches (or, with '!', does not)
            if (!conf.resources().contains(rsc)) {
                return false;
            }
            boolean invert = l.rscPattern().startsWith("!");
            try {
                boolean found = java.util.regex.Pattern.compile(invert ? l.rscPattern().substring(1) : l.rscPattern())
                        .matcher(rsc.id()).find();
                return found != invert;
            } catch (java.util.regex.PatternSyntaxException e) {
                return false;
            }
        }
        if (l.rsc() != null) {
            return names(l.rsc(), rsc.id(), template);
        }
        return l.sets().stream().anyMatch(s -> s.resources().stream().anyMatch(ref -> names(ref, rsc.id(), template)));
    }

    /** Whether a constraint's reference stands for the resource: its id, its template's, or a tag holding either. */
    private boolean names(String ref, String id, String template) {
        if (ref.equals(id) || ref.equals(template)) {
            return true;
        }
        List<String> tagged = tags().getOrDefault(ref, List.of());
        return tagged.contains(id) || template != null && tagged.contains(template);
    }

    private Map<String, List<String>> tags;

    /** The configuration's {@code <tags>}: each tag's {@code obj_ref} ids. */
    private Map<String, List<String>> tags() {
        if (tags == null) {
            tags = new java.util.HashMap<>();
            for (org.vigil.cib.XmlElement section : conf.extras()) {
                if (!section.name().equals("tags")) {
                    continue;
                }
                for (org.vigil.cib.XmlElement tag : section.children()) {
                    if (tag.name().equals("tag") && tag.attribute("id") != null) {
                        tags.put(tag.attribute("id"), tag.children().stream().filter(c -> c.name().equals("obj_ref"))
                                .map(c -> c.attribute("id")).filter(java.util.Objects::nonNull).toList());
                    }
                }
            }
        }
        return tags;
    }

    private void colocatedWith(Resource rsc, boolean recursive) {
        if (!visited.add(rsc.id())) {
            return;
        }
        List<Coloc> with = colocations.stream().filter(c -> c.primary() == rsc).toList();
        with = sorted(with, true);
        if (with.isEmpty()) {
            return;
        }
        header("Resources colocated with " + rsc.id());
        for (Coloc c : with) {
            if (xml != null) {
                colocationXml(c);
            }
            if (visited.contains(c.dependent().id())) {
                if (xml == null) {
                    item(c.dependent().id() + " (id=" + c.id() + " - loop)");
                }
                continue;
            }
            if (xml == null) {
                item(describe(c.dependent(), c, true));
            }
            depth++;
            locations(c.dependent());
            if (recursive) {
                colocatedWith(c.dependent(), true);
            }
            depth--;
        }
        depth--;
    }

    private void isColocatedWith(Resource rsc, boolean recursive) {
        if (!visited.add(rsc.id())) {
            return;
        }
        List<Coloc> with = colocations.stream().filter(c -> c.dependent() == rsc).toList();
        with = sorted(with, false);
        if (with.isEmpty()) {
            return;
        }
        header("Resources " + rsc.id() + " is colocated with");
        for (Coloc c : with) {
            if (xml != null) {
                colocationXml(c);
            }
            if (visited.contains(c.primary().id())) {
                if (xml == null) {
                    item(c.primary().id() + " (id=" + c.id() + " - loop)");
                }
                continue;
            }
            if (xml == null) {
                item(describe(c.primary(), c, false));
            }
            depth++;
            locations(c.primary());
            if (recursive) {
                isColocatedWith(c.primary(), true);
            }
            depth--;
        }
        depth--;
    }

    private static String describe(Resource r, Coloc c, boolean dependents) {
        String role = role(c.primaryRole());
        String score = Score.format(c.score());
        if (role != null) {
            return r.id() + " (score=" + score + ", " + (dependents ? "needs" : "with") + " role=" + role + ", id="
                    + c.id() + ")";
        }
        return r.id() + " (score=" + score + ", id=" + c.id() + ")";
    }

    /** A role above Started (Pacemaker prints the new names), or null. */
    private static String role(String r) {
        if (r == null) {
            return null;
        }
        return switch (r.toLowerCase(Locale.ROOT)) {
            case "promoted", "master" -> "Promoted";
            case "unpromoted", "slave" -> "Unpromoted";
            default -> null;
        };
    }

    /** g_list_insert_sorted by cmp_dependent_priority / cmp_primary_priority (equal ones keep their order). */
    private List<Coloc> sorted(List<Coloc> list, boolean byDependent) {
        List<Coloc> out = new ArrayList<>();
        for (Coloc c : list) {
            int i = 0;
            while (i < out.size() && compare(out.get(i), c, byDependent) <= 0) {
                i++;
            }
            out.add(i, c);
        }
        return out;
    }

    private int compare(Coloc a, Coloc b, boolean byDependent) {
        Resource ra = byDependent ? a.dependent() : a.primary();
        Resource rb = byDependent ? b.dependent() : b.primary();
        int pa = priority(ra);
        int pb = priority(rb);
        if (pa != pb) {
            return pa > pb ? -1 : 1;
        }
        int va = variant(ra);
        int vb = variant(rb);
        if (va != vb) {
            return va > vb ? -1 : 1;
        }
        if (ra instanceof Clone ca && rb instanceof Clone cb && ca.promotable() != cb.promotable()) {
            return ca.promotable() ? -1 : 1;
        }
        return Integer.signum(ra.id().compareTo(rb.id()));
    }

    private int priority(Resource r) {
        String v = NvSets.firstValue(ResourceMeta.meta(r), "priority")
                .or(() -> NvSets.firstValue(conf.rscDefaults(), "priority")).orElse("0");
        return Score.parse(v).orElse(0);
    }

    private static int variant(Resource r) {
        return r instanceof Clone ? 2 : r instanceof Group ? 1 : 0;
    }
}
