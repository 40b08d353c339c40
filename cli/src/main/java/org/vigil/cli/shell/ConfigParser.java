package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vigil.cib.ColocationConstraint;
import org.vigil.cib.DateExpression;
import org.vigil.cib.DateSpec;
import org.vigil.cib.Expression;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.Node;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Op;
import org.vigil.cib.Operations;
import org.vigil.cib.OrderConstraint;
import org.vigil.cib.Primitive;
import org.vigil.cib.ResourceSet;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;
import org.vigil.cib.Score;
import org.vigil.cli.Suggestions;

/** Parses crmsh's configure language into {@link Statement}s over the CIB model. */
public final class ConfigParser {
    public static final List<String> KEYWORDS = List.of("node", "primitive", "group", "clone", "ms", "master",
            "location", "colocation", "collocation", "order", "property", "rsc_defaults", "op_defaults",
            "rsc_template", "template", "fencing_topology", "tag", "rsc_ticket", "alert", "role", "acl_target",
            "acl_group", "user", "bundle", "xml");
    static final List<String> RESOURCE_CLASSES = List.of("ocf", "stonith", "lsb", "systemd", "service",
            "upstart", "nagios", "heartbeat");
    /**
     * The attributes Pacemaker's schema allows on an {@code op}; {@code depth} is crmsh's OCF_CHECK_LEVEL. Any
     * other name=value on an op is an instance attribute of the op, as crmsh stores it.
     */
    static final List<String> OP_ATTRIBUTES = List.of("interval", "timeout", "start-delay", "interval-origin",
            "enabled", "record-pending", "role", "requires", "on-fail", "description", "depth");
    static final List<String> EXPRESSION_OPS = List.of("lt", "gt", "lte", "gte", "eq", "ne");
    static final List<String> ORDER_KINDS = List.of("Mandatory", "Optional", "Serialize");
    static final String CHECK_LEVEL = "OCF_CHECK_LEVEL";

    private ConfigParser() {}

    /** Every statement of a text (file, editor buffer). */
    public static List<Statement> parseText(String text) {
        List<Statement> out = new ArrayList<>();
        for (List<Token> s : Lexer.statements(text)) {
            out.add(parse(s));
        }
        return out;
    }

    /** One statement given as command-line words, e.g. {@code primitive vm01 ocf:heartbeat:Xen ...}. */
    public static Statement parseArguments(List<String> words) {
        return parse(Lexer.arguments(words));
    }

    public static Statement parse(List<Token> tokens) {
        Cursor c = new Cursor(tokens);
        Token kw = c.next("an object type");
        String k = kw.text();
        int line = kw.line();
        return switch (k) {
            case "node" -> node(c, line);
            case "primitive" -> primitive(c, line, false);
            case "rsc_template", "template" -> primitive(c, line, true);
            case "group" -> group(c, line);
            case "clone" -> clone(c, line, false);
            case "ms", "master" -> clone(c, line, true);
            case "location" -> location(c, line);
            case "colocation", "collocation" -> colocation(c, line);
            case "order" -> order(c, line);
            case "property" -> nvSetDef(c, line, Statement.Section.PROPERTY);
            case "rsc_defaults" -> nvSetDef(c, line, Statement.Section.RSC_DEFAULTS);
            case "op_defaults" -> nvSetDef(c, line, Statement.Section.OP_DEFAULTS);
            case "fencing_topology" -> ExtraStatements.fencingTopology(c, line);
            case "tag" -> ExtraStatements.tag(c, line);
            case "rsc_ticket" -> ExtraStatements.ticket(c, line);
            case "xml" -> XmlStatements.parse(c, line);
            case "alert" -> AlertStatements.alert(c, line);
            case "role", "acl_target", "acl_group", "user" -> AclStatements.parse(c, k, line);
            case "bundle" -> BundleStatements.bundle(c, line);
            default -> throw new ShellSyntaxException(line, "unknown object type '" + k + "' (expected one of "
                    + String.join(", ", KEYWORDS) + ")" + Suggestions.hint(k, KEYWORDS));
        };
    }

    // ---- ids ---------------------------------------------------------------------------------------

    static String id(Cursor c, String what) {
        Token t = c.next(what);
        String s = t.text();
        if (s.startsWith("id=") && !t.quoted()) {
            // crmsh also reads an object id written as id=ID
            s = s.substring(3);
        }
        checkId(c, s, what);
        return s;
    }

    static void checkId(Cursor c, String s, String what) {
        if (s.isEmpty() || !isIdStart(s.charAt(0))) {
            throw c.errorAtPrevious("'" + s + "' is not a valid " + what
                    + " (an id starts with a letter or '_' and has no spaces or colons)");
        }
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.')) {
                throw c.errorAtPrevious("'" + s + "' is not a valid " + what + " (character '" + ch
                        + "' is not allowed in an id)");
            }
        }
    }

    private static boolean isIdStart(char ch) {
        return Character.isLetter(ch) || ch == '_';
    }

    // ---- nvsets ------------------------------------------------------------------------------------

    record Pair(String name, String value) {}

    static Pair pair(Cursor c) {
        Token t = c.next("name=value");
        int eq = t.text().indexOf('=');
        if (eq <= 0) {
            throw c.errorAtPrevious("expected name=value but found '" + t.text() + "'");
        }
        return new Pair(t.text().substring(0, eq), t.text().substring(eq + 1));
    }

    /**
     * {@code [$id=ID | $id-ref=ID] [SCORE:] [rule ...] name=value | $ID:name=value | @REF ...} after a keyword
     * like {@code params}; a set ends at the first word that is none of these.
     *
     * @param defaultId the id generated when none is given
     */
    static NvSet nvSet(Cursor c, String defaultId, String keyword) {
        String id = defaultId;
        String idRef = null;
        boolean explicitId = false;
        if (c.peekIsPair() && c.peekText().startsWith("$id=")) {
            id = c.nextText("$id").substring(4);
            checkId(c, id, keyword + " id");
            explicitId = true;
        } else if (c.peekIsPair() && c.peekText().startsWith("$id-ref=")) {
            idRef = c.nextText("$id-ref").substring(8);
            id = null;
            checkId(c, idRef, keyword + " id-ref");
        }
        return nvSetBody(c, id, idRef, explicitId, keyword);
    }

    private static NvSet nvSetBody(Cursor c, String id, String idRef, boolean explicitId, String keyword) {
        String score = null;
        if (!c.atEnd() && c.peekText().endsWith(":") && !c.peek().quoted()
                && Score.parse(c.peekText().substring(0, c.peekText().length() - 1)).isPresent()) {
            score = normaliseScore(c.nextText("score").replaceFirst(":$", ""));
        }
        String owner = id == null ? idRef : id;
        Rule rule = null;
        if (c.peekIs("rule")) {
            c.next("rule");
            rule = rule(c, owner, 0, false);
            if (c.peekIs("rule")) {
                throw c.error("only one rule per " + keyword + " set is supported; give each rule its own '"
                        + keyword + "' with the pairs it applies to");
            }
        }
        List<NvPair> pairs = new ArrayList<>();
        while (!c.atEnd()) {
            Token t = c.peek();
            String text = t.text();
            if (!t.quoted() && text.startsWith("@") && text.length() > 1 && !text.contains("=")) {
                c.next("@REF");
                checkId(c, text.substring(1), "nvpair id-ref");
                pairs.add(new NvPair(null, text.substring(1), null, null));
            } else if (text.startsWith("$") && !text.startsWith("$id=") && !text.startsWith("$id-ref=")
                    && text.indexOf(':') > 1 && text.indexOf('=') > text.indexOf(':') + 1) {
                c.next("$ID:name=value");
                String pairId = text.substring(1, text.indexOf(':'));
                checkId(c, pairId, "nvpair id");
                pairs.add(NvPair.of(pairId, text.substring(text.indexOf(':') + 1, text.indexOf('=')),
                        text.substring(text.indexOf('=') + 1)));
            } else if (c.peekIsPair() && !text.startsWith("$")) {
                Pair p = pair(c);
                pairs.add(NvPair.of(Ids.nvPair(owner, p.name()), p.name(), p.value()));
            } else {
                break;
            }
        }
        if (pairs.isEmpty() && idRef == null && !explicitId && rule == null) {
            throw c.error("expected name=value after '" + keyword + "'"
                    + (c.atEnd() ? "" : " but found '" + c.peekText() + "'"));
        }
        return new NvSet(id, idRef, score, rule, uniquePairIds(pairs));
    }

    /** Repeated names in one set get distinct ids, as XML requires. */
    private static List<NvPair> uniquePairIds(List<NvPair> pairs) {
        List<NvPair> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (NvPair p : pairs) {
            String id = p.id();
            if (id == null) {
                out.add(p);
                continue;
            }
            int n = 1;
            while (!seen.add(id)) {
                id = p.id() + "-" + n++;
            }
            out.add(new NvPair(id, null, p.name(), p.value()));
        }
        return out;
    }

    private static Statement nvSetDef(Cursor c, int line, Statement.Section section) {
        String id = section.defaultSetId;
        if (!c.atEnd() && c.peekText().endsWith(":") && !c.peekIsPair() && !isScoreToken(c.peek())) {
            id = c.nextText("set id").replaceFirst(":$", "");
            checkId(c, id, section.keyword + " set id");
        } else if (c.peekIsPair() && c.peekText().startsWith("$id=")) {
            id = c.nextText("$id").substring(4);
            checkId(c, id, section.keyword + " set id");
        }
        NvSet set = nvSetBody(c, id, null, false, section.keyword);
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.peekText() + "' in " + section.keyword
                    + " (expected [ID:] [rule ...] name=value ...)");
        }
        if (set.pairs().isEmpty()) {
            throw c.error("expected name=value after '" + section.keyword + "'");
        }
        return new Statement.NvSetDef(section, set, line);
    }

    // ---- node --------------------------------------------------------------------------------------

    private static Statement node(Cursor c, int line) {
        String id = null;
        if (c.peekIsPair() && c.peekText().startsWith("$id=")) {
            id = c.nextText("$id").substring(4);
        }
        Token t = c.next("a node name");
        String uname = t.text();
        if (uname.endsWith(":") && uname.length() > 1) {
            id = uname.substring(0, uname.length() - 1);
            uname = c.nextText("a node name");
        }
        String type = null;
        int colon = uname.indexOf(':');
        if (colon > 0) {
            type = uname.substring(colon + 1);
            uname = uname.substring(0, colon);
        }
        checkNodeName(c, uname);
        if (id == null) {
            id = uname;
        }
        Map<String, String> other = new LinkedHashMap<>();
        while (c.peekIsPair()) {
            Pair p = pair(c);
            other.put(p.name(), p.value());
        }
        List<NvSet> attrs = new ArrayList<>();
        List<NvSet> util = new ArrayList<>();
        while (!c.atEnd()) {
            String kw = c.nextText("attributes or utilization");
            if (kw.equals("attributes")) {
                attrs.add(nvSet(c, Ids.nodeAttributes(id, attrs.size()), kw));
            } else if (kw.equals("utilization")) {
                util.add(nvSet(c, Ids.nodeUtilization(id, util.size()), kw));
            } else {
                throw c.errorAtPrevious("unexpected '" + kw + "' in node " + uname
                        + " (expected attributes or utilization)"
                        + Suggestions.hint(kw, List.of("attributes", "utilization")));
            }
        }
        return new Statement.NodeDef(new Node(id, uname, type, other, attrs, util), line);
    }

    static void checkNodeName(Cursor c, String uname) {
        if (uname.isEmpty() || uname.contains("=") || uname.chars().anyMatch(Character::isWhitespace)) {
            throw c.errorAtPrevious("'" + uname + "' is not a valid node name");
        }
    }

    // ---- primitive ---------------------------------------------------------------------------------

    private static Statement primitive(Cursor c, int line, boolean template) {
        String id = id(c, template ? "template id" : "resource id");
        String agentText = c.nextText("an agent (class:provider:type) or @template");
        String cls = null;
        String provider = null;
        String type = null;
        String tmpl = null;
        if (agentText.startsWith("@")) {
            if (template) {
                throw c.errorAtPrevious("a template cannot be based on another template");
            }
            tmpl = agentText.substring(1);
            checkId(c, tmpl, "template id");
        } else {
            String[] parts = agentText.split(":", -1);
            if (parts.length == 1) {
                cls = "ocf";
                provider = "heartbeat";
                type = parts[0];
            } else if (parts.length == 2) {
                cls = parts[0];
                type = parts[1];
                if (cls.equals("ocf")) {
                    throw c.errorAtPrevious("ocf agents need a provider: ocf:PROVIDER:" + type);
                }
            } else if (parts.length == 3) {
                cls = parts[0];
                provider = parts[1];
                type = parts[2];
            } else {
                throw c.errorAtPrevious("'" + agentText + "' is not an agent (expected class:provider:type)");
            }
            if (!RESOURCE_CLASSES.contains(cls)) {
                throw c.errorAtPrevious("unknown resource class '" + cls + "' (expected one of "
                        + String.join(", ", RESOURCE_CLASSES) + ")" + Suggestions.hint(cls, RESOURCE_CLASSES));
            }
            if (type.isEmpty() || (provider != null && provider.isEmpty())) {
                throw c.errorAtPrevious("'" + agentText + "' is not an agent (empty provider or type)");
            }
        }
        Map<String, String> other = new LinkedHashMap<>();
        List<NvSet> params = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        List<NvSet> util = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        String opsId = null;
        String opsIdRef = null;
        List<NvPair> bare = new ArrayList<>();
        while (c.peekIsPair() && !c.peekText().startsWith("$")) {
            Pair p = pair(c);
            if (p.name().equals("description")) {
                other.put(p.name(), p.value());
            } else {
                bare.add(NvPair.of(Ids.nvPair(Ids.nvSet(id, "instance_attributes", 0), p.name()), p.name(),
                        p.value()));
            }
        }
        if (!bare.isEmpty()) {
            params.add(NvSet.of(Ids.nvSet(id, "instance_attributes", 0), uniquePairIds(bare)));
        }
        while (!c.atEnd()) {
            String kw = c.nextText("params, meta, utilization or op");
            switch (kw) {
                case "params" -> params.add(nvSet(c, Ids.nvSet(id, "instance_attributes", params.size()), kw));
                case "meta" -> meta.add(nvSet(c, Ids.nvSet(id, "meta_attributes", meta.size()), kw));
                case "utilization" -> util.add(nvSet(c, Ids.nvSet(id, "utilization", util.size()), kw));
                case "operations" -> {
                    String t = c.nextText("$id=ID or $id-ref=ID");
                    if (t.startsWith("$id=")) {
                        opsId = t.substring(4);
                    } else if (t.startsWith("$id-ref=")) {
                        opsIdRef = t.substring(8);
                    } else {
                        throw c.errorAtPrevious("expected $id=ID or $id-ref=ID after 'operations'");
                    }
                }
                // crmsh names ops after the operations element when it has an id
                case "op" -> ops.add(op(c, opsId != null ? opsId : id, ops));
                default -> throw c.errorAtPrevious("unexpected '" + kw + "' in " + (template ? "template " : "primitive ")
                        + id + " (expected params, meta, utilization or op)"
                        + Suggestions.hint(kw, List.of("params", "meta", "utilization", "op", "operations")));
            }
        }
        Operations operations = new Operations(opsId, opsIdRef, ops);
        Primitive p = new Primitive(id, cls, provider, type, tmpl, other, params, meta, util, operations);
        return new Statement.PrimitiveDef(p, template, line);
    }

    private static Op op(Cursor c, String rsc, List<Op> previous) {
        Token nameTok = c.next("an operation name (monitor, start, stop, ...)");
        String name = nameTok.text();
        if (name.contains("=") || name.isEmpty()) {
            throw c.errorAtPrevious("expected an operation name after 'op' but found '" + name + "'");
        }
        String id = null;
        String interval = null;
        Map<String, String> attrs = new LinkedHashMap<>();
        List<NvSet> params = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        Map<String, String> instance = new LinkedHashMap<>();
        while (c.peekIsPair()) {
            Pair p = pair(c);
            if (p.name().equals("$id")) {
                id = p.value();
                continue;
            }
            if (p.name().startsWith("$")) {
                throw c.errorAtPrevious("op " + name + " of " + rsc + ": unexpected '" + p.name()
                        + "=' (only $id= names an op)");
            }
            if (p.name().equals("interval")) {
                interval = p.value();
            } else if (p.name().equals("depth")) {
                instance.put(CHECK_LEVEL, p.value());
            } else if (OP_ATTRIBUTES.contains(p.name())) {
                attrs.put(p.name(), p.value());
            } else if (!Suggestions.hint(p.name(), OP_ATTRIBUTES).isEmpty()) {
                // a near miss of an op attribute is a typo far more often than an agent parameter
                throw c.errorAtPrevious("op " + name + " of " + rsc + ": unknown attribute '" + p.name() + "'"
                        + Suggestions.hint(p.name(), OP_ATTRIBUTES) + "; to pass it to the agent as an instance "
                        + "attribute write op_params " + p.name() + "=...");
            } else {
                instance.put(p.name(), p.value());
            }
        }
        if (interval == null) {
            interval = "0";
        }
        if (id == null) {
            final String fi = interval;
            int n = (int) previous.stream().filter(o -> o.name().equals(name) && fi.equals(o.interval())).count();
            id = Ids.op(rsc, name, interval, n);
        }
        if (!instance.isEmpty()) {
            String setId = Ids.nvSet(id, "instance_attributes", 0);
            List<NvPair> pairs = new ArrayList<>();
            instance.forEach((k, v) -> pairs.add(NvPair.of(Ids.nvPair(setId, k), k, v)));
            params.add(NvSet.of(setId, pairs));
        }
        while (c.peekIs("op_params") || c.peekIs("op_meta")) {
            String kw = c.nextText("op_params or op_meta");
            if (kw.equals("op_params")) {
                params.add(nvSet(c, Ids.nvSet(id, "instance_attributes", params.size()), kw));
            } else {
                meta.add(nvSet(c, Ids.nvSet(id, "meta_attributes", meta.size()), kw));
            }
        }
        return new Op(id, name, interval, attrs, params, meta);
    }

    // ---- group / clone -----------------------------------------------------------------------------

    private static Statement group(Cursor c, int line) {
        String id = id(c, "group id");
        List<String> members = new ArrayList<>();
        while (!c.atEnd() && !c.peekIsPair() && !c.peekIs("meta") && !c.peekIs("params")) {
            members.add(id(c, "group member id"));
        }
        if (members.isEmpty()) {
            throw c.error("group " + id + " needs at least one member resource");
        }
        return containerTail(c, line, id, members, false, true);
    }

    /** {@code ms}/{@code master} is written as a {@code <master>} element, as crmsh writes it. */
    private static Statement clone(Cursor c, int line, boolean master) {
        String id = id(c, "clone id");
        String child = id(c, "the id of the resource to clone");
        return containerTail(c, line, id, List.of(child), master, false);
    }

    private static Statement containerTail(Cursor c, int line, String id, List<String> members,
            boolean master, boolean group) {
        Map<String, String> other = new LinkedHashMap<>();
        List<NvSet> params = new ArrayList<>();
        List<NvSet> meta = new ArrayList<>();
        while (c.peekIsPair()) {
            Pair p = pair(c);
            if (!p.name().equals("description")) {
                throw c.errorAtPrevious("unexpected '" + p.name() + "=' in " + id
                        + " (attributes go after 'meta' or 'params')");
            }
            other.put(p.name(), p.value());
        }
        while (!c.atEnd()) {
            String kw = c.nextText("meta or params");
            if (kw.equals("meta")) {
                meta.add(nvSet(c, Ids.nvSet(id, "meta_attributes", meta.size()), kw));
            } else if (kw.equals("params")) {
                params.add(nvSet(c, Ids.nvSet(id, "instance_attributes", params.size()), kw));
            } else {
                throw c.errorAtPrevious("unexpected '" + kw + "' in " + id + " (expected meta or params)"
                        + Suggestions.hint(kw, List.of("meta", "params")));
            }
        }
        if (group) {
            return new Statement.GroupDef(id, members, other, params, meta, line);
        }
        return new Statement.CloneDef(id, members.get(0), master, other, params, meta, line);
    }

    // ---- scores and roles --------------------------------------------------------------------------

    /** Score words as stored in the CIB: inf/mandatory become INFINITY, advisory becomes 0. */
    static String normaliseScore(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "inf", "+inf", "infinity", "+infinity", "mandatory" -> "INFINITY";
            case "-inf", "-infinity" -> "-INFINITY";
            case "advisory" -> "0";
            default -> s;
        };
    }

    static boolean isScoreToken(Token t) {
        if (t == null || t.quoted() || !t.text().endsWith(":") || t.text().length() < 2) {
            return false;
        }
        return Score.parse(t.text().substring(0, t.text().length() - 1)).isPresent();
    }

    static String score(Cursor c, String what) {
        Token t = c.next("a score followed by ':' (a number, inf, -inf, mandatory or advisory)");
        if (!isScoreToken(t)) {
            throw c.errorAtPrevious("expected a score followed by ':' for " + what
                    + " (a number, inf, -inf, mandatory or advisory) but found '" + t.text() + "'");
        }
        return normaliseScore(t.text().substring(0, t.text().length() - 1));
    }

    // ---- location ----------------------------------------------------------------------------------

    private static Statement location(Cursor c, int line) {
        String id = id(c, "constraint id");
        String rsc = null;
        String pattern = null;
        List<ResourceSet> sets = List.of();
        Token t = c.next("a resource id, /pattern/ or { resource sets }");
        if (t.text().startsWith("/") && t.text().endsWith("/") && t.text().length() > 2) {
            pattern = t.text().substring(1, t.text().length() - 1);
        } else if (t.is("{")) {
            sets = ResourceSets.parse(c, id, "}", ResourceSets.Kind.LOCATION);
        } else {
            rsc = t.text();
            if (rsc.contains(":")) {
                // old crmsh: RSC:ROLE
                String role = rsc.substring(rsc.indexOf(':') + 1);
                rsc = rsc.substring(0, rsc.indexOf(':'));
                checkId(c, rsc, "resource id");
                return locationTail(c, line, id, rsc, pattern, sets, role);
            }
            checkId(c, rsc, "resource id");
        }
        return locationTail(c, line, id, rsc, pattern, sets, null);
    }

    private static Statement locationTail(Cursor c, int line, String id, String rsc, String pattern,
            List<ResourceSet> sets, String roleSuffix) {
        String role = roleSuffix;
        String discovery = null;
        Map<String, String> other = new LinkedHashMap<>();
        while (c.peekIsPair()) {
            Pair p = pair(c);
            switch (p.name()) {
                case "role" -> role = p.value();
                case "resource-discovery" -> discovery = p.value();
                default -> other.put(p.name(), p.value());
            }
        }
        if (c.peekIs("rule")) {
            List<Rule> rules = new ArrayList<>();
            while (!c.atEnd()) {
                Token r = c.next("rule");
                if (!r.is("rule")) {
                    throw c.errorAtPrevious("expected 'and', 'or' or another 'rule' in location " + id
                            + " but found '" + r.text() + "'");
                }
                rules.add(rule(c, id, rules.size(), true));
            }
            return new Statement.ConstraintDef(new LocationConstraint(id, rsc, pattern, null, null, role,
                    discovery, other, sets, rules), line);
        }
        String score = score(c, "location " + id);
        Token node = c.next("a node name");
        checkNodeName(c, node.text());
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.peekText() + "' after the node of location " + id
                    + " (a location is: location ID RSC SCORE: NODE, or location ID RSC rule SCORE: EXPRESSION)");
        }
        return new Statement.ConstraintDef(new LocationConstraint(id, rsc, pattern, node.text(), score, role,
                discovery, other, sets, List.of()), line);
    }

    /**
     * {@code [$id=ID] [$role=ROLE] [SCORE:] EXPRESSION [and|or EXPRESSION ...]}; without a score the rule
     * scores INFINITY, as crmsh writes it. In a location ({@code inLocation}) a rule may be a bare reference.
     */
    static Rule rule(Cursor c, String owner, int n, boolean inLocation) {
        String id = Ids.rule(owner, n);
        String idRef = null;
        String role = null;
        String booleanOp = null;
        while (c.peekIsPair() && (c.peekText().startsWith("$") || c.peekText().startsWith("role="))) {
            Pair p = pair(c);
            switch (p.name()) {
                case "$id" -> id = p.value();
                case "$id-ref" -> {
                    idRef = p.value();
                    id = null;
                }
                case "$role", "role" -> role = p.value();
                default -> throw c.errorAtPrevious("unexpected '" + p.name() + "' in rule (expected $id, $role)");
            }
        }
        if (idRef != null && (c.atEnd() || c.peekIs("rule") || !inLocation)) {
            return new Rule(null, idRef, null, null, role, null, Map.of(), List.of());
        }
        String score = "INFINITY";
        String scoreAttribute = null;
        Token st = c.peek();
        if (st != null && !st.quoted() && st.text().endsWith(":") && st.text().length() > 1
                && !c.peekIsPair()) {
            c.next("score");
            String sv = st.text().substring(0, st.text().length() - 1);
            if (Score.parse(sv).isPresent()) {
                score = normaliseScore(sv);
            } else {
                score = null;
                scoreAttribute = sv;
            }
        }
        List<RuleCondition> conditions = new ArrayList<>();
        String ruleId = id == null ? idRef : id;
        conditions.add(expression(c, ruleId, conditions.size(), !inLocation));
        while (c.peekIs("and") || c.peekIs("or")) {
            String op = c.nextText("and/or");
            if (booleanOp != null && !booleanOp.equals(op)) {
                throw c.errorAtPrevious("one rule cannot mix 'and' and 'or'; split it into several rules");
            }
            booleanOp = op;
            conditions.add(expression(c, ruleId, conditions.size(), !inLocation));
        }
        return new Rule(id, idRef, score, scoreAttribute, role, booleanOp, Map.of(), conditions);
    }

    /** {@code strictDates}: a date expression takes only date fields (in a set, the set's pairs follow it). */
    private static RuleCondition expression(Cursor c, String ruleId, int n, boolean strictDates) {
        String id = Ids.expression(ruleId, n);
        String first = c.nextText("an expression (ATTR OP VALUE, defined ATTR or date ...)");
        if (first.equals("defined") || first.equals("not_defined")) {
            String attr = c.nextText("an attribute name");
            return new Expression(id, attr, first, null, null, Map.of());
        }
        if (first.equals("date")) {
            return dateExpression(c, id, strictDates);
        }
        String opText = c.nextText("a comparison (lt, gt, lte, gte, eq, ne)");
        String type = null;
        String op = opText;
        int colon = opText.indexOf(':');
        if (colon > 0) {
            type = opText.substring(0, colon);
            op = opText.substring(colon + 1);
        }
        if (!EXPRESSION_OPS.contains(op)) {
            throw c.errorAtPrevious("expected a comparison (lt, gt, lte, gte, eq, ne) after '" + first
                    + "' but found '" + opText + "'" + Suggestions.hint(op, EXPRESSION_OPS));
        }
        String value = c.nextText("a value to compare with");
        return new Expression(id, first, op, value, type, Map.of());
    }

    /** The fields of a date_spec or duration; a date expression ends at the first other word. */
    static final Set<String> DATE_FIELDS = Set.of("seconds", "minutes", "hours", "monthdays", "weekdays",
            "yeardays", "months", "weeks", "years", "weekyears", "moon");

    private static boolean peekDateField(Cursor c, boolean rangeBounds, boolean strict) {
        if (!c.peekIsPair()) {
            return false;
        }
        if (!strict) {
            return true;
        }
        String name = c.peekText().substring(0, c.peekText().indexOf('='));
        return DATE_FIELDS.contains(name) || (rangeBounds && (name.equals("start") || name.equals("end")));
    }

    private static RuleCondition dateExpression(Cursor c, String id, boolean strict) {
        String op = c.nextText("gt, lt, in or spec");
        switch (op) {
            case "gt" -> {
                return new DateExpression(id, "gt", c.nextText("a start date"), null, Map.of(), null, null);
            }
            case "lt" -> {
                return new DateExpression(id, "lt", null, c.nextText("an end date"), Map.of(), null, null);
            }
            case "in", "in_range" -> {
                String start = null;
                String end = null;
                Map<String, String> duration = new LinkedHashMap<>();
                while (peekDateField(c, true, strict)) {
                    Pair p = pair(c);
                    switch (p.name()) {
                        case "start" -> start = p.value();
                        case "end" -> end = p.value();
                        default -> duration.put(p.name(), p.value());
                    }
                }
                DateSpec d = duration.isEmpty() ? null : new DateSpec(Ids.duration(id), duration);
                if (end == null && d == null) {
                    throw c.error("date in needs end=DATE or a duration (e.g. hours=2)");
                }
                return new DateExpression(id, "in_range", start, end, Map.of(), null, d);
            }
            case "spec", "date_spec" -> {
                Map<String, String> spec = new LinkedHashMap<>();
                while (peekDateField(c, false, strict)) {
                    Pair p = pair(c);
                    spec.put(p.name(), p.value());
                }
                if (spec.isEmpty()) {
                    throw c.error("date spec needs fields such as hours=9-16 weekdays=1-5");
                }
                return new DateExpression(id, "date_spec", null, null, Map.of(), new DateSpec(Ids.dateSpec(id), spec),
                        null);
            }
            default -> throw c.errorAtPrevious("expected gt, lt, in or spec after 'date' but found '" + op + "'");
        }
    }

    // ---- colocation / order ------------------------------------------------------------------------

    private static Statement colocation(Cursor c, int line) {
        String id = id(c, "constraint id");
        String score = score(c, "colocation " + id);
        ResourceSets.Parsed p = ResourceSets.parseItems(c, id, ResourceSets.Kind.COLOCATION);
        Map<String, String> other = new LinkedHashMap<>(p.attributes());
        String nodeAttribute = other.remove("node-attribute");
        if (p.simple()) {
            ResourceSets.Item a = p.items().get(0);
            ResourceSets.Item b = p.items().get(1);
            return new Statement.ConstraintDef(new ColocationConstraint(id, a.id(), b.id(), score, a.suffix(),
                    b.suffix(), nodeAttribute, other, List.of()), line);
        }
        return new Statement.ConstraintDef(new ColocationConstraint(id, null, null, score, null, null,
                nodeAttribute, other, p.sets()), line);
    }

    private static Statement order(Cursor c, int line) {
        String id = id(c, "constraint id");
        String kind = null;
        String score = null;
        Token t = c.peek();
        if (t != null && !t.quoted() && t.text().endsWith(":") && t.text().length() > 1) {
            c.next("kind");
            String k = t.text().substring(0, t.text().length() - 1);
            String matched = ORDER_KINDS.stream().filter(x -> x.equalsIgnoreCase(k)).findFirst().orElse(null);
            if (matched != null) {
                kind = matched;
            } else if (Score.parse(k).isPresent()) {
                String s = normaliseScore(k);
                if (s.equals("INFINITY")) {
                    kind = "Mandatory";
                } else if (s.equals("0")) {
                    kind = "Optional";
                } else {
                    score = s;
                }
            } else {
                throw c.errorAtPrevious("expected a kind (Mandatory, Optional, Serialize) or a score before ':' "
                        + "but found '" + t.text() + "'" + Suggestions.hint(k, ORDER_KINDS));
            }
        }
        ResourceSets.Parsed p = ResourceSets.parseItems(c, id, ResourceSets.Kind.ORDER);
        Map<String, String> other = new LinkedHashMap<>(p.attributes());
        String symmetrical = other.remove("symmetrical");
        if (p.simple()) {
            ResourceSets.Item a = p.items().get(0);
            ResourceSets.Item b = p.items().get(1);
            return new Statement.ConstraintDef(new OrderConstraint(id, a.id(), b.id(), a.suffix(), b.suffix(), kind,
                    score, symmetrical, other, List.of()), line);
        }
        return new Statement.ConstraintDef(new OrderConstraint(id, null, null, null, null, kind, score,
                symmetrical, other, p.sets()), line);
    }
}
