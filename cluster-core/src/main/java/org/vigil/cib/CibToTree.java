package org.vigil.cib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the CIB model back onto an XML tree in Pacemaker's schema. */
final class CibToTree {
    private CibToTree() {}

    static XmlElement cib(Cib cib) {
        return el("cib", cib.attributes(), List.of(configuration(cib.configuration()), status(cib.status())));
    }

    static XmlElement configuration(Configuration c) {
        List<XmlElement> kids = new ArrayList<>();
        kids.add(el("crm_config", Map.of(), nvSets("cluster_property_set", c.clusterProperties())));
        kids.add(el("nodes", Map.of(), c.nodes().stream().map(CibToTree::node).toList()));
        kids.add(el("resources", Map.of(), c.resources().stream().map(CibToTree::resource).toList()));
        kids.add(el("constraints", Map.of(), c.constraints().stream().map(CibToTree::constraint).toList()));
        if (!c.rscDefaults().isEmpty()) {
            kids.add(el("rsc_defaults", Map.of(), nvSets("meta_attributes", c.rscDefaults())));
        }
        if (!c.opDefaults().isEmpty()) {
            kids.add(el("op_defaults", Map.of(), nvSets("meta_attributes", c.opDefaults())));
        }
        kids.addAll(c.extras());
        return el("configuration", Map.of(), kids);
    }

    private static XmlElement node(Node n) {
        Map<String, String> a = attrs("id", n.id(), "uname", n.uname(), "type", n.type());
        a.putAll(n.otherAttributes());
        List<XmlElement> kids = new ArrayList<>(nvSets("instance_attributes", n.instanceAttributes()));
        kids.addAll(nvSets("utilization", n.utilization()));
        return el("node", a, kids);
    }

    static List<XmlElement> nvSets(String name, List<NvSet> sets) {
        return sets.stream().map(s -> nvSet(name, s)).toList();
    }

    static XmlElement nvSet(String name, NvSet s) {
        List<XmlElement> kids = new ArrayList<>();
        if (s.rule() != null) {
            kids.add(rule(s.rule()));
        }
        for (NvPair p : s.pairs()) {
            kids.add(el("nvpair", attrs("id", p.id(), "id-ref", p.idRef(), "name", p.name(), "value", p.value()),
                    List.of()));
        }
        return el(name, attrs("id", s.id(), "id-ref", s.idRef(), "score", s.score()), kids);
    }

    static XmlElement rule(Rule r) {
        Map<String, String> a = attrs("id", r.id(), "id-ref", r.idRef(), "score", r.score(), "score-attribute",
                r.scoreAttribute(), "role", r.role(), "boolean-op", r.booleanOp());
        a.putAll(r.otherAttributes());
        return el("rule", a, r.conditions().stream().map(CibToTree::condition).toList());
    }

    private static XmlElement condition(RuleCondition c) {
        if (c instanceof Rule r) {
            return rule(r);
        }
        if (c instanceof Expression x) {
            Map<String, String> a = attrs("id", x.id(), "attribute", x.attribute(), "operation", x.operation(),
                    "value", x.value(), "type", x.type());
            a.putAll(x.otherAttributes());
            return el("expression", a, List.of());
        }
        if (c instanceof DateExpression d) {
            Map<String, String> a = attrs("id", d.id(), "operation", d.operation(), "start", d.start(), "end",
                    d.end());
            a.putAll(d.otherAttributes());
            List<XmlElement> kids = new ArrayList<>();
            if (d.dateSpec() != null) {
                kids.add(dateSpec("date_spec", d.dateSpec()));
            }
            if (d.duration() != null) {
                kids.add(dateSpec("duration", d.duration()));
            }
            return el("date_expression", a, kids);
        }
        return ((OpaqueCondition) c).element();
    }

    private static XmlElement dateSpec(String name, DateSpec s) {
        Map<String, String> a = attrs("id", s.id());
        a.putAll(s.fields());
        return el(name, a, List.of());
    }

    static XmlElement resource(Resource r) {
        if (r instanceof Primitive p) {
            return primitive("primitive", p);
        }
        if (r instanceof ResourceTemplate t) {
            return primitive("template", t.definition());
        }
        if (r instanceof Group g) {
            Map<String, String> a = attrs("id", g.id());
            a.putAll(g.otherAttributes());
            List<XmlElement> kids = new ArrayList<>(nvSets("meta_attributes", g.metaAttributes()));
            kids.addAll(nvSets("instance_attributes", g.instanceAttributes()));
            g.children().forEach(c -> kids.add(resource(c)));
            return el("group", a, kids);
        }
        if (r instanceof Clone c) {
            Map<String, String> a = attrs("id", c.id());
            a.putAll(c.otherAttributes());
            List<XmlElement> kids = new ArrayList<>(nvSets("meta_attributes", c.metaAttributes()));
            kids.addAll(nvSets("instance_attributes", c.instanceAttributes()));
            if (c.child() != null) {
                kids.add(resource(c.child()));
            }
            return el(c.legacyMaster() ? "master" : "clone", a, kids);
        }
        return ((OpaqueResource) r).element();
    }

    private static XmlElement primitive(String name, Primitive p) {
        Map<String, String> a = attrs("id", p.id(), "class", p.resourceClass(), "provider", p.provider(), "type",
                p.type(), "template", p.template());
        a.putAll(p.otherAttributes());
        List<XmlElement> kids = new ArrayList<>(nvSets("instance_attributes", p.instanceAttributes()));
        kids.addAll(nvSets("meta_attributes", p.metaAttributes()));
        kids.addAll(nvSets("utilization", p.utilization()));
        if (!p.operations().isEmpty()) {
            kids.add(operations(p.operations()));
        }
        return el(name, a, kids);
    }

    private static XmlElement operations(Operations ops) {
        List<XmlElement> kids = new ArrayList<>();
        for (Op o : ops.ops()) {
            Map<String, String> a = attrs("id", o.id(), "name", o.name(), "interval", o.interval());
            a.putAll(o.otherAttributes());
            List<XmlElement> sets = new ArrayList<>(nvSets("instance_attributes", o.instanceAttributes()));
            sets.addAll(nvSets("meta_attributes", o.metaAttributes()));
            kids.add(el("op", a, sets));
        }
        return el("operations", attrs("id", ops.id(), "id-ref", ops.idRef()), kids);
    }

    static XmlElement constraint(Constraint c) {
        if (c instanceof LocationConstraint l) {
            Map<String, String> a = attrs("id", l.id(), "rsc", l.rsc(), "rsc-pattern", l.rscPattern(), "node",
                    l.node(), "score", l.score(), "role", l.role(), "resource-discovery", l.resourceDiscovery());
            a.putAll(l.otherAttributes());
            List<XmlElement> kids = new ArrayList<>(l.sets().stream().map(CibToTree::resourceSet).toList());
            l.rules().forEach(r -> kids.add(rule(r)));
            return el("rsc_location", a, kids);
        }
        if (c instanceof ColocationConstraint k) {
            Map<String, String> a = attrs("id", k.id(), "rsc", k.rsc(), "with-rsc", k.withRsc(), "score", k.score(),
                    "rsc-role", k.rscRole(), "with-rsc-role", k.withRscRole(), "node-attribute", k.nodeAttribute());
            a.putAll(k.otherAttributes());
            return el("rsc_colocation", a, k.sets().stream().map(CibToTree::resourceSet).toList());
        }
        if (c instanceof OrderConstraint o) {
            Map<String, String> a = attrs("id", o.id(), "first", o.first(), "then", o.then(), "first-action",
                    o.firstAction(), "then-action", o.thenAction(), "kind", o.kind(), "score", o.score(),
                    "symmetrical", o.symmetrical());
            a.putAll(o.otherAttributes());
            return el("rsc_order", a, o.sets().stream().map(CibToTree::resourceSet).toList());
        }
        return ((OpaqueConstraint) c).element();
    }

    private static XmlElement resourceSet(ResourceSet s) {
        Map<String, String> a = attrs("id", s.id(), "id-ref", s.idRef());
        a.putAll(s.otherAttributes());
        return el("resource_set", a,
                s.resources().stream().map(r -> el("resource_ref", attrs("id", r), List.of())).toList());
    }

    static XmlElement status(Status s) {
        List<XmlElement> kids = new ArrayList<>(s.nodeStates().stream().map(CibToTree::nodeState).toList());
        kids.addAll(s.extras());
        return el("status", Map.of(), kids);
    }

    static XmlElement nodeState(NodeState n) {
        Map<String, String> a = attrs("id", n.id(), "uname", n.uname(), "in_ccm", n.inCcm(), "crmd", n.crmd(),
                "join", n.join(), "expected", n.expected());
        a.putAll(n.otherAttributes());
        List<XmlElement> kids = new ArrayList<>();
        if (n.transientAttributes() != null) {
            kids.add(el("transient_attributes", attrs("id", n.transientAttributes().id()),
                    nvSets("instance_attributes", n.transientAttributes().sets())));
        }
        if (n.lrm() != null) {
            kids.add(lrm(n.lrm()));
        }
        kids.addAll(n.extras());
        return el("node_state", a, kids);
    }

    private static XmlElement lrm(Lrm lrm) {
        Map<String, String> a = attrs("id", lrm.id());
        a.putAll(lrm.otherAttributes());
        List<XmlElement> resources = new ArrayList<>();
        for (LrmResource r : lrm.resources()) {
            Map<String, String> ra = attrs("id", r.id(), "class", r.resourceClass(), "provider", r.provider(),
                    "type", r.type());
            ra.putAll(r.otherAttributes());
            resources.add(el("lrm_resource", ra, r.ops().stream().map(CibToTree::lrmRscOp).toList()));
        }
        return el("lrm", a, List.of(el("lrm_resources", attrs("id", lrm.resourcesId()), resources)));
    }

    static XmlElement lrmRscOp(LrmRscOp o) {
        Map<String, String> a = attrs("id", o.id(), "operation", o.operation(), "interval", o.interval(),
                "call-id", o.callId(), "rc-code", o.rcCode(), "op-status", o.opStatus(), "last-rc-change",
                o.lastRcChange(), "exec-time", o.execTime(), "transition-key", o.transitionKey(),
                "transition-magic", o.transitionMagic(), "on_node", o.onNode(), "exit-reason", o.exitReason());
        a.putAll(o.otherAttributes());
        return el("lrm_rsc_op", a, List.of());
    }

    private static XmlElement el(String name, Map<String, String> attrs, List<XmlElement> kids) {
        return new XmlElement(name, attrs, kids, null);
    }

    /** Name/value pairs, skipping null values. */
    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
