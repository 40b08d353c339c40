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
    static final Set<String> ROLES =
            Set.of("Started", "Stopped", "Slave", "Master", "Promoted", "Unpromoted");
    private static final Set<String> ORDER_ACTIONS =
            Set.of("start", "stop", "promote", "demote", "started", "stopped", "promoted", "demoted");
    private static final Set<String> ORDER_KINDS = Set.of("Mandatory", "Optional", "Serialize");
    private static final Set<String> DISCOVERY = Set.of("always", "never", "exclusive");
    private static final Set<String> EXPRESSION_OPS =
            Set.of("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined");
    private static final Set<String> DATE_OPS = Set.of("in_range", "gt", "lt", "date_spec");

    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("([\\w-]+)=\"([^\"]*)\" is not");

    private final Map<String, Integer> lines;
    private final Set<String> reported = new HashSet<>();
    /** Resources inside a clone, with that clone's id: constraints must name the clone instead. */
    private final Map<String, String> insideClone = new HashMap<>();
    /** Promotable clones and everything inside them, where a promoted target-role makes sense. */
    private final Set<String> promotable = new HashSet<>();
    private boolean fencing = true;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> resourceIds = new HashSet<>();
    private final Set<String> templateIds = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();
    /** Element name of every id defined in the configuration, for id-ref checks. */
    private final Map<String, String> definitions = new HashMap<>();

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
        for (Map.Entry<String, String> a : cib.attributes().entrySet()) {
            String bad = ControlCharacters.find(a.getValue());
            if (bad != null) {
                error(null, "the cib's " + ConfigurationSchema.printable(a.getKey()) + " contains the control"
                        + " character " + bad);
            }
        }
        ConfigurationSchema.check(tree, cib.attribute("validate-with"), this::error);
        statusCharacters(CibToTree.status(cib.status()), null);
        Map<String, Integer> nodeIds = new HashMap<>();
        Map<String, Integer> otherIds = new HashMap<>();
        for (XmlElement section : tree.children()) {
            walkIds(section, section.name().equals("nodes") ? nodeIds : otherIds);
        }
        for (XmlElement section : tree.children()) {
            if (!section.name().equals("nodes")) {
                idRefs(section);
            }
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
        c.resources().forEach(r -> scopes(r, null, false));
        fencing = c.fencingEnabled();
        for (Resource r : Resources.flatten(c.resources())) {
            resourceIds.add(r.id());
            if (r instanceof ResourceTemplate t) {
                templateIds.add(t.id());
            } else if (r instanceof OpaqueResource o) {
                // A bundle's primitive can be named in constraints.
                o.element().children("primitive").forEach(p -> resourceIds.add(p.id()));
            }
        }
        c.clusterProperties().forEach(s -> nvSet(s, OptionTypes.PROPERTIES, "property"));
        c.rscDefaults().forEach(s -> nvSet(s, OptionTypes.RESOURCE_META, "rsc_defaults"));
        c.rscDefaults().forEach(s -> requires(s.id(), List.of(s)));
        c.rscDefaults().forEach(s -> {
            String role = NvSets.firstValue(List.of(s), "target-role").map(OptionTypes::capitalise).orElse("");
            if (Set.of("Promoted", "Unpromoted", "Master", "Slave").contains(role)) {
                refusedWarning(s.id(), "rsc_defaults target-role=" + role + " applies to every resource, but only"
                        + " promotable clones can have it");
            }
            migrationThreshold(s.id(), List.of(s));
        });
        c.opDefaults().forEach(s -> nvSet(s, OptionTypes.OPERATION, "op_defaults"));
        c.resources().forEach(r -> resource(r, null));
        c.constraints().forEach(this::constraint);
    }

    private void walkIds(XmlElement e, Map<String, Integer> seen) {
        String id = e.id();
        // resource_ref and obj_ref carry references in "id", not definitions.
        if (id != null && !e.name().equals("resource_ref") && !e.name().equals("obj_ref")
                && !e.name().equals("role") && !e.name().equals("acl_target")) {
            definitions.putIfAbsent(id, e.name());
            if (seen.merge(id, 1, Integer::sum) == 2) {
                error(id, "id is used by more than one object (ids must be unique in the configuration)");
            }
        }
        e.children().forEach(c -> walkIds(c, seen));
    }

    /** An {@code id-ref} must name an object of the same kind (Pacemaker copies that object in its place). */
    private void idRefs(XmlElement e) {
        String ref = e.attribute("id-ref");
        if (ref != null && XmlNames.isNcName(ref)) {
            String kind = definitions.get(ref);
            boolean nvset = Set.of("meta_attributes", "instance_attributes", "utilization", "cluster_property_set")
                    .contains(e.name());
            if (kind == null) {
                error(ref, "<" + e.name() + " id-ref=\"" + ref + "\"> refers to an id that does not exist");
            } else if (!kind.equals(e.name()) && !(nvset && Set.of("meta_attributes", "instance_attributes",
                    "utilization", "cluster_property_set").contains(kind))) {
                error(ref, "<" + e.name() + " id-ref=\"" + ref + "\"> refers to a <" + kind + ">, not a <" + e.name()
                        + ">");
            }
        }
        e.children().forEach(this::idRefs);
    }

    /** The status is written back too: a control character there would make the file unreadable. */
    private void statusCharacters(XmlElement e, String owner) {
        String id = e.id() != null ? e.id() : owner;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            String bad = ControlCharacters.find(a.getValue());
            if (bad != null && !bad.equals("U+0009") && !bad.equals("U+000A") && !bad.equals("U+000D")) {
                error(id, "status <" + e.name() + ">: " + ConfigurationSchema.printable(a.getKey())
                        + " contains the control character " + bad);
            }
        }
        e.children().forEach(c -> statusCharacters(c, id));
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
            g.metaAttributes().forEach(s -> nvSet(s, OptionTypes.RESOURCE_META, "meta"));
            targetRole(g, g.metaAttributes());
            migrationThreshold(g.id(), g.metaAttributes());
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
        c.metaAttributes().forEach(s -> nvSet(s, OptionTypes.RESOURCE_META, "meta"));
        targetRole(c, c.metaAttributes());
        migrationThreshold(c.id(), c.metaAttributes());
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
        p.instanceAttributes().forEach(s -> nvSet(s, Map.of(), "param"));
        p.metaAttributes().forEach(s -> nvSet(s, OptionTypes.RESOURCE_META, "meta"));
        targetRole(p, p.metaAttributes());
        requires(p.id(), p.metaAttributes());
        migrationThreshold(p.id(), p.metaAttributes());
        p.utilization().forEach(s -> nvSet(s, Map.of(), "utilization"));
        Set<String> opKeys = new HashSet<>();
        for (Op op : p.operations().ops()) {
            String id = op.id() != null ? op.id() : p.id();
            if (op.name() == null) {
                error(id, "operation has no name");
            }
            if (op.id() == null) {
                error(p.id(), "operation " + op.name() + " has no id");
            }
            if (op.interval() == null) {
                error(id, "op " + op.name() + " has no interval");
            } else {
                typed(id, "op " + op.name() + ": interval", OptionTypes.OPERATION.get("interval"), op.interval());
            }
            for (Map.Entry<String, String> a : op.otherAttributes().entrySet()) {
                if (a.getKey().equals("timeout")) {
                    // Pacemaker runs the action with its default timeout instead (its regression suite relies on it)
                    String problem = OptionTypes.problem(OptionTypes.OPERATION.get("timeout"), a.getValue());
                    if (problem != null) {
                        warning(id, "op " + op.name() + ": timeout=\"" + ConfigurationSchema.printable(a.getValue())
                                + "\" " + problem + "; Pacemaker would use the default timeout");
                    }
                    continue;
                }
                typed(id, "op " + op.name() + ": " + a.getKey(), OptionTypes.OPERATION.get(a.getKey()), a.getValue());
            }
            String key = op.name() + "/" + (op.interval() == null ? "" : intervalMs(op.interval()));
            if (op.name() != null && !key.endsWith("/0") && !op.name().equals("monitor")
                    && Set.of("start", "stop", "promote", "demote", "migrate_to", "migrate_from").contains(op.name())) {
                refusedWarning(id, "op " + op.name() + " has interval " + op.interval() + ", but a " + op.name()
                        + " cannot be recurring (use interval=0)");
            }
            if (op.name() != null && !key.endsWith("/0") && !opKeys.add(key)) {
                refusedWarning(id, "op " + op.name() + " with interval " + op.interval() + " is defined twice in " + p.id()
                        + " (crm_verify requires each name and interval once per resource, whatever the role)");
            }
            if (op.attribute("start-delay") != null && op.attribute("interval-origin") != null) {
                error(id, "op " + op.name() + " has both start-delay and interval-origin (the schema allows one)");
            }
            op.instanceAttributes().forEach(s -> nvSet(s, Map.of(), "op param"));
            op.metaAttributes().forEach(s -> nvSet(s, OptionTypes.OPERATION, "op meta"));
        }
        if (p.template() == null && p.resourceClass() != null && !"ocf".equals(p.resourceClass())
                && p.provider() != null) {
            error(p.id(), "a " + p.resourceClass() + " primitive has no provider (only class ocf has one)");
        }
    }

    /** The interval in milliseconds for duplicate checks; the text itself when it is not a time. */
    private static String intervalMs(String interval) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*([0-9]+)\\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\\s*")
                .matcher(interval);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String u = m.group(2) == null ? "s" : m.group(2).toLowerCase(java.util.Locale.ROOT);
            return String.valueOf(switch (u) {
                case "ms", "msec" -> n;
                case "us", "usec" -> n / 1000;
                case "m", "min" -> n * 60_000;
                case "h", "hr" -> n * 3_600_000;
                default -> n * 1000;
            });
        }
        java.util.regex.Matcher iso = java.util.regex.Pattern.compile(
                "P(?:([0-9]+)D)?T?(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?").matcher(interval.strip());
        if (iso.matches()) {
            long ms = 0;
            long[] unit = {86_400_000L, 3_600_000L, 60_000L, 1000L};
            for (int i = 0; i < 4; i++) {
                if (iso.group(i + 1) != null) {
                    ms += Long.parseLong(iso.group(i + 1)) * unit[i];
                }
            }
            return String.valueOf(ms);
        }
        return interval;
    }

    private void typed(String id, String what, OptionTypes.Type type, String value) {
        String problem = OptionTypes.problem(type, value);
        if (problem != null) {
            error(id, what + "=\"" + ConfigurationSchema.printable(value) + "\" " + problem);
        }
    }

    private void nvSet(NvSet s, Map<String, OptionTypes.Type> types, String what) {
        for (NvPair p : s.pairs()) {
            if (p.name() != null && p.value() != null) {
                typed(p.id() != null ? p.id() : s.id(), what + " " + p.name(), types.get(p.name()), p.value());
            }
        }
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
        } else if (c instanceof OpaqueConstraint o && o.element().name().equals("rsc_ticket")) {
            ticket(o.element());
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
                if (k.rsc().equals(k.withRsc())) {
                    refusedWarning(k.id(), "colocates '" + k.rsc() + "' with itself");
                }
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
                if (o.first().equals(o.then())) {
                    // Pacemaker's scheduler aborts on it (an assertion in order_actions)
                    error(o.id(), "orders '" + o.first() + "' against itself");
                }
            }
        } else {
            o.sets().forEach(s -> resourceSet(o.id(), s));
            acrossSets(o.id(), o.sets());
        }
        if (o.kind() != null && !ORDER_KINDS.contains(o.kind())) {
            error(o.id(), "kind=\"" + o.kind() + "\" is not one of Mandatory, Optional, Serialize");
        }
        if (o.score() != null) {
            score(o.id(), "score", o.score());
        }
        action(o.id(), "first-action", o.firstAction());
        action(o.id(), "then-action", o.thenAction());
        if (o.symmetrical() != null && "Serialize".equals(o.kind())) {
            refusedWarning(o.id(), "symmetrical does not apply to kind Serialize (Pacemaker ignores it)");
        }
        if (o.symmetrical() != null && !Booleans.isBoolean(o.symmetrical())) {
            error(o.id(), "symmetrical=\"" + o.symmetrical() + "\" is not a boolean");
        }
    }

    private void ticket(XmlElement t) {
        String id = t.id();
        List<XmlElement> sets = t.children("resource_set");
        if ("fence".equals(t.attribute("loss-policy")) && !fencing) {
            refusedWarning(id, "loss-policy=fence needs fencing, but stonith-enabled is false");
        }
        if (t.attribute("ticket") == null || t.attribute("ticket").isEmpty()) {
            error(id, "rsc_ticket names no ticket (expected ticket=NAME)");
        }
        if (sets.isEmpty()) {
            if (t.attribute("rsc") == null) {
                error(id, "rsc_ticket needs rsc (or resource sets)");
            } else {
                resourceRef(id, "rsc", t.attribute("rsc"));
            }
        } else {
            if (t.attribute("rsc") != null) {
                error(id, "rsc_ticket has both rsc and resource sets (the schema allows one)");
            }
            for (XmlElement set : sets) {
                Map<String, String> other = new HashMap<>(set.attributes());
                other.remove("id");
                other.remove("id-ref");
                resourceSet(id, new ResourceSet(set.id(), set.attribute("id-ref"), other,
                        set.children("resource_ref").stream().map(XmlElement::id).toList()));
            }
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
        Set<String> seen = new HashSet<>();
        for (String r : s.resources()) {
            resourceRef(constraintId, "resource_ref", r);
            if (r != null && !seen.add(r)) {
                error(constraintId, "resource '" + r + "' appears twice in one resource set"
                        + " (Pacemaker cannot order or colocate a resource with itself)");
            }
        }
        if (s.idRef() == null && s.id() == null) {
            error(constraintId, "a resource set has no id");
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
                dateExpression(d);
            }
        }
    }

    private void dateExpression(DateExpression d) {
        String op = d.operation();
        if (op == null || !DATE_OPS.contains(op)) {
            error(d.id(), "date_expression operation \"" + op + "\" is not one of " + DATE_OPS);
            return;
        }
        switch (op) {
            case "in_range" -> {
                if (d.start() == null && d.end() == null) {
                    error(d.id(), "date in_range needs start or end");
                }
                if (d.dateSpec() != null) {
                    error(d.id(), "date in_range cannot have a date_spec (use operation date_spec)");
                }
            }
            case "gt", "lt" -> {
                if (op.equals("gt") ? d.start() == null : d.end() == null) {
                    error(d.id(), "date " + op + " needs " + (op.equals("gt") ? "start" : "end"));
                }
                if (op.equals("gt") ? d.end() != null : d.start() != null) {
                    error(d.id(), "date " + op + " takes only " + (op.equals("gt") ? "start" : "end"));
                }
                if (d.dateSpec() != null || d.duration() != null) {
                    error(d.id(), "date " + op + " cannot have a date_spec or duration");
                }
            }
            default -> {
                if (d.dateSpec() == null) {
                    error(d.id(), "date_spec expression has no date_spec");
                }
                if (d.start() != null || d.end() != null || d.duration() != null) {
                    error(d.id(), "date_spec expression takes only a date_spec (no start, end or duration)");
                }
            }
        }
        for (String date : java.util.Arrays.asList(d.start(), d.end())) {
            if (date != null && !OptionTypes.isDate(date)) {
                error(d.id(), "'" + ConfigurationSchema.printable(date) + "' is not an ISO 8601 date (e.g. 2020-01-01"
                        + " or 2020-01-01T09:00:00Z)");
            }
        }
        if (d.duration() != null) {
            d.duration().fields().forEach((k, v) -> {
                if (!v.strip().matches("[+-]?[0-9]+")) {
                    error(d.id(), "duration " + k + "=\"" + ConfigurationSchema.printable(v) + "\" is not an integer");
                }
            });
        }
        if (d.dateSpec() != null) {
            d.dateSpec().fields().forEach((k, v) -> {
                if (!OptionTypes.isRange(v)) {
                    error(d.id(), "date_spec " + k + "=\"" + ConfigurationSchema.printable(v)
                            + "\" is not a number or a range such as 9-16");
                }
            });
        }
    }

    private void resourceRef(String id, String attr, String ref) {
        if (!resourceIds.contains(ref)) {
            error(id, attr + " refers to resource '" + ref + "', which does not exist");
        } else if (insideClone.containsKey(ref)) {
            refusedWarning(id, attr + " refers to '" + ref + "', which is inside clone '" + insideClone.get(ref)
                    + "' (a constraint must name the clone)");
        }
    }

    /** Pacemaker's scheduler aborts when one resource is ordered against itself through two sets. */
    private void acrossSets(String id, List<ResourceSet> sets) {
        Set<String> seen = new HashSet<>();
        for (ResourceSet s : sets) {
            for (String r : new HashSet<>(s.resources())) {
                if (r != null && !seen.add(r)) {
                    error(id, "resource '" + r + "' appears in more than one resource set of the order");
                }
            }
        }
    }

    private void migrationThreshold(String id, List<NvSet> meta) {
        String v = NvSets.firstValue(meta, "migration-threshold").orElse(null);
        if (v != null && v.strip().startsWith("-")) {
            refusedWarning(id, "migration-threshold=" + v + " is negative (Pacemaker ignores it)");
        }
    }

    private void requires(String id, List<NvSet> meta) {
        String r = NvSets.firstValue(meta, "requires").orElse(null);
        if (!fencing && ("fencing".equals(r) || "unfencing".equals(r))) {
            refusedWarning(id, "requires=" + r + " but fencing is disabled (stonith-enabled=false)");
        }
    }

    private void scopes(Resource r, String clone, boolean inPromotable) {
        if (clone != null) {
            insideClone.put(r.id(), clone);
        }
        if (inPromotable) {
            promotable.add(r.id());
        }
        if (r instanceof Group g) {
            g.children().forEach(child -> scopes(child, clone, inPromotable));
        } else if (r instanceof Clone c) {
            boolean p = inPromotable || c.promotable();
            if (p) {
                promotable.add(c.id());
            }
            if (c.child() != null) {
                scopes(c.child(), clone != null ? clone : c.id(), p);
            }
        }
    }

    /** Pacemaker ignores a promoted or unpromoted target-role outside a promotable clone, and crm_verify says so. */
    private void targetRole(Resource r, List<NvSet> meta) {
        String role = NvSets.firstValue(meta, "target-role").map(OptionTypes::capitalise).orElse(null);
        if (role != null && Set.of("Promoted", "Unpromoted", "Master", "Slave").contains(role)
                && !promotable.contains(r.id())) {
            refusedWarning(r.id(), "target-role=" + role + " only makes sense for a promotable clone or what is"
                    + " inside one");
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
        // the schema check and the model checks may both see one bad attribute value: report it once
        java.util.regex.Matcher m = ATTRIBUTE_VALUE.matcher(message);
        if (m.find() && !reported.add(id + "\u0000" + m.group(1) + "\u0000" + m.group(2))) {
            return;
        }
        findings.add(new Finding(Severity.ERROR, id, lineOf(id), message));
    }

    /** What crm_verify rejects but Pacemaker's scheduler (and its regression suite) lives with. */
    private void refusedWarning(String id, String message) {
        findings.add(new Finding(Severity.WARNING, id, lineOf(id), message, true));
    }

    private void warning(String id, String message) {
        findings.add(new Finding(Severity.WARNING, id, lineOf(id), message));
    }

    private int lineOf(String id) {
        Integer l = id == null ? null : lines.get(id);
        return l == null ? 0 : l;
    }
}
