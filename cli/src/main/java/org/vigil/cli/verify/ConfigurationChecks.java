package org.vigil.cli.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Clone;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Op;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Resources;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;
import org.vigil.cib.Score;
import org.vigil.cib.XmlElement;
import org.vigil.cli.Suggestions;

/**
 * Structural validation of a configuration: what Pacemaker would refuse or silently ignore (duplicate ids,
 * references to missing resources, bad scores, roles, actions, intervals). Errors block a change; warnings
 * are reported by {@code crm verify}. This is the cli's own check until the core validator is merged.
 */
public final class ConfigurationChecks {
    static final List<String> ROLES = List.of("Stopped", "Started", "Slave", "Master", "Unpromoted", "Promoted");
    static final List<String> ORDER_ACTIONS = List.of("start", "stop", "promote", "demote");
    static final List<String> CLASSES = List.of("ocf", "stonith", "lsb", "systemd", "service", "upstart",
            "nagios", "heartbeat");
    /** Pacemaker's interval/timeout syntax: a number with an optional unit, or an ISO 8601 duration. */
    private static final Pattern TIME = Pattern.compile(
            "(?i)\\s*[0-9]+\\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\\s*|P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?"
                    + "(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?");

    private ConfigurationChecks() {}

    public static List<Finding> check(Cib cib) {
        List<Finding> out = new ArrayList<>();
        Configuration c = cib.configuration();
        duplicateIds(c, out);
        Map<String, Resource> byId = new HashMap<>();
        for (Resource r : Resources.flatten(c.resources())) {
            byId.putIfAbsent(r.id(), r);
        }
        for (Resource r : Resources.flatten(c.resources())) {
            resource(r, byId, out);
        }
        for (Constraint k : c.constraints()) {
            constraint(k, byId, out);
        }
        return out;
    }

    private static void duplicateIds(Configuration c, List<Finding> out) {
        XmlElement tree = CibXml.toTree(Cib.empty().withConfiguration(c)).child("configuration").orElseThrow();
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        walk(tree, e -> {
            String id = e.id();
            if (id != null && !e.name().equals("resource_ref") && !e.name().equals("obj_ref")
                    && !seen.add(id) && reported.add(id)) {
                out.add(Finding.error(id, "id '" + id + "' is used by more than one element (ids must be unique)"));
            }
        });
    }

    private interface Visitor {
        void visit(XmlElement e);
    }

    private static void walk(XmlElement e, Visitor v) {
        v.visit(e);
        for (XmlElement c : e.children()) {
            walk(c, v);
        }
    }

    private static void resource(Resource r, Map<String, Resource> byId, List<Finding> out) {
        if (r instanceof Primitive p) {
            primitive(p, byId, out);
        } else if (r instanceof ResourceTemplate t) {
            primitive(t.definition(), byId, out);
        } else if (r instanceof Group g) {
            if (g.children().isEmpty()) {
                out.add(Finding.error(g.id(), "group has no members"));
            }
            for (Resource m : g.children()) {
                if (!(m instanceof Primitive)) {
                    out.add(Finding.error(g.id(), "group member " + m.id() + " is not a primitive"));
                }
            }
        } else if (r instanceof Clone k) {
            if (k.child() == null) {
                out.add(Finding.error(k.id(), "clone has no resource to clone"));
            } else if (k.child() instanceof Clone) {
                out.add(Finding.error(k.id(), "a clone cannot contain another clone (" + k.child().id() + ")"));
            }
        }
    }

    private static void primitive(Primitive p, Map<String, Resource> byId, List<Finding> out) {
        if (p.template() != null) {
            Resource t = byId.get(p.template());
            if (!(t instanceof ResourceTemplate)) {
                out.add(Finding.error(p.id(), "template " + p.template() + " does not exist"));
            }
        } else {
            if (p.resourceClass() == null || p.type() == null) {
                out.add(Finding.error(p.id(), "no agent (class and type are required)"));
            } else if (!CLASSES.contains(p.resourceClass())) {
                out.add(Finding.error(p.id(), "unknown resource class '" + p.resourceClass() + "'"
                        + Suggestions.hint(p.resourceClass(), CLASSES)));
            } else if (p.resourceClass().equals("ocf") && p.provider() == null) {
                out.add(Finding.error(p.id(), "ocf agent " + p.type() + " needs a provider"));
            }
        }
        for (Op o : p.operations().ops()) {
            if (o.name() == null || o.name().isEmpty()) {
                out.add(Finding.error(p.id(), "an op has no name"));
                continue;
            }
            if (o.interval() == null) {
                out.add(Finding.error(p.id(), "op " + o.name() + " has no interval"));
            } else if (!TIME.matcher(o.interval()).matches()) {
                out.add(Finding.error(p.id(), "op " + o.name() + ": interval '" + o.interval()
                        + "' is not a time (e.g. 30s, 10, 5min, PT1M)"));
            }
            String timeout = o.attribute("timeout");
            if (timeout != null && !TIME.matcher(timeout).matches()) {
                out.add(Finding.error(p.id(), "op " + o.name() + ": timeout '" + timeout
                        + "' is not a time (e.g. 90s, 240, 10min)"));
            }
            String role = o.attribute("role");
            if (role != null) {
                role(p.id(), "op " + o.name() + " role", role, out);
            }
        }
        for (NvSet s : p.metaAttributes()) {
            for (NvPair pair : s.pairs()) {
                if ("target-role".equals(pair.name()) && pair.value() != null) {
                    role(p.id(), "target-role", pair.value(), out);
                }
            }
        }
    }

    private static void role(String id, String what, String role, List<Finding> out) {
        if (ROLES.contains(role)) {
            return;
        }
        String fixed = ROLES.stream().filter(r -> r.equalsIgnoreCase(role)).findFirst().orElse(null);
        if (fixed != null && what.equals("target-role")) {
            return; // Pacemaker compares target-role case-insensitively
        }
        out.add(Finding.error(id, what + " '" + role + "' is not a role (expected one of "
                + String.join(", ", ROLES) + ")" + (fixed != null ? " (did you mean " + fixed + "?)"
                        : Suggestions.hint(role, ROLES))));
    }

    private static void reference(String cid, String rsc, Map<String, Resource> byId, List<Finding> out) {
        if (rsc != null && !byId.containsKey(rsc)) {
            out.add(Finding.error(cid, "refers to resource " + rsc + ", which does not exist"
                    + Suggestions.hint(rsc, byId.keySet())));
        }
    }

    private static void score(String cid, String what, String score, List<Finding> out) {
        if (score != null && Score.parse(score).isEmpty()) {
            out.add(Finding.error(cid, what + " '" + score + "' is not a score (a number, INFINITY or -INFINITY)"));
        }
    }

    private static void sets(String cid, List<ResourceSet> sets, Map<String, Resource> byId, List<Finding> out) {
        for (ResourceSet s : sets) {
            for (String r : s.resources()) {
                reference(cid, r, byId, out);
            }
            if (s.attribute("role") != null) {
                role(cid, "set role", s.attribute("role"), out);
            }
            if (s.attribute("action") != null && !ORDER_ACTIONS.contains(s.attribute("action"))) {
                out.add(Finding.error(cid, "set action '" + s.attribute("action") + "' is not one of "
                        + String.join(", ", ORDER_ACTIONS) + Suggestions.hint(s.attribute("action"), ORDER_ACTIONS)));
            }
        }
    }

    private static void constraint(Constraint k, Map<String, Resource> byId, List<Finding> out) {
        if (k instanceof LocationConstraint l) {
            reference(l.id(), l.rsc(), byId, out);
            sets(l.id(), l.sets(), byId, out);
            if (l.rsc() == null && l.rscPattern() == null && l.sets().isEmpty()) {
                out.add(Finding.error(l.id(), "location names no resource"));
            }
            if (l.rules().isEmpty()) {
                if (l.node() == null) {
                    out.add(Finding.error(l.id(), "location has neither a node nor rules"));
                }
                if (l.score() == null) {
                    out.add(Finding.error(l.id(), "location has no score"));
                }
            }
            score(l.id(), "score", l.score(), out);
            if (l.role() != null) {
                role(l.id(), "role", l.role(), out);
            }
            for (Rule r : l.rules()) {
                rule(l.id(), r, out);
            }
        } else if (k instanceof ColocationConstraint c) {
            reference(c.id(), c.rsc(), byId, out);
            reference(c.id(), c.withRsc(), byId, out);
            sets(c.id(), c.sets(), byId, out);
            if (c.score() == null) {
                out.add(Finding.error(c.id(), "colocation has no score"));
            }
            score(c.id(), "score", c.score(), out);
            if (c.rscRole() != null) {
                role(c.id(), "role", c.rscRole(), out);
            }
            if (c.withRscRole() != null) {
                role(c.id(), "role", c.withRscRole(), out);
            }
            if (c.sets().isEmpty() && (c.rsc() == null || c.withRsc() == null)) {
                out.add(Finding.error(c.id(), "colocation needs two resources or resource sets"));
            }
        } else if (k instanceof OrderConstraint o) {
            reference(o.id(), o.first(), byId, out);
            reference(o.id(), o.then(), byId, out);
            sets(o.id(), o.sets(), byId, out);
            for (String a : new String[] {o.firstAction(), o.thenAction()}) {
                if (a != null && !ORDER_ACTIONS.contains(a)) {
                    out.add(Finding.error(o.id(), "action '" + a + "' is not one of "
                            + String.join(", ", ORDER_ACTIONS) + Suggestions.hint(a, ORDER_ACTIONS)));
                }
            }
            if (o.kind() != null && !List.of("Mandatory", "Optional", "Serialize").contains(o.kind())) {
                out.add(Finding.error(o.id(), "kind '" + o.kind() + "' is not Mandatory, Optional or Serialize"));
            }
            score(o.id(), "score", o.score(), out);
            if (o.sets().isEmpty() && (o.first() == null || o.then() == null)) {
                out.add(Finding.error(o.id(), "order needs two resources or resource sets"));
            }
        } else if (k instanceof OpaqueConstraint t) {
            reference(t.id(), t.element().attribute("rsc"), byId, out);
        }
    }

    private static void rule(String cid, Rule r, List<Finding> out) {
        score(cid, "rule score", r.score(), out);
        if (r.role() != null) {
            role(cid, "rule role", r.role(), out);
        }
        if (r.booleanOp() != null && !List.of("and", "or").contains(r.booleanOp().toLowerCase(Locale.ROOT))) {
            out.add(Finding.error(cid, "boolean-op '" + r.booleanOp() + "' is not and/or"));
        }
        for (RuleCondition c : r.conditions()) {
            if (c instanceof Rule nested) {
                rule(cid, nested, out);
            }
        }
    }
}
