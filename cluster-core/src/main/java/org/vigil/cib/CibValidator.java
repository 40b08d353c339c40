package org.vigil.cib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.cib.Finding.Severity;

/**
 * Checks what Pacemaker's schema and its scheduler would reject or misread: duplicate ids, dangling
 * references, invalid scores and roles, forbidden nesting, conflicting promotable settings. Errors make a
 * configuration unusable; warnings point at things that are probably not what the operator meant.
 */
public final class CibValidator {
    private static final Set<String> ROLES =
            Set.of("Started", "Stopped", "Slave", "Master", "Promoted", "Unpromoted");
    private static final Set<String> ORDER_ACTIONS =
            Set.of("start", "stop", "promote", "demote", "started", "stopped", "promoted", "demoted");
    private static final Set<String> ORDER_KINDS = Set.of("Mandatory", "Optional", "Serialize");
    private static final Set<String> DISCOVERY = Set.of("always", "never", "exclusive");
    private static final Set<String> EXPRESSION_OPS =
            Set.of("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined");
    private static final Set<String> DATE_OPS = Set.of("in_range", "gt", "lt", "date_spec");

    private final Map<String, Integer> lines;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> resourceIds = new HashSet<>();
    private final Set<String> templateIds = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();

    private CibValidator(Map<String, Integer> lines) {
        this.lines = lines;
    }

    public static List<Finding> validate(Cib cib) {
        return validate(cib, Map.of());
    }

    public static List<Finding> validate(ParsedCib parsed) {
        return validate(parsed.cib(), parsed.idLines());
    }

    /** All findings, errors first, each in document order. */
    public static List<Finding> validate(Cib cib, Map<String, Integer> idLines) {
        CibValidator v = new CibValidator(idLines);
        v.run(cib);
        List<Finding> out = new ArrayList<>(v.findings.stream().filter(Finding::isError).toList());
        out.addAll(v.findings.stream().filter(f -> !f.isError()).toList());
        return out;
    }

    private void run(Cib cib) {
        Configuration c = cib.configuration();
        // Nodes live in their own id space: a remote node shares its id with its connection resource.
        XmlElement tree = CibToTree.configuration(c);
        Map<String, Integer> nodeIds = new HashMap<>();
        Map<String, Integer> otherIds = new HashMap<>();
        for (XmlElement section : tree.children()) {
            walkIds(section, section.name().equals("nodes") ? nodeIds : otherIds);
        }
        for (XmlElement extra : c.extras()) {
            if (extra.name().equals("tags")) {
                extra.children("tag").forEach(t -> resourceIds.add(t.id()));
            }
        }
        for (Node n : c.nodes()) {
            if (n.uname() != null) {
                nodeNames.add(n.uname());
            }
            if (n.id() == null || n.id().isEmpty()) {
                error(n.uname(), "node has no id");
            }
        }
        for (Resource r : Resources.flatten(c.resources())) {
            resourceIds.add(r.id());
            if (r instanceof ResourceTemplate t) {
                templateIds.add(t.id());
            } else if (r instanceof OpaqueResource o) {
                // A bundle's primitive can be named in constraints.
                o.element().children("primitive").forEach(p -> resourceIds.add(p.id()));
            }
        }
        c.clusterProperties().forEach(this::nvSet);
        c.rscDefaults().forEach(this::nvSet);
        c.opDefaults().forEach(this::nvSet);
        c.resources().forEach(r -> resource(r, null));
        c.constraints().forEach(this::constraint);
    }

    private void walkIds(XmlElement e, Map<String, Integer> seen) {
        String id = e.id();
        // resource_ref and obj_ref carry references in "id", not definitions.
        if (id != null && !e.name().equals("resource_ref") && !e.name().equals("obj_ref")) {
            if (seen.merge(id, 1, Integer::sum) == 2) {
                error(id, "id is used by more than one object (ids must be unique in the configuration)");
            }
        }
        e.children().forEach(c -> walkIds(c, seen));
    }

    private void resource(Resource r, Resource parent) {
        if (r.id() == null || r.id().isEmpty()) {
            error(null, "a resource has no id");
            return;
        }
        if (r instanceof Primitive p) {
            primitive(p);
        } else if (r instanceof ResourceTemplate t) {
            primitive(t.definition());
        } else if (r instanceof Group g) {
            if (parent instanceof Group) {
                error(g.id(), "a group cannot be inside group '" + parent.id() + "' (Pacemaker forbids nesting)");
            }
            if (g.children().isEmpty()) {
                error(g.id(), "group has no members");
            }
            for (Resource child : g.children()) {
                if (child instanceof Clone) {
                    error(child.id(), "a clone cannot be a member of group '" + g.id()
                            + "' (clone the group instead)");
                } else if (child instanceof Group) {
                    error(child.id(), "a group cannot be inside group '" + g.id() + "' (Pacemaker forbids nesting)");
                } else {
                    resource(child, g);
                }
            }
            g.metaAttributes().forEach(this::nvSet);
        } else if (r instanceof Clone c) {
            clone(c, parent);
        }
    }

    private void clone(Clone c, Resource parent) {
        if (parent instanceof Group) {
            return; // reported by the group
        }
        if (c.child() == null) {
            error(c.id(), (c.legacyMaster() ? "master" : "clone") + " has no resource inside");
        } else if (c.child() instanceof Clone) {
            error(c.child().id(), "a clone cannot be inside clone '" + c.id() + "'");
        } else {
            resource(c.child(), c);
        }
        c.metaAttributes().forEach(this::nvSet);
        String promotable = NvSets.firstValue(c.metaAttributes(), "promotable").orElse(null);
        if (promotable != null && !Booleans.isBoolean(promotable)) {
            error(c.id(), "meta promotable=\"" + promotable + "\" is not a boolean");
        } else if (c.legacyMaster() && promotable != null && !Booleans.isTrue(promotable)) {
            error(c.id(), "a master (ms) resource is always promotable, but meta promotable=\"" + promotable
                    + "\" says it is not");
        }
        if (!c.promotable()) {
            for (String key : List.of("promoted-max", "master-max", "promoted-node-max", "master-node-max")) {
                if (NvSets.firstValue(c.metaAttributes(), key).isPresent()) {
                    warning(c.id(), "meta " + key + " has no effect: the clone is not promotable"
                            + " (set promotable=true)");
                }
            }
        }
    }

    private void primitive(Primitive p) {
        if (p.template() != null) {
            if (!templateIds.contains(p.template())) {
                error(p.id(), "refers to template '" + p.template() + "', which does not exist");
            }
        } else {
            if (p.resourceClass() == null || p.resourceClass().isEmpty()) {
                error(p.id(), "primitive has no class (expected e.g. class=\"ocf\")");
            }
            if (p.type() == null || p.type().isEmpty()) {
                error(p.id(), "primitive has no type (the agent name)");
            }
            if ("ocf".equals(p.resourceClass()) && p.provider() == null) {
                error(p.id(), "ocf primitive has no provider (expected e.g. provider=\"heartbeat\")");
            }
        }
        p.instanceAttributes().forEach(this::nvSet);
        p.metaAttributes().forEach(this::nvSet);
        p.utilization().forEach(this::nvSet);
        for (Op op : p.operations().ops()) {
            if (op.name() == null) {
                error(op.id(), "operation has no name");
            }
            String role = op.attribute("role");
            if (role != null) {
                role(op.id(), "role", role);
            }
        }
        String target = NvSets.firstValue(p.metaAttributes(), "target-role").orElse(null);
        if (target != null && !target.equals("#default")) {
            role(p.id(), "target-role", capitalise(target));
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase();
    }

    private void nvSet(NvSet s) {
        if (s.score() != null) {
            score(s.id(), "score", s.score());
        }
        if (s.rule() != null) {
            rule(s.rule());
        }
        for (NvPair p : s.pairs()) {
            if (p.idRef() == null && p.name() == null) {
                error(p.id() != null ? p.id() : s.id(), "nvpair has no name");
            }
        }
    }

    private void constraint(Constraint c) {
        if (c instanceof LocationConstraint l) {
            location(l);
        } else if (c instanceof ColocationConstraint k) {
            colocation(k);
        } else if (c instanceof OrderConstraint o) {
            order(o);
        }
    }

    private void location(LocationConstraint l) {
        boolean hasTarget = l.rsc() != null || l.rscPattern() != null || !l.sets().isEmpty();
        if (!hasTarget) {
            error(l.id(), "location constraint names no resource (expected rsc, rsc-pattern or a resource set)");
        }
        if (l.rsc() != null) {
            resourceRef(l.id(), "rsc", l.rsc());
        }
        if (l.rscPattern() != null) {
            try {
                Pattern.compile(l.rscPattern());
            } catch (PatternSyntaxException e) {
                error(l.id(), "rsc-pattern is not a valid regular expression: " + e.getDescription());
            }
        }
        l.sets().forEach(s -> resourceSet(l.id(), s));
        if (l.node() != null) {
            if (l.score() == null) {
                error(l.id(), "location with node=\"" + l.node() + "\" needs a score");
            } else {
                score(l.id(), "score", l.score());
            }
            if (!nodeNames.isEmpty() && !nodeNames.contains(l.node())) {
                warning(l.id(), "node '" + l.node() + "' is not a configured node");
            }
        } else if (l.rules().isEmpty()) {
            error(l.id(), "location constraint has neither node and score nor a rule");
        }
        if (l.role() != null) {
            role(l.id(), "role", l.role());
        }
        if (l.resourceDiscovery() != null && !DISCOVERY.contains(l.resourceDiscovery())) {
            error(l.id(), "resource-discovery=\"" + l.resourceDiscovery() + "\" is not one of always, never,"
                    + " exclusive");
        }
        l.rules().forEach(this::rule);
    }

    private void colocation(ColocationConstraint k) {
        if (k.sets().isEmpty()) {
            if (k.rsc() == null || k.withRsc() == null) {
                error(k.id(), "colocation needs rsc and with-rsc (or resource sets)");
            } else {
                resourceRef(k.id(), "rsc", k.rsc());
                resourceRef(k.id(), "with-rsc", k.withRsc());
            }
        } else {
            k.sets().forEach(s -> resourceSet(k.id(), s));
        }
        if (k.score() != null) {
            score(k.id(), "score", k.score());
        } else if (k.sets().stream().allMatch(s -> s.attribute("score") == null)) {
            warning(k.id(), "colocation has no score, so it has no effect (expected e.g. score=\"INFINITY\")");
        }
        if (k.rscRole() != null) {
            role(k.id(), "rsc-role", k.rscRole());
        }
        if (k.withRscRole() != null) {
            role(k.id(), "with-rsc-role", k.withRscRole());
        }
    }

    private void order(OrderConstraint o) {
        if (o.sets().isEmpty()) {
            if (o.first() == null || o.then() == null) {
                error(o.id(), "order needs first and then (or resource sets)");
            } else {
                resourceRef(o.id(), "first", o.first());
                resourceRef(o.id(), "then", o.then());
            }
        } else {
            o.sets().forEach(s -> resourceSet(o.id(), s));
        }
        if (o.kind() != null && !ORDER_KINDS.contains(o.kind())) {
            error(o.id(), "kind=\"" + o.kind() + "\" is not one of Mandatory, Optional, Serialize");
        }
        if (o.score() != null) {
            score(o.id(), "score", o.score());
        }
        action(o.id(), "first-action", o.firstAction());
        action(o.id(), "then-action", o.thenAction());
        if (o.symmetrical() != null && !Booleans.isBoolean(o.symmetrical())) {
            error(o.id(), "symmetrical=\"" + o.symmetrical() + "\" is not a boolean");
        }
    }

    private void action(String id, String attr, String value) {
        if (value != null && !ORDER_ACTIONS.contains(value)) {
            error(id, attr + "=\"" + value + "\" is not one of start, stop, promote, demote");
        }
    }

    private void resourceSet(String constraintId, ResourceSet s) {
        if (s.idRef() == null && s.resources().isEmpty()) {
            error(s.id() != null ? s.id() : constraintId, "resource set is empty");
        }
        for (String r : s.resources()) {
            resourceRef(constraintId, "resource_ref", r);
        }
        String role = s.attribute("role");
        if (role != null) {
            role(constraintId, "role", role);
        }
        String score = s.attribute("score");
        if (score != null) {
            score(constraintId, "score", score);
        }
        action(constraintId, "action", s.attribute("action"));
    }

    private void rule(Rule r) {
        if (r.idRef() != null) {
            return;
        }
        if (r.score() != null) {
            score(r.id(), "score", r.score());
        }
        if (r.role() != null) {
            role(r.id(), "role", r.role());
        }
        if (r.booleanOp() != null && !r.booleanOp().equals("and") && !r.booleanOp().equals("or")) {
            error(r.id(), "boolean-op=\"" + r.booleanOp() + "\" is not 'and' or 'or'");
        }
        for (RuleCondition c : r.conditions()) {
            if (c instanceof Rule nested) {
                rule(nested);
            } else if (c instanceof Expression x) {
                if (x.operation() == null || !EXPRESSION_OPS.contains(x.operation())) {
                    error(x.id(), "expression operation \"" + x.operation() + "\" is not one of " + EXPRESSION_OPS);
                }
                if (x.attribute() == null) {
                    error(x.id(), "expression has no attribute");
                }
            } else if (c instanceof DateExpression d) {
                if (d.operation() == null || !DATE_OPS.contains(d.operation())) {
                    error(d.id(), "date_expression operation \"" + d.operation() + "\" is not one of " + DATE_OPS);
                }
            }
        }
    }

    private void resourceRef(String id, String attr, String ref) {
        if (!resourceIds.contains(ref)) {
            error(id, attr + " refers to resource '" + ref + "', which does not exist");
        }
    }

    private void score(String id, String attr, String value) {
        if (Score.parse(value).isEmpty()) {
            error(id, attr + "=\"" + value + "\" is not a score (expected an integer, INFINITY or -INFINITY)");
        }
    }

    private void role(String id, String attr, String value) {
        if (!ROLES.contains(value)) {
            error(id, attr + "=\"" + value + "\" is not a role (expected Started, Stopped, Promoted, Unpromoted,"
                    + " or the older Master, Slave)");
        }
    }

    private void error(String id, String message) {
        findings.add(new Finding(Severity.ERROR, id, lineOf(id), message));
    }

    private void warning(String id, String message) {
        findings.add(new Finding(Severity.WARNING, id, lineOf(id), message));
    }

    private int lineOf(String id) {
        Integer l = id == null ? null : lines.get(id);
        return l == null ? 0 : l;
    }
}
