package org.vigil.cib;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The shape of Pacemaker's {@code configuration} section, as its RELAX NG schemas (pacemaker-3.0 to 3.9)
 * allow it: which element may appear under which, which attributes each may carry and of what type. Checked
 * on the tree Vigil writes, so whatever the shell, {@code xml}, {@code load} or {@code edit} produced is
 * held to the same rules. Written from the schemas rather than loaded from them, so Vigil needs no Pacemaker
 * installation; where versions differ it follows the CIB's {@code validate-with}.
 */
final class ConfigurationSchema {
    /** Attribute value types, named after the schema's datatypes. */
    enum Type { TEXT, ID, IDREF, BOOLEAN, INTEGER, POSITIVE_INTEGER, SCORE, ROLE, ENUM, DEVICES }

    record Attr(Type type, Set<String> values) {}

    record Shape(Map<String, Attr> attributes, Set<String> children) {}

    private static final Set<String> ROLES_OLD = Set.of("Stopped", "Started", "Master", "Slave");
    private static final Set<String> ROLES = Set.of("Stopped", "Started", "Master", "Slave", "Promoted",
            "Unpromoted");
    private static final Map<String, Shape> SHAPES = shapes();

    private static Map<String, Shape> shapes() {
        Map<String, Shape> m = new HashMap<>();
        List<String> nvsetKids = List.of("nvpair", "rule");
        String[] nvset = {"id:ID", "id-ref:IDREF", "score:SCORE"};
        shape(m, "configuration", List.of("crm_config", "rsc_defaults", "op_defaults", "nodes", "resources",
                "constraints", "fencing-topology", "acls", "tags", "alerts"));
        shape(m, "crm_config", List.of("cluster_property_set"));
        shape(m, "rsc_defaults", List.of("meta_attributes"));
        shape(m, "op_defaults", List.of("meta_attributes"));
        for (String s : List.of("cluster_property_set", "meta_attributes", "instance_attributes", "utilization")) {
            shape(m, s, nvsetKids, nvset);
        }
        shape(m, "nvpair", List.of(), "id:ID", "id-ref:IDREF", "name", "value");
        shape(m, "nodes", List.of("node"));
        shape(m, "node", List.of("instance_attributes", "utilization"), "id", "uname", "type=member|ping|remote",
                "description", "score:SCORE");
        shape(m, "resources", List.of("primitive", "template", "group", "clone", "master", "bundle"));
        List<String> primitiveKids = List.of("meta_attributes", "instance_attributes", "operations", "utilization");
        String classes = "class=ocf|lsb|heartbeat|stonith|upstart|service|systemd|nagios";
        shape(m, "primitive", primitiveKids, "id:ID", classes, "provider", "type", "template:IDREF", "description");
        shape(m, "template", primitiveKids, "id:ID", classes, "provider", "type", "description");
        shape(m, "group", List.of("meta_attributes", "instance_attributes", "primitive"), "id:ID", "description");
        List<String> cloneKids = List.of("meta_attributes", "instance_attributes", "primitive", "group");
        shape(m, "clone", cloneKids, "id:ID", "description");
        shape(m, "master", cloneKids, "id:ID", "description");
        shape(m, "bundle", List.of("meta_attributes", "instance_attributes", "docker", "rkt", "podman", "network",
                "storage", "primitive"), "id:ID", "description");
        for (String engine : List.of("docker", "rkt", "podman")) {
            shape(m, engine, List.of(), "image", "replicas:INTEGER", "replicas-per-host:INTEGER", "masters:INTEGER",
                    "promoted-max:INTEGER", "run-command", "network", "options");
        }
        shape(m, "network", List.of("port-mapping"), "ip-range-start", "control-port:INTEGER", "host-interface",
                "host-netmask:INTEGER", "add-host:BOOLEAN");
        shape(m, "port-mapping", List.of(), "id:ID", "port:INTEGER", "internal-port:INTEGER", "range");
        shape(m, "storage", List.of("storage-mapping"));
        shape(m, "storage-mapping", List.of(), "id:ID", "source-dir", "source-dir-root", "target-dir", "options");
        shape(m, "operations", List.of("op"), "id:ID", "id-ref:IDREF");
        shape(m, "op", List.of("meta_attributes", "instance_attributes"), "id:ID", "name", "interval", "description",
                "start-delay", "interval-origin", "timeout", "enabled:BOOLEAN", "record-pending:BOOLEAN",
                "role:ROLE", "on-fail=ignore|block|demote|stop|restart|standby|fence|restart-container");
        shape(m, "constraints", List.of("rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"));
        shape(m, "rsc_location", List.of("resource_set", "rule", "lifetime"), "id:ID", "rsc:IDREF", "rsc-pattern",
                "role:ROLE", "score:SCORE", "node", "resource-discovery=always|never|exclusive");
        shape(m, "rsc_colocation", List.of("resource_set", "lifetime"), "id:ID", "score:SCORE", "influence",
                "rsc:IDREF", "with-rsc:IDREF", "node-attribute", "rsc-role:ROLE", "with-rsc-role:ROLE");
        shape(m, "rsc_order", List.of("resource_set", "lifetime"), "id:ID", "symmetrical:BOOLEAN",
                "require-all:BOOLEAN", "score:SCORE", "kind=Optional|Mandatory|Serialize", "first:IDREF",
                "then:IDREF", "first-action=start|promote|demote|stop", "then-action=start|promote|demote|stop");
        shape(m, "rsc_ticket", List.of("resource_set"), "id:ID", "rsc:IDREF", "rsc-role:ROLE", "ticket",
                "loss-policy=stop|demote|fence|freeze");
        shape(m, "resource_set", List.of("resource_ref"), "id:ID", "id-ref:IDREF", "sequential:BOOLEAN",
                "require-all:BOOLEAN", "ordering=group|listed", "action=start|promote|demote|stop", "role:ROLE",
                "score:SCORE", "kind=Optional|Mandatory|Serialize");
        shape(m, "resource_ref", List.of(), "id:IDREF");
        shape(m, "lifetime", List.of("rule"));
        shape(m, "rule", List.of("expression", "date_expression", "rule", "rsc_expression", "op_expression"), "id:ID",
                "id-ref:IDREF", "boolean-op=or|and", "role", "score:SCORE", "score-attribute");
        shape(m, "expression", List.of(), "id:ID", "attribute", "operation=lt|gt|lte|gte|eq|ne|defined|not_defined",
                "value", "type=string|integer|number|version", "value-source=literal|param|meta");
        shape(m, "date_expression", List.of("duration", "date_spec"), "id:ID", "operation=in_range|gt|lt|date_spec",
                "start", "end");
        shape(m, "duration", List.of(), "id:ID", "years", "months", "weeks", "days", "hours", "minutes", "seconds",
                "monthdays", "weekdays", "yearsdays", "weekyears", "moon");
        shape(m, "date_spec", List.of(), "id:ID", "years", "months", "monthdays", "hours", "minutes", "seconds",
                "yeardays", "weekyears", "weeks", "weekdays", "moon", "yearsdays");
        shape(m, "rsc_expression", List.of(), "id:ID", "class", "provider", "type");
        shape(m, "op_expression", List.of(), "id:ID", "name", "interval");
        shape(m, "fencing-topology", List.of("fencing-level"));
        shape(m, "fencing-level", List.of(), "id:ID", "target", "target-pattern", "target-attribute", "target-value",
                "index:POSITIVE_INTEGER", "devices:DEVICES");
        shape(m, "acls", List.of("acl_target", "acl_group", "acl_role"));
        shape(m, "acl_target", List.of("role"), "id", "name");
        shape(m, "acl_group", List.of("role"), "id:ID", "name");
        shape(m, "role", List.of(), "id:IDREF");
        shape(m, "acl_role", List.of("acl_permission"), "id:ID", "description");
        shape(m, "acl_permission", List.of(), "id:ID", "kind=read|write|deny", "xpath", "reference:IDREF",
                "object-type", "attribute", "description");
        shape(m, "tags", List.of("tag"));
        shape(m, "tag", List.of("obj_ref"), "id:ID");
        shape(m, "obj_ref", List.of(), "id");
        shape(m, "alerts", List.of("alert"));
        shape(m, "alert", List.of("meta_attributes", "instance_attributes", "select", "recipient"), "id:ID",
                "description", "path");
        shape(m, "select", List.of("select_attributes", "select_fencing", "select_nodes", "select_resources"));
        shape(m, "select_attributes", List.of("attribute"));
        shape(m, "attribute", List.of(), "id:ID", "name");
        for (String s : List.of("select_fencing", "select_nodes", "select_resources")) {
            shape(m, s, List.of());
        }
        shape(m, "recipient", List.of("meta_attributes", "instance_attributes"), "id:ID", "description", "value");
        return Map.copyOf(m);
    }

    /** {@code name}, {@code name:TYPE} or {@code name=v1|v2} (an enumeration). */
    private static void shape(Map<String, Shape> m, String element, List<String> children, String... attributes) {
        Map<String, Attr> attrs = new HashMap<>();
        for (String a : attributes) {
            int eq = a.indexOf('=');
            int colon = a.indexOf(':');
            if (eq > 0) {
                attrs.put(a.substring(0, eq), new Attr(Type.ENUM, Set.of(a.substring(eq + 1).split("\\|"))));
            } else if (colon > 0) {
                attrs.put(a.substring(0, colon), new Attr(Type.valueOf(a.substring(colon + 1)), Set.of()));
            } else {
                attrs.put(a, new Attr(Type.TEXT, Set.of()));
            }
        }
        m.put(element, new Shape(Map.copyOf(attrs), Set.copyOf(children)));
    }

    private final BiConsumer<String, String> error;
    private final boolean newRoles;
    private final boolean influence;

    private ConfigurationSchema(String validateWith, BiConsumer<String, String> error) {
        this.error = error;
        int[] v = SchemaVersion.of(validateWith);
        // Promoted/Unpromoted came with pacemaker-3.7, colocation influence with 3.6
        this.newRoles = v == null || SchemaVersion.atLeast(v, 3, 7);
        this.influence = v == null || SchemaVersion.atLeast(v, 3, 6);
    }

    /**
     * Reports each element or attribute the schema does not allow, each id that is not an XML name, each value
     * of the wrong type, and every control character, as (object id, message) to {@code error}.
     */
    static void check(XmlElement configuration, String validateWith, BiConsumer<String, String> error) {
        new ConfigurationSchema(validateWith, error).element(configuration, null, null);
    }

    private void element(XmlElement e, XmlElement parent, String owner) {
        String id = e.attribute("id") != null && !e.name().equals("resource_ref") && !e.name().equals("obj_ref")
                && !e.name().equals("role") ? e.attribute("id") : owner;
        String where = describe(e, id);
        Shape shape = SHAPES.get(e.name());
        if (shape == null) {
            error.accept(id, "element <" + printable(e.name()) + "> is not allowed in the configuration"
                    + (parent == null ? "" : " (inside <" + parent.name() + ">)"));
            return;
        }
        if (e.text() != null) {
            error.accept(id, where + " has text content, which the schema does not allow");
        }
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            attribute(e, where, id, a.getKey(), a.getValue(), shape.attributes().get(a.getKey()));
        }
        for (XmlElement child : e.children()) {
            if (!shape.children().contains(child.name())) {
                String childId = child.attribute("id") != null ? child.attribute("id") : id;
                error.accept(childId, "element <" + printable(child.name()) + "> is not allowed inside <"
                        + e.name() + ">" + (SHAPES.containsKey(child.name()) ? "" : " (unknown element)"));
                continue;
            }
            element(child, e, id);
        }
    }

    private void attribute(XmlElement e, String where, String id, String name, String value, Attr attr) {
        String bad = ControlCharacters.find(value);
        if (bad != null) {
            error.accept(id, where + ": " + printable(name) + " contains the control character " + bad
                    + " (not allowed in a CIB)");
            return;
        }
        if (attr == null || (name.equals("influence") && !influence)) {
            error.accept(id, where + ": attribute '" + printable(name) + "' is not allowed on <" + e.name() + ">");
            return;
        }
        String problem = switch (attr.type()) {
            case TEXT -> null;
            case ID, IDREF -> XmlNames.isNcName(value) ? null
                    : "is not a valid id (letters, digits, '_', '-' and '.', starting with a letter or '_')";
            case BOOLEAN -> XmlNames.isBoolean(value) ? null : "is not a boolean (true or false)";
            case INTEGER -> XmlNames.isInteger(value) ? null : "is not an integer";
            case POSITIVE_INTEGER -> XmlNames.isInteger(value) && !value.trim().startsWith("-")
                    && !value.trim().replaceFirst("^\\+", "").matches("0+") ? null : "is not a positive integer";
            case SCORE -> XmlNames.isScore(value) ? null : "is not a score (an integer, INFINITY or -INFINITY)";
            case ROLE -> (newRoles ? ROLES : ROLES_OLD).contains(value) ? null
                    : "is not a role (expected one of " + String.join(", ", sorted(newRoles ? ROLES : ROLES_OLD))
                            + ")";
            case ENUM -> attr.values().contains(value) ? null
                    : "is not one of " + String.join(", ", sorted(attr.values()));
            case DEVICES -> value.matches("[a-zA-Z0-9_.\\-]+(,[a-zA-Z0-9_.\\-]+)*") ? null
                    : "is not a comma-separated list of device ids";
        };
        if (problem != null) {
            error.accept(id, where + ": " + name + "=\"" + printable(value) + "\" " + problem);
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static String describe(XmlElement e, String id) {
        String own = e.attribute("id");
        return "<" + e.name() + (own != null && XmlNames.isNcName(own) ? " id=\"" + own + "\"" : "") + ">";
    }

    /** The text with control characters shown as {@code \xNN}, so a message never carries them. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (ControlCharacters.isControl(cp)) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
