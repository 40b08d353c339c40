package org.vigil.cib;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps an XML tree onto the CIB model; unmodelled sections become {@link XmlElement}s kept verbatim. */
final class TreeToCib {
    private final String source;
    private final IdentityHashMap<XmlElement, Integer> lines;
    private final Map<String, Integer> idLines = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    TreeToCib(String source, IdentityHashMap<XmlElement, Integer> lines) {
        this.source = source;
        this.lines = lines;
    }

    Map<String, Integer> idLines() {
        return idLines;
    }

    List<String> warnings() {
        return warnings;
    }

    Cib cib(XmlElement root) throws CibParseException {
        if (!root.name().equals("cib")) {
            throw new CibParseException(source, line(root),
                    "expected <cib> as the root element, found <" + root.name() + ">");
        }
        Configuration configuration = null;
        Status status = Status.EMPTY;
        for (XmlElement c : root.children()) {
            switch (c.name()) {
                case "configuration" -> configuration = configuration(c);
                case "status" -> status = status(c);
                default -> dropped(c, root);
            }
        }
        if (configuration == null) {
            throw new CibParseException(source, line(root), "<cib> has no <configuration> section");
        }
        return new Cib(root.attributes(), configuration, status);
    }

    private Configuration configuration(XmlElement e) {
        List<NvSet> props = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        List<NvSet> rscDefaults = new ArrayList<>();
        List<NvSet> opDefaults = new ArrayList<>();
        List<XmlElement> extras = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "crm_config" -> c.children().forEach(s -> nvSetInto(s, c, "cluster_property_set", props));
                case "nodes" -> c.children().forEach(n -> {
                    if (n.name().equals("node")) {
                        nodes.add(node(n));
                    } else {
                        dropped(n, c);
                    }
                });
                case "resources" -> c.children().forEach(r -> resources.add(resource(r)));
                case "constraints" -> c.children().forEach(k -> constraints.add(constraint(k)));
                case "rsc_defaults" -> c.children().forEach(s -> nvSetInto(s, c, "meta_attributes", rscDefaults));
                case "op_defaults" -> c.children().forEach(s -> nvSetInto(s, c, "meta_attributes", opDefaults));
                default -> extras.add(c);
            }
        }
        return new Configuration(props, nodes, resources, constraints, rscDefaults, opDefaults, extras);
    }

    private void nvSetInto(XmlElement s, XmlElement parent, String expected, List<NvSet> out) {
        if (s.name().equals(expected)) {
            out.add(nvSet(s));
        } else {
            dropped(s, parent);
        }
    }

    private Node node(XmlElement e) {
        Attrs a = attrs(e);
        List<NvSet> inst = new ArrayList<>();
        List<NvSet> util = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "instance_attributes" -> inst.add(nvSet(c));
                case "utilization" -> util.add(nvSet(c));
                default -> dropped(c, e);
            }
        }
        return new Node(a.take("id"), a.take("uname"), a.take("type"), a.rest(), inst, util);
    }

    NvSet nvSet(XmlElement e) {
        Attrs a = attrs(e);
        String id = a.take("id");
        String idRef = a.take("id-ref");
        String score = a.take("score");
        warnRest(a, e);
        Rule rule = null;
        List<NvPair> pairs = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "nvpair" -> {
                    Attrs p = attrs(c);
                    pairs.add(new NvPair(p.take("id"), p.take("id-ref"), p.take("name"), p.take("value")));
                    warnRest(p, c);
                }
                case "rule" -> {
                    if (rule != null) {
                        warnings.add(where(c) + "a second <rule> in <" + e.name() + " id=\"" + id
                                + "\"> is not supported and was dropped");
                    } else {
                        rule = rule(c);
                    }
                }
                default -> dropped(c, e);
            }
        }
        return new NvSet(id, idRef, score, rule, pairs);
    }

    private Rule rule(XmlElement e) {
        Attrs a = attrs(e);
        List<RuleCondition> conditions = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "rule" -> conditions.add(rule(c));
                case "expression" -> {
                    Attrs x = attrs(c);
                    conditions.add(new Expression(x.take("id"), x.take("attribute"), x.take("operation"),
                            x.take("value"), x.take("type"), x.rest()));
                }
                case "date_expression" -> conditions.add(dateExpression(c));
                default -> {
                    attrs(c);
                    conditions.add(new OpaqueCondition(c));
                }
            }
        }
        return new Rule(a.take("id"), a.take("id-ref"), a.take("score"), a.take("score-attribute"), a.take("role"),
                a.take("boolean-op"), a.rest(), conditions);
    }

    private DateExpression dateExpression(XmlElement e) {
        Attrs a = attrs(e);
        DateSpec spec = null;
        DateSpec duration = null;
        for (XmlElement c : e.children()) {
            Attrs f = attrs(c);
            switch (c.name()) {
                case "date_spec" -> spec = new DateSpec(f.take("id"), f.rest());
                case "duration" -> duration = new DateSpec(f.take("id"), f.rest());
                default -> dropped(c, e);
            }
        }
        return new DateExpression(a.take("id"), a.take("operation"), a.take("start"), a.take("end"), a.rest(), spec,
                duration);
    }

    private Resource resource(XmlElement e) {
        return switch (e.name()) {
            case "primitive" -> primitive(e);
            case "template" -> new ResourceTemplate(primitive(e));
            case "group" -> group(e);
            case "clone", "master" -> clone(e);
            default -> {
                attrs(e);
                yield new OpaqueResource(e);
            }
        };
    }

    Primitive primitive(XmlElement e) {
        Attrs a = attrs(e);
        List<NvSet> inst = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        List<NvSet> util = new ArrayList<>();
        Operations ops = Operations.NONE;
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "instance_attributes" -> inst.add(nvSet(c));
                case "meta_attributes" -> meta.add(nvSet(c));
                case "utilization" -> util.add(nvSet(c));
                case "operations" -> ops = operations(c);
                default -> dropped(c, e);
            }
        }
        return new Primitive(a.take("id"), a.take("class"), a.take("provider"), a.take("type"), a.take("template"),
                a.rest(), inst, meta, util, ops);
    }

    private Operations operations(XmlElement e) {
        Attrs a = attrs(e);
        List<Op> ops = new ArrayList<>();
        for (XmlElement c : e.children()) {
            if (c.name().equals("op")) {
                Attrs o = attrs(c);
                List<NvSet> inst = new ArrayList<>();
                List<NvSet> meta = new ArrayList<>();
                for (XmlElement s : c.children()) {
                    switch (s.name()) {
                        case "instance_attributes" -> inst.add(nvSet(s));
                        case "meta_attributes" -> meta.add(nvSet(s));
                        default -> dropped(s, c);
                    }
                }
                ops.add(new Op(o.take("id"), o.take("name"), o.take("interval"), o.rest(), inst, meta));
            } else {
                dropped(c, e);
            }
        }
        String id = a.take("id");
        String idRef = a.take("id-ref");
        warnRest(a, e);
        return new Operations(id, idRef, ops);
    }

    private Group group(XmlElement e) {
        Attrs a = attrs(e);
        List<NvSet> inst = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        List<Resource> children = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "instance_attributes" -> inst.add(nvSet(c));
                case "meta_attributes" -> meta.add(nvSet(c));
                case "primitive", "group", "clone", "master", "template", "bundle" -> children.add(resource(c));
                default -> dropped(c, e);
            }
        }
        return new Group(a.take("id"), a.rest(), inst, meta, children);
    }

    private Clone clone(XmlElement e) {
        Attrs a = attrs(e);
        List<NvSet> inst = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        Resource child = null;
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "instance_attributes" -> inst.add(nvSet(c));
                case "meta_attributes" -> meta.add(nvSet(c));
                case "primitive", "group", "clone", "master", "template", "bundle" -> {
                    if (child == null) {
                        child = resource(c);
                    } else {
                        warnings.add(where(c) + "<" + e.name() + " id=\"" + a.peek("id")
                                + "\"> may hold one resource; <" + c.name() + " id=\"" + c.id() + "\"> was dropped");
                    }
                }
                default -> dropped(c, e);
            }
        }
        return new Clone(a.take("id"), e.name().equals("master"), a.rest(), inst, meta, child);
    }

    private Constraint constraint(XmlElement e) {
        return switch (e.name()) {
            case "rsc_location" -> location(e);
            case "rsc_colocation" -> colocation(e);
            case "rsc_order" -> order(e);
            default -> {
                attrs(e);
                yield new OpaqueConstraint(e);
            }
        };
    }

    private LocationConstraint location(XmlElement e) {
        Attrs a = attrs(e);
        List<ResourceSet> sets = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "resource_set" -> sets.add(resourceSet(c));
                case "rule" -> rules.add(rule(c));
                default -> dropped(c, e);
            }
        }
        return new LocationConstraint(a.take("id"), a.take("rsc"), a.take("rsc-pattern"), a.take("node"),
                a.take("score"), a.take("role"), a.take("resource-discovery"), a.rest(), sets, rules);
    }

    private ColocationConstraint colocation(XmlElement e) {
        Attrs a = attrs(e);
        List<ResourceSet> sets = resourceSets(e);
        return new ColocationConstraint(a.take("id"), a.take("rsc"), a.take("with-rsc"), a.take("score"),
                a.take("rsc-role"), a.take("with-rsc-role"), a.take("node-attribute"), a.rest(), sets);
    }

    private OrderConstraint order(XmlElement e) {
        Attrs a = attrs(e);
        List<ResourceSet> sets = resourceSets(e);
        return new OrderConstraint(a.take("id"), a.take("first"), a.take("then"), a.take("first-action"),
                a.take("then-action"), a.take("kind"), a.take("score"), a.take("symmetrical"), a.rest(), sets);
    }

    private List<ResourceSet> resourceSets(XmlElement e) {
        List<ResourceSet> sets = new ArrayList<>();
        for (XmlElement c : e.children()) {
            if (c.name().equals("resource_set")) {
                sets.add(resourceSet(c));
            } else {
                dropped(c, e);
            }
        }
        return sets;
    }

    private ResourceSet resourceSet(XmlElement e) {
        Attrs a = attrs(e);
        List<String> refs = new ArrayList<>();
        for (XmlElement c : e.children()) {
            if (c.name().equals("resource_ref")) {
                refs.add(c.id());
            } else {
                dropped(c, e);
            }
        }
        return new ResourceSet(a.take("id"), a.take("id-ref"), a.rest(), refs);
    }

    private Status status(XmlElement e) {
        List<NodeState> states = new ArrayList<>();
        List<XmlElement> extras = new ArrayList<>();
        for (XmlElement c : e.children()) {
            if (c.name().equals("node_state")) {
                states.add(nodeState(c));
            } else {
                extras.add(c);
            }
        }
        return new Status(states, extras);
    }

    private NodeState nodeState(XmlElement e) {
        Attrs a = attrs(e);
        TransientAttributes transients = null;
        Lrm lrm = null;
        List<XmlElement> extras = new ArrayList<>();
        for (XmlElement c : e.children()) {
            switch (c.name()) {
                case "transient_attributes" -> {
                    List<NvSet> sets = new ArrayList<>();
                    c.children().forEach(s -> nvSetInto(s, c, "instance_attributes", sets));
                    transients = new TransientAttributes(c.id(), sets);
                }
                case "lrm" -> lrm = lrm(c);
                default -> extras.add(c);
            }
        }
        return new NodeState(a.take("id"), a.take("uname"), a.take("in_ccm"), a.take("crmd"), a.take("join"),
                a.take("expected"), a.rest(), transients, lrm, extras);
    }

    private Lrm lrm(XmlElement e) {
        Attrs a = attrs(e);
        String resourcesId = null;
        List<LrmResource> resources = new ArrayList<>();
        for (XmlElement c : e.children()) {
            if (c.name().equals("lrm_resources")) {
                resourcesId = c.id();
                for (XmlElement r : c.children()) {
                    if (r.name().equals("lrm_resource")) {
                        resources.add(lrmResource(r));
                    } else {
                        dropped(r, c);
                    }
                }
            } else {
                dropped(c, e);
            }
        }
        return new Lrm(a.take("id"), a.rest(), resourcesId, resources);
    }

    private LrmResource lrmResource(XmlElement e) {
        Attrs a = attrs(e);
        List<LrmRscOp> ops = new ArrayList<>();
        for (XmlElement c : e.children()) {
            if (c.name().equals("lrm_rsc_op")) {
                Attrs o = attrs(c);
                ops.add(new LrmRscOp(o.take("id"), o.take("operation"), o.take("interval"), o.take("call-id"),
                        o.take("rc-code"), o.take("op-status"), o.take("last-rc-change"), o.take("exec-time"),
                        o.take("transition-key"), o.take("transition-magic"), o.take("on_node"),
                        o.take("exit-reason"), o.rest()));
            } else {
                dropped(c, e);
            }
        }
        return new LrmResource(a.take("id"), a.take("class"), a.take("provider"), a.take("type"), a.rest(), ops);
    }

    private Attrs attrs(XmlElement e) {
        String id = e.id();
        if (id != null) {
            idLines.putIfAbsent(id, line(e));
        }
        return new Attrs(e.attributes());
    }

    private void warnRest(Attrs a, XmlElement e) {
        for (String k : a.rest().keySet()) {
            warnings.add(where(e) + "attribute " + k + " of <" + e.name() + "> is not supported and was dropped");
        }
    }

    private void dropped(XmlElement child, XmlElement parent) {
        String pid = parent.id() == null ? "" : " id=\"" + parent.id() + "\"";
        warnings.add(where(child) + "<" + child.name() + "> inside <" + parent.name() + pid
                + "> is not understood and was dropped");
    }

    private String where(XmlElement e) {
        int l = line(e);
        return l > 0 ? source + ":" + l + ": " : source + ": ";
    }

    private int line(XmlElement e) {
        Integer l = lines.get(e);
        return l == null ? 0 : l;
    }

    /** Takes the attributes an element type understands; what remains is kept as "other". */
    private static final class Attrs {
        private final Map<String, String> rest;

        Attrs(Map<String, String> all) {
            this.rest = new LinkedHashMap<>(all);
        }

        String take(String key) {
            return rest.remove(key);
        }

        String peek(String key) {
            return rest.get(key);
        }

        Map<String, String> rest() {
            return rest;
        }
    }
}
