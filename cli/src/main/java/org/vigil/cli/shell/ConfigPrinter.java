package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Clone;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.DateExpression;
import org.vigil.cib.Expression;
import org.vigil.cib.Group;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.Node;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Op;
import org.vigil.cib.OpaqueConstraint;
import org.vigil.cib.OpaqueResource;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resource;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.ResourceTemplate;
import org.vigil.cib.Resources;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;
import org.vigil.cib.XmlElement;

/**
 * Prints a configuration in crmsh's canonical configure language: nodes, primitives, groups, clones,
 * constraints (in document order), properties and defaults, then the sections kept as XML. Parsing the
 * output gives the same model back; what the language cannot say is printed as {@code xml <...>}.
 */
public final class ConfigPrinter {
    private static final String CONT = " \\\n\t";

    /** One printed object. */
    public record Printed(String id, String kind, String text) {}

    private ConfigPrinter() {}

    public static String print(Configuration c) {
        StringBuilder sb = new StringBuilder();
        for (Printed p : objects(c)) {
            sb.append(p.text()).append('\n');
        }
        return sb.toString();
    }

    /** Every object in print order. */
    public static List<Printed> objects(Configuration c) {
        List<Printed> out = new ArrayList<>();
        for (Node n : c.nodes()) {
            out.add(guard(n.uname(), "node", () -> node(n), () -> nodeXml(n)));
        }
        List<Resource> all = Resources.flatten(c.resources());
        for (Resource r : all) {
            if (r instanceof Primitive p) {
                out.add(guard(p.id(), "primitive", () -> primitive("primitive", p), () -> resourceXml(r)));
            } else if (r instanceof ResourceTemplate t) {
                out.add(guard(t.id(), "rsc_template", () -> primitive("rsc_template", t.definition()),
                        () -> resourceXml(r)));
            } else if (r instanceof OpaqueResource o) {
                out.add(new Printed(o.id(), "xml", "xml " + XmlStatements.oneLine(o.element())));
            } else if (r instanceof Group g && !printableGroup(g)) {
                out.add(new Printed(g.id(), "xml", "xml " + XmlStatements.oneLine(CibXml.toTree(g))));
            }
        }
        for (Resource r : all) {
            if (r instanceof Group g && printableGroup(g) && !insideUnprintable(c, g)) {
                out.add(guard(g.id(), "group", () -> group(g), () -> resourceXml(g)));
            }
        }
        for (Resource r : all) {
            if (r instanceof Clone k && !insideUnprintable(c, k)) {
                out.add(guard(k.id(), k.legacyMaster() ? "ms" : "clone", () -> clone(k), () -> resourceXml(k)));
            }
        }
        for (Constraint k : c.constraints()) {
            out.add(guard(k.id(), kind(k), () -> constraint(k), () -> "xml "
                    + XmlStatements.oneLine(CibXml.toTree(k))));
        }
        for (NvSet s : c.clusterProperties()) {
            out.add(guard(s.id(), "property", () -> nvSetStatement("property", s),
                    () -> setXml("crm_config", "cluster_property_set", s)));
        }
        for (NvSet s : c.rscDefaults()) {
            out.add(guard(s.id(), "rsc_defaults", () -> nvSetStatement("rsc_defaults", s),
                    () -> setXml("rsc_defaults", "meta_attributes", s)));
        }
        for (NvSet s : c.opDefaults()) {
            out.add(guard(s.id(), "op_defaults", () -> nvSetStatement("op_defaults", s),
                    () -> setXml("op_defaults", "meta_attributes", s)));
        }
        for (XmlElement e : c.extras()) {
            if (e.name().equals(ExtraStatements.FENCING_TOPOLOGY)) {
                out.add(guard("fencing-topology", "fencing_topology", () -> fencing(e, c.nodes()),
                        () -> "xml " + XmlStatements.oneLine(e)));
            } else if (e.name().equals(AclStatements.ACLS) || e.name().equals(AlertStatements.ALERTS)) {
                for (XmlElement t : e.children()) {
                    out.add(guard(t.id() == null ? t.name() : t.id(), t.name().equals("acl_role") ? "role"
                            : t.name(), () -> AclAlertPrinter.print(t), () -> "xml " + XmlStatements.oneLine(
                                    new XmlElement(e.name(), Map.of(), List.of(t)))));
                }
            } else if (e.name().equals(ExtraStatements.TAGS)) {
                for (XmlElement t : e.children()) {
                    out.add(guard(t.id(), "tag", () -> tag(t), () -> "xml " + XmlStatements.oneLine(
                            new XmlElement(ExtraStatements.TAGS, Map.of(), List.of(t)))));
                }
            } else {
                out.add(new Printed(e.id() == null ? e.name() : e.id(), "xml", "xml " + XmlStatements.oneLine(e)));
            }
        }
        return out;
    }

    private static String kind(Constraint k) {
        if (k instanceof LocationConstraint) {
            return "location";
        }
        if (k instanceof ColocationConstraint) {
            return "colocation";
        }
        if (k instanceof OrderConstraint) {
            return "order";
        }
        return ((OpaqueConstraint) k).element().name();
    }

    /** Thrown while printing when the language cannot express a detail; the object is then printed as XML. */
    static final class Unprintable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unprintable(String why) {
            super(why, null, false, false);
        }
    }

    private interface Text {
        String get();
    }

    private static Printed guard(String id, String kind, Text text, Text xml) {
        try {
            return new Printed(id, kind, text.get());
        } catch (Unprintable e) {
            return new Printed(id, "xml", xml.get());
        }
    }

    // ---- values ------------------------------------------------------------------------------------

    /** A value as a word: bare when safe, else double-quoted with backslash escapes. */
    public static String quote(String v) {
        if (v == null) {
            throw new Unprintable("null value");
        }
        if (!v.isEmpty() && v.chars().allMatch(ConfigPrinter::safe) && !isBracketish(v)) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    private static boolean isBracketish(String v) {
        char a = v.charAt(0);
        char z = v.charAt(v.length() - 1);
        return "([{".indexOf(a) >= 0 || ")]}".indexOf(z) >= 0;
    }

    private static boolean safe(int ch) {
        return Character.isLetterOrDigit(ch) || "_-.:/@%+,~^=*!?<>|$#".indexOf(ch) >= 0;
    }

    private static String pairText(String name, String value) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(ConfigPrinter::safe) || name.contains("=")
                || name.startsWith("$")) {
            throw new Unprintable("name " + name);
        }
        return name + "=" + quote(value);
    }

    /** Scores as crmsh writes them: inf and -inf. */
    public static String score(String raw) {
        if (raw == null) {
            throw new Unprintable("missing score");
        }
        return switch (raw.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "INFINITY", "+INFINITY" -> "inf";
            case "-INFINITY" -> "-inf";
            default -> raw.trim();
        };
    }

    /** {@code KEYWORD [$id=X] [S:] [rule ...] a=b ...}, with the id omitted when it is the generated one. */
    static String nvSet(String keyword, NvSet s, String expectedId) {
        StringBuilder sb = new StringBuilder(keyword);
        if (s.idRef() != null) {
            if (s.id() != null) {
                throw new Unprintable("id and id-ref");
            }
            sb.append(" $id-ref=").append(s.idRef());
        } else if (!Objects.equals(s.id(), expectedId) || (s.pairs().isEmpty() && s.rule() == null)) {
            // an empty set is written with its id, which is what lets the parser accept it
            if (s.id() == null) {
                throw new Unprintable("set without id");
            }
            sb.append(" $id=").append(s.id());
        }
        for (String part : setParts(s)) {
            sb.append(' ').append(part);
        }
        return sb.toString();
    }

    /** {@code [S:] [rule ...] pairs}: what follows a set's keyword and id, one word group per element. */
    private static List<String> setParts(NvSet s) {
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        if (s.score() != null) {
            head.append(score(s.score())).append(':');
        }
        String owner = s.id() == null ? s.idRef() : s.id();
        if (s.rule() != null) {
            head.append(head.length() == 0 ? "" : " ").append(rule(s.rule(), Ids.rule(owner, 0)));
        }
        if (head.length() > 0) {
            out.add(head.toString());
        }
        java.util.Set<String> generated = new java.util.HashSet<>();
        for (NvPair p : s.pairs()) {
            if (p.idRef() != null) {
                if (p.id() != null || p.name() != null || p.value() != null) {
                    throw new Unprintable("nvpair id-ref with content");
                }
                out.add("@" + p.idRef());
                continue;
            }
            String expected = p.name() == null ? null : Ids.nvPair(owner, p.name());
            for (int n = 1; expected != null && generated.contains(expected); n++) {
                expected = Ids.nvPair(owner, p.name()) + "-" + n;
            }
            if (p.id() != null && !p.id().equals(expected)) {
                if (p.id().contains(":") || p.id().contains("=") || !p.id().chars().allMatch(ConfigPrinter::safe)) {
                    throw new Unprintable("nvpair id");
                }
                out.add("$" + p.id() + ":" + pairText(p.name(), p.value()));
            } else {
                if (p.id() == null) {
                    throw new Unprintable("nvpair without id");
                }
                generated.add(expected);
                out.add(pairText(p.name(), p.value()));
            }
        }
        return out;
    }

    private static void sets(List<String> parts, String keyword, List<NvSet> sets, String owner, String kind) {
        for (int i = 0; i < sets.size(); i++) {
            parts.add(nvSet(keyword, sets.get(i), Ids.nvSet(owner, kind, i)));
        }
    }

    private static String join(String head, List<String> parts) {
        StringBuilder sb = new StringBuilder(head);
        for (String p : parts) {
            sb.append(CONT).append(p);
        }
        return sb.toString();
    }

    private static String others(Map<String, String> other) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : other.entrySet()) {
            sb.append(' ').append(pairText(e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    // ---- objects -----------------------------------------------------------------------------------

    static String node(Node n) {
        if (n.uname() == null || n.id() == null) {
            throw new Unprintable("node without uname");
        }
        StringBuilder head = new StringBuilder("node ");
        if (!n.id().equals(n.uname())) {
            head.append(n.id()).append(": ");
        }
        head.append(n.uname());
        if (n.type() != null) {
            head.append(':').append(n.type());
        }
        head.append(others(n.otherAttributes()));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n.instanceAttributes().size(); i++) {
            parts.add(nvSet("attributes", n.instanceAttributes().get(i), Ids.nodeAttributes(n.id(), i)));
        }
        for (int i = 0; i < n.utilization().size(); i++) {
            parts.add(nvSet("utilization", n.utilization().get(i), Ids.nodeUtilization(n.id(), i)));
        }
        return join(head.toString(), parts);
    }

    static String primitive(String keyword, Primitive p) {
        StringBuilder head = new StringBuilder(keyword).append(' ').append(p.id()).append(' ');
        if (p.template() != null) {
            if (p.resourceClass() != null || p.type() != null) {
                throw new Unprintable("template and agent");
            }
            head.append('@').append(p.template());
        } else {
            if (p.resourceClass() == null || p.type() == null) {
                throw new Unprintable("no agent");
            }
            head.append(p.agent());
        }
        Map<String, String> other = new LinkedHashMap<>(p.otherAttributes());
        for (String k : other.keySet()) {
            if (!k.equals("description")) {
                throw new Unprintable("primitive attribute " + k);
            }
        }
        head.append(others(other));
        List<String> parts = new ArrayList<>();
        sets(parts, "params", p.instanceAttributes(), p.id(), "instance_attributes");
        sets(parts, "meta", p.metaAttributes(), p.id(), "meta_attributes");
        sets(parts, "utilization", p.utilization(), p.id(), "utilization");
        if (p.operations().id() != null) {
            parts.add("operations $id=" + p.operations().id());
        } else if (p.operations().idRef() != null) {
            parts.add("operations $id-ref=" + p.operations().idRef());
        }
        List<Op> seen = new ArrayList<>();
        for (Op o : p.operations().ops()) {
            parts.add(op(p.operations().id() != null ? p.operations().id() : p.id(), o, seen));
            seen.add(o);
        }
        return join(head.toString(), parts);
    }

    private static String op(String rsc, Op o, List<Op> previous) {
        if (o.name() == null || o.interval() == null) {
            throw new Unprintable("op without name or interval");
        }
        StringBuilder sb = new StringBuilder("op ").append(o.name());
        int n = (int) previous.stream()
                .filter(x -> o.name().equals(x.name()) && o.interval().equals(x.interval())).count();
        String expected = Ids.op(rsc, o.name(), o.interval(), n);
        if (!Objects.equals(o.id(), expected)) {
            if (o.id() == null) {
                throw new Unprintable("op without id");
            }
            sb.append(" $id=").append(o.id());
        }
        sb.append(' ').append(pairText("interval", o.interval()));
        for (Map.Entry<String, String> e : o.otherAttributes().entrySet()) {
            if (!ConfigParser.OP_ATTRIBUTES.contains(e.getKey()) || e.getKey().equals("depth")) {
                throw new Unprintable("op attribute " + e.getKey());
            }
            sb.append(' ').append(pairText(e.getKey(), e.getValue()));
        }
        List<NvSet> params = o.instanceAttributes();
        String firstParams = Ids.nvSet(o.id(), "instance_attributes", 0);
        if (params.size() == 1 && firstParams.equals(params.get(0).id()) && params.get(0).rule() == null
                && params.get(0).score() == null && params.get(0).pairs().size() == 1) {
            NvPair only = params.get(0).pairs().get(0);
            if (ConfigParser.CHECK_LEVEL.equals(only.name())
                    && Ids.nvPair(firstParams, ConfigParser.CHECK_LEVEL).equals(only.id())) {
                sb.append(' ').append(pairText("depth", only.value()));
                params = List.of();
            }
        }
        for (int i = 0; i < params.size(); i++) {
            sb.append(' ').append(nvSet("op_params", params.get(i), Ids.nvSet(o.id(), "instance_attributes", i)));
        }
        for (int i = 0; i < o.metaAttributes().size(); i++) {
            sb.append(' ').append(nvSet("op_meta", o.metaAttributes().get(i),
                    Ids.nvSet(o.id(), "meta_attributes", i)));
        }
        return sb.toString();
    }

    private static boolean printableGroup(Group g) {
        return !g.children().isEmpty() && g.children().stream().allMatch(Primitive.class::isInstance);
    }

    /** True when {@code r} sits inside a group that is printed as XML (and so already includes it). */
    private static boolean insideUnprintable(Configuration c, Resource r) {
        for (Resource top : Resources.flatten(c.resources())) {
            if (top instanceof Group g && !printableGroup(g) && Resources.flatten(List.of(g)).contains(r)
                    && top != r) {
                return true;
            }
        }
        return false;
    }

    static String group(Group g) {
        StringBuilder head = new StringBuilder("group ").append(g.id());
        for (Resource m : g.children()) {
            head.append(' ').append(m.id());
        }
        return container(head, g.id(), g.otherAttributes(), g.metaAttributes(), g.instanceAttributes());
    }

    static String clone(Clone k) {
        if (k.child() == null) {
            throw new Unprintable("clone without child");
        }
        if (k.child() instanceof Group g && !printableGroup(g)) {
            throw new Unprintable("clone of xml group");
        }
        if (k.child() instanceof OpaqueResource) {
            throw new Unprintable("clone of opaque");
        }
        StringBuilder head = new StringBuilder(k.legacyMaster() ? "ms " : "clone ").append(k.id()).append(' ')
                .append(k.child().id());
        return container(head, k.id(), k.otherAttributes(), k.metaAttributes(), k.instanceAttributes());
    }

    private static String container(StringBuilder head, String id, Map<String, String> other, List<NvSet> meta,
            List<NvSet> params) {
        for (String key : other.keySet()) {
            if (!key.equals("description")) {
                throw new Unprintable("attribute " + key);
            }
        }
        head.append(others(other));
        List<String> parts = new ArrayList<>();
        sets(parts, "meta", meta, id, "meta_attributes");
        sets(parts, "params", params, id, "instance_attributes");
        return join(head.toString(), parts);
    }

    static String constraint(Constraint k) {
        if (k instanceof LocationConstraint l) {
            return location(l);
        }
        if (k instanceof ColocationConstraint c) {
            return colocation(c);
        }
        if (k instanceof OrderConstraint o) {
            return order(o);
        }
        XmlElement e = ((OpaqueConstraint) k).element();
        if (e.name().equals("rsc_ticket") && e.attribute("ticket") != null
                && (e.children().isEmpty() == (e.attribute("rsc") != null))) {
            StringBuilder sb = new StringBuilder("rsc_ticket ").append(e.id()).append(' ')
                    .append(e.attribute("ticket")).append(": ");
            if (e.attribute("rsc") != null) {
                sb.append(e.attribute("rsc"));
                if (e.attribute("rsc-role") != null) {
                    sb.append(':').append(e.attribute("rsc-role"));
                }
            } else {
                List<ResourceSet> sets = ExtraStatements.resourceSets(e);
                if (sets == null || e.attribute("rsc-role") != null) {
                    throw new Unprintable("ticket sets");
                }
                String text = sets(e.id(), sets, "role", false);
                if (sets.size() == 1 && sets.get(0).resources().size() == 1 && !text.startsWith("(")
                        && !text.startsWith("[")) {
                    throw new Unprintable("one-resource set reads as the simple form");
                }
                sb.append(text);
            }
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                if (!List.of("id", "ticket", "rsc", "rsc-role").contains(a.getKey())) {
                    sb.append(' ').append(pairText(a.getKey(), a.getValue()));
                }
            }
            return sb.toString();
        }
        throw new Unprintable("opaque constraint");
    }

    private static String location(LocationConstraint l) {
        StringBuilder sb = new StringBuilder("location ").append(l.id()).append(' ');
        if (l.rsc() != null) {
            if (l.rscPattern() != null || !l.sets().isEmpty()) {
                throw new Unprintable("rsc and pattern");
            }
            sb.append(l.rsc());
        } else if (l.rscPattern() != null) {
            if (!l.sets().isEmpty() || l.rscPattern().contains(" ")) {
                throw new Unprintable("pattern and sets");
            }
            sb.append('/').append(l.rscPattern()).append('/');
        } else if (!l.sets().isEmpty()) {
            sb.append("{ ").append(sets(l.id(), l.sets(), "role", false)).append(" }");
        } else {
            throw new Unprintable("location without resource");
        }
        if (l.role() != null) {
            sb.append(' ').append(pairText("role", l.role()));
        }
        if (l.resourceDiscovery() != null) {
            sb.append(' ').append(pairText("resource-discovery", l.resourceDiscovery()));
        }
        sb.append(others(l.otherAttributes()));
        if (l.rules().isEmpty()) {
            if (l.node() == null) {
                throw new Unprintable("location without node or rules");
            }
            sb.append(' ').append(score(l.score())).append(": ").append(l.node());
            return sb.toString();
        }
        if (l.node() != null || l.score() != null) {
            throw new Unprintable("node and rules");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < l.rules().size(); i++) {
            parts.add(rule(l.rules().get(i), Ids.rule(l.id(), i)));
        }
        return join(sb.toString(), parts);
    }

    static String rule(Rule r, String expectedId) {
        if (!r.otherAttributes().isEmpty()) {
            throw new Unprintable("rule attributes");
        }
        StringBuilder sb = new StringBuilder("rule");
        if (r.idRef() != null) {
            if (r.id() != null || !r.conditions().isEmpty() || r.score() != null || r.scoreAttribute() != null) {
                throw new Unprintable("rule reference with content");
            }
            sb.append(" $id-ref=").append(r.idRef());
            if (r.role() != null) {
                sb.append(" $role=").append(r.role());
            }
            return sb.toString();
        }
        if (!Objects.equals(r.id(), expectedId)) {
            if (r.id() == null) {
                throw new Unprintable("rule without id");
            }
            sb.append(" $id=").append(r.id());
        }
        if (r.role() != null) {
            sb.append(" $role=").append(quote(r.role()));
        }
        if (r.score() != null && r.scoreAttribute() == null) {
            sb.append(' ').append(score(r.score())).append(':');
        } else if (r.scoreAttribute() != null && r.score() == null
                && org.vigil.cib.Score.parse(r.scoreAttribute()).isEmpty()) {
            sb.append(' ').append(r.scoreAttribute()).append(':');
        } else {
            throw new Unprintable("rule score");
        }
        if (r.conditions().isEmpty()) {
            throw new Unprintable("empty rule");
        }
        String op = r.booleanOp() == null ? "and" : r.booleanOp();
        if (!op.equals("and") && !op.equals("or")) {
            throw new Unprintable("boolean-op");
        }
        if (r.booleanOp() == null && r.conditions().size() > 1) {
            throw new Unprintable("implicit and");
        }
        for (int i = 0; i < r.conditions().size(); i++) {
            if (i > 0) {
                sb.append(' ').append(op);
            }
            sb.append(' ').append(condition(r.conditions().get(i)));
        }
        return sb.toString();
    }

    private static String condition(RuleCondition c) {
        if (c instanceof Expression x) {
            if (!x.otherAttributes().isEmpty() || x.attribute() == null || x.operation() == null) {
                throw new Unprintable("expression");
            }
            if (x.operation().equals("defined") || x.operation().equals("not_defined")) {
                if (x.value() != null || x.type() != null) {
                    throw new Unprintable("unary with value");
                }
                return x.operation() + " " + quote(x.attribute());
            }
            if (!ConfigParser.EXPRESSION_OPS.contains(x.operation()) || x.value() == null
                    || x.attribute().equals("defined") || x.attribute().equals("not_defined")
                    || x.attribute().equals("date") || x.attribute().equals("rule")) {
                throw new Unprintable("expression op");
            }
            return quote(x.attribute()) + " " + (x.type() == null ? "" : x.type() + ":") + x.operation() + " "
                    + quote(x.value());
        }
        if (c instanceof DateExpression d) {
            if (!d.otherAttributes().isEmpty() || d.operation() == null) {
                throw new Unprintable("date attributes");
            }
            switch (d.operation()) {
                case "gt" -> {
                    if (d.end() != null || d.dateSpec() != null || d.duration() != null) {
                        throw new Unprintable("gt extras");
                    }
                    return "date gt " + quote(d.start());
                }
                case "lt" -> {
                    if (d.start() != null || d.dateSpec() != null || d.duration() != null) {
                        throw new Unprintable("lt extras");
                    }
                    return "date lt " + quote(d.end());
                }
                case "in_range" -> {
                    if (d.dateSpec() != null || (d.end() == null && d.duration() == null)) {
                        throw new Unprintable("in_range");
                    }
                    StringBuilder sb = new StringBuilder("date in");
                    if (d.start() != null) {
                        sb.append(' ').append(pairText("start", d.start()));
                    }
                    if (d.end() != null) {
                        sb.append(' ').append(pairText("end", d.end()));
                    }
                    if (d.duration() != null) {
                        fields(sb, d.duration().fields());
                    }
                    return sb.toString();
                }
                case "date_spec" -> {
                    if (d.dateSpec() == null || d.start() != null || d.end() != null || d.duration() != null
                            || d.dateSpec().fields().isEmpty()) {
                        throw new Unprintable("date_spec");
                    }
                    StringBuilder sb = new StringBuilder("date spec");
                    fields(sb, d.dateSpec().fields());
                    return sb.toString();
                }
                default -> throw new Unprintable("date op");
            }
        }
        throw new Unprintable("nested rule");
    }

    private static void fields(StringBuilder sb, Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equals("id") || e.getKey().equals("start") || e.getKey().equals("end")) {
                throw new Unprintable("date field");
            }
            sb.append(' ').append(pairText(e.getKey(), e.getValue()));
        }
    }

    private static String colocation(ColocationConstraint c) {
        StringBuilder sb = new StringBuilder("colocation ").append(c.id()).append(' ').append(score(c.score()))
                .append(": ");
        if (c.sets().isEmpty()) {
            if (c.rsc() == null || c.withRsc() == null) {
                throw new Unprintable("colocation without resources");
            }
            sb.append(item(c.rsc(), c.rscRole())).append(' ').append(item(c.withRsc(), c.withRscRole()));
        } else {
            if (c.rsc() != null || c.withRsc() != null || c.rscRole() != null || c.withRscRole() != null) {
                throw new Unprintable("sets and rsc");
            }
            sb.append(sets(c.id(), c.sets(), "role", true));
        }
        if (c.nodeAttribute() != null) {
            sb.append(' ').append(pairText("node-attribute", c.nodeAttribute()));
        }
        sb.append(others(c.otherAttributes()));
        return sb.toString();
    }

    private static String order(OrderConstraint o) {
        StringBuilder sb = new StringBuilder("order ").append(o.id());
        if (o.kind() != null && o.score() != null) {
            throw new Unprintable("kind and score");
        }
        if (o.kind() != null) {
            if (!ConfigParser.ORDER_KINDS.contains(o.kind())) {
                throw new Unprintable("kind");
            }
            sb.append(' ').append(o.kind()).append(':');
        } else if (o.score() != null) {
            String s = score(o.score());
            String n = ConfigParser.normaliseScore(s);
            if (n.equals("INFINITY") || n.equals("0") || org.vigil.cib.Score.parse(s).isEmpty()) {
                throw new Unprintable("order score that reads as a kind");
            }
            sb.append(' ').append(s).append(':');
        }
        sb.append(' ');
        if (o.sets().isEmpty()) {
            if (o.first() == null || o.then() == null) {
                throw new Unprintable("order without resources");
            }
            sb.append(item(o.first(), o.firstAction())).append(' ').append(item(o.then(), o.thenAction()));
        } else {
            if (o.first() != null || o.then() != null || o.firstAction() != null || o.thenAction() != null) {
                throw new Unprintable("sets and first");
            }
            sb.append(sets(o.id(), o.sets(), "action", true));
        }
        if (o.symmetrical() != null) {
            sb.append(' ').append(pairText("symmetrical", o.symmetrical()));
        }
        sb.append(others(o.otherAttributes()));
        return sb.toString();
    }

    private static String item(String id, String suffix) {
        if (id.contains(":") || (suffix != null && (suffix.isEmpty() || suffix.contains(" ")))) {
            throw new Unprintable("item");
        }
        return suffix == null ? id : id + ":" + suffix;
    }

    /**
     * Resource sets; {@code topLevel} is false inside a location's braces. Refuses forms that would read back
     * differently (two bare single-resource sets look like the simple form; adjacent bare sets with the same
     * suffix merge).
     */
    private static String sets(String cid, List<ResourceSet> sets, String suffixAttr, boolean topLevel) {
        List<String> out = new ArrayList<>();
        String previousBareSuffix = null;
        boolean previousBare = false;
        int bareItems = 0;
        boolean anyBracket = false;
        for (int i = 0; i < sets.size(); i++) {
            ResourceSet s = sets.get(i);
            if (s.idRef() != null || s.resources().isEmpty()) {
                throw new Unprintable("set reference");
            }
            Map<String, String> attrs = new LinkedHashMap<>(s.otherAttributes());
            String suffix = attrs.remove(suffixAttr);
            String expected = Ids.resourceSet(cid, i);
            String seq = attrs.get("sequential");
            String req = attrs.get("require-all");
            List<String> items = s.resources().stream().map(r -> item(r, suffix)).toList();
            boolean bare = attrs.isEmpty() && Objects.equals(s.id(), expected);
            if (bare) {
                if (previousBare && Objects.equals(previousBareSuffix, suffix)) {
                    throw new Unprintable("adjacent bare sets");
                }
                out.add(String.join(" ", items));
                previousBare = true;
                previousBareSuffix = suffix;
                bareItems += items.size();
                continue;
            }
            previousBare = false;
            anyBracket = true;
            String open;
            String close;
            if ("false".equals(seq) && "false".equals(req)) {
                open = "[";
                close = "]";
                attrs.remove("sequential");
                attrs.remove("require-all");
            } else if ("false".equals(seq)) {
                open = "(";
                close = ")";
                attrs.remove("sequential");
            } else if (seq != null) {
                open = "(";
                close = ")";
            } else {
                throw new Unprintable("set attributes without sequential");
            }
            StringBuilder sb = new StringBuilder(open).append(' ').append(String.join(" ", items));
            if (!Objects.equals(s.id(), expected)) {
                sb.append(" $id=").append(s.id());
            }
            for (Map.Entry<String, String> e : attrs.entrySet()) {
                sb.append(' ').append(pairText(e.getKey(), e.getValue()));
            }
            out.add(sb.append(' ').append(close).toString());
        }
        if (topLevel && !anyBracket && bareItems == 2) {
            throw new Unprintable("reads as simple form");
        }
        return String.join(" ", out);
    }

    static String nvSetStatement(String keyword, NvSet s) {
        if (s.idRef() != null || s.id() == null || s.pairs().isEmpty() || isScoreWord(s.id())) {
            throw new Unprintable("property set details");
        }
        return join(keyword + " " + s.id() + ":", setParts(s));
    }

    private static boolean isScoreWord(String id) {
        return org.vigil.cib.Score.parse(id).isPresent();
    }

    /**
     * Levels that are the same for every node, in node order with crmsh's ids, print without targets
     * ({@code fencing_topology st st2}), which is how they are written for all nodes.
     */
    private static String fencingForEveryNode(XmlElement e, List<Node> nodes) {
        List<XmlElement> levels = e.children();
        if (nodes.isEmpty() || levels.size() % nodes.size() != 0) {
            return null;
        }
        int per = levels.size() / nodes.size();
        List<XmlElement> first = levels.subList(0, per);
        XmlElement template = e.withChildren(first.stream().map(l -> new XmlElement("fencing-level",
                Map.of("devices", l.attribute("devices") == null ? "" : l.attribute("devices")), List.of()))
                .toList());
        XmlElement expanded = ExtraStatements.forEveryNode(template, nodes.stream().map(Node::uname).toList());
        if (!expanded.equals(e)) {
            return null;
        }
        StringBuilder sb = new StringBuilder("fencing_topology");
        for (XmlElement l : first) {
            sb.append(' ').append(l.attribute("devices"));
        }
        return sb.toString();
    }

    private static String fencing(XmlElement e, List<Node> nodes) {
        if (e.children().isEmpty() || !e.attributes().isEmpty()) {
            throw new Unprintable("empty fencing topology");
        }
        String compact = fencingForEveryNode(e, nodes);
        if (compact != null) {
            return compact;
        }
        StringBuilder sb = new StringBuilder("fencing_topology");
        String lastTarget = null;
        int expectedIndex = 0;
        for (XmlElement level : e.children()) {
            if (!level.name().equals("fencing-level") || level.attribute("devices") == null) {
                throw new Unprintable("fencing level");
            }
            String target;
            if (level.attribute("target") != null) {
                target = level.attribute("target") + ":";
            } else if (level.attribute("target-attribute") != null) {
                target = "attr:" + level.attribute("target-attribute") + "=" + level.attribute("target-value");
            } else if (level.attribute("target-pattern") != null) {
                target = "pattern:" + level.attribute("target-pattern");
            } else {
                throw new Unprintable("fencing target");
            }
            if (!target.equals(lastTarget)) {
                sb.append(CONT).append(target);
                lastTarget = target;
                expectedIndex = 0;
            }
            expectedIndex++;
            if (!Integer.toString(expectedIndex).equals(level.attribute("index"))) {
                throw new Unprintable("fencing index");
            }
            sb.append(' ').append(level.attribute("devices"));
        }
        return sb.toString();
    }

    private static String tag(XmlElement t) {
        StringBuilder sb = new StringBuilder("tag ").append(t.id()).append(':');
        for (XmlElement ref : t.children()) {
            if (!ref.name().equals("obj_ref") || ref.id() == null) {
                throw new Unprintable("tag ref");
            }
            sb.append(' ').append(ref.id());
        }
        return sb.toString();
    }

    // ---- xml fallbacks -----------------------------------------------------------------------------

    private static String resourceXml(Resource r) {
        return "xml " + XmlStatements.oneLine(CibXml.toTree(r));
    }

    private static String nodeXml(Node n) {
        XmlElement nodes = sectionOf(Configuration.EMPTY.withNodes(List.of(n)), "nodes");
        return "xml " + XmlStatements.oneLine(nodes.children().get(0));
    }

    private static String setXml(String section, String element, NvSet s) {
        Configuration c = switch (section) {
            case "crm_config" -> Configuration.EMPTY.withClusterProperties(List.of(s));
            case "rsc_defaults" -> Configuration.EMPTY.withRscDefaults(List.of(s));
            default -> Configuration.EMPTY.withOpDefaults(List.of(s));
        };
        XmlElement sec = sectionOf(c, section);
        return "xml " + XmlStatements.oneLine(section.equals("crm_config") ? sec.children().get(0) : sec);
    }

    private static XmlElement sectionOf(Configuration c, String name) {
        XmlElement conf = CibXml.toTree(Cib.empty().withConfiguration(c)).child("configuration").orElseThrow();
        return conf.child(name).orElseThrow();
    }
}
