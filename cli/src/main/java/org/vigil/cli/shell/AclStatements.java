package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.cib.XmlElement;
import org.vigil.cli.Suggestions;

/**
 * crmsh's ACL statements (Pacemaker's ACL 2.0 schema): {@code role ID RIGHT SPEC... ...},
 * {@code acl_target ID ROLE...} and {@code acl_group ID ROLE...}, kept as XML in the {@code acls} section.
 */
final class AclStatements {
    static final String ACLS = "acls";
    static final List<String> RIGHTS = List.of("read", "write", "deny");
    /** crmsh's spec words and the acl_permission attribute each sets. */
    static final Map<String, String> SPECS = Map.of("xpath", "xpath", "ref", "reference", "reference",
            "reference", "tag", "object-type", "type", "object-type", "attr", "attribute", "attribute",
            "attribute");

    /** crmsh's xpath shortcuts: each {@code @@} takes one colon-separated argument, in order. */
    private record Shortcut(String name, List<String> pieces) {}

    private static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("meta", List.of("//primitive[@id='@@']/meta_attributes", "/nvpair[@name='@@']")),
            new Shortcut("params", List.of("//primitive[@id='@@']/instance_attributes", "/nvpair[@name='@@']")),
            new Shortcut("utilization", List.of("//primitive[@id='@@']/utilization")),
            new Shortcut("location", List.of("//rsc_location[@id='cli-prefer-@@' and @rsc='@@']")),
            new Shortcut("property", List.of("//crm_config/cluster_property_set", "/nvpair[@name='@@']")),
            new Shortcut("nodeattr", List.of("//nodes/node/instance_attributes", "/nvpair[@name='@@']")),
            new Shortcut("nodeutil", List.of("//nodes/node/utilization", "[@uname='@@']")),
            new Shortcut("node", List.of("//nodes/node", "[@uname='@@']")),
            new Shortcut("status", List.of("/cib/status")),
            new Shortcut("cib", List.of("/cib")));

    private AclStatements() {}

    static Statement parse(Cursor c, String keyword, int line) {
        return switch (keyword) {
            case "role" -> role(c, line);
            case "acl_target" -> members(c, "acl_target", line);
            case "acl_group" -> members(c, "acl_group", line);
            default -> throw c.errorAtPrevious("'user' is the ACL syntax of Pacemaker 1.1 and is not supported; "
                    + "write acl_target ID ROLE... with roles defined by 'role'");
        };
    }

    /** {@code acl_target ID ROLE...}: the user (or group) and the roles it has. */
    private static Statement members(Cursor c, String element, int line) {
        String id = ConfigParser.id(c, element + " id");
        List<XmlElement> roles = new ArrayList<>();
        while (!c.atEnd()) {
            String r = c.nextText("a role id");
            if (r.startsWith("role:")) {
                r = r.substring(5);
            }
            ConfigParser.checkId(c, r, "role id");
            roles.add(new XmlElement("role", Map.of("id", r), List.of()));
        }
        return new Statement.ExtraDef(id, ACLS, new XmlElement(element, Map.of("id", id), roles), line);
    }

    /** {@code role ID [description=TEXT] RIGHT [$id=ID] [description=TEXT] SPEC... ...}. */
    private static Statement role(Cursor c, int line) {
        String id = ConfigParser.id(c, "role id");
        Map<String, String> roleAttrs = new LinkedHashMap<>();
        roleAttrs.put("id", id);
        if (c.peekIsPair() && c.peekText().startsWith("description=")) {
            roleAttrs.put("description", ConfigParser.pair(c).value());
        }
        List<XmlElement> permissions = new ArrayList<>();
        while (!c.atEnd()) {
            String right = c.nextText("read, write or deny");
            if (!RIGHTS.contains(right.toLowerCase(java.util.Locale.ROOT))) {
                throw c.errorAtPrevious("role " + id + ": expected read, write or deny but found '" + right + "'"
                        + Suggestions.hint(right, RIGHTS));
            }
            String permId = null;
            String description = null;
            if (c.peekIsPair() && c.peekText().startsWith("$id=")) {
                permId = ConfigParser.pair(c).value();
            }
            if (c.peekIsPair() && c.peekText().startsWith("description=")) {
                description = ConfigParser.pair(c).value();
            }
            Map<String, String> specs = new LinkedHashMap<>();
            while (!c.atEnd() && isSpec(c.peekText())) {
                String t = c.nextText("TYPE:SPEC");
                int colon = t.indexOf(':');
                String type = colon < 0 ? t : t.substring(0, colon);
                String value = colon < 0 ? null : t.substring(colon + 1);
                if (SPECS.containsKey(type)) {
                    if (value == null || value.isEmpty()) {
                        throw c.errorAtPrevious("role " + id + ": '" + type + ":' needs a value");
                    }
                    specs.put(SPECS.get(type), value);
                } else {
                    specs.put("xpath", expand(c, type, value));
                }
            }
            if (specs.isEmpty()) {
                throw c.error("role " + id + ": expected a permission after '" + right + "' (xpath:XPATH, ref:ID, "
                        + "type:TAG [attr:NAME], or a shortcut such as meta:RSC:NAME, property, status, cib)"
                        + (c.atEnd() ? "" : " but found '" + c.peekText() + "'"));
            }
            if (specs.containsKey("attribute") && !specs.containsKey("object-type")) {
                throw c.errorAtPrevious("role " + id + ": attr: is only valid together with type:");
            }
            // crmsh splits one right with several kinds of spec into one permission per kind
            for (String kind : List.of("xpath", "reference", "object-type")) {
                if (!specs.containsKey(kind)) {
                    continue;
                }
                Map<String, String> a = new LinkedHashMap<>();
                a.put("id", permId != null && permissions.isEmpty() ? permId : Ids.numbered(id, permissions.size()));
                a.put("kind", right.toLowerCase(java.util.Locale.ROOT));
                a.put(kind, specs.get(kind));
                if (kind.equals("object-type") && specs.containsKey("attribute")) {
                    a.put("attribute", specs.get("attribute"));
                }
                if (description != null) {
                    a.put("description", description);
                }
                permissions.add(new XmlElement("acl_permission", a, List.of()));
                permId = null;
            }
        }
        if (permissions.isEmpty()) {
            throw c.error("role " + id + " needs at least one permission (read, write or deny followed by a spec)");
        }
        return new Statement.ExtraDef(id, ACLS, new XmlElement("acl_role", roleAttrs, permissions), line);
    }

    private static boolean isSpec(String token) {
        String type = token.contains(":") ? token.substring(0, token.indexOf(':')) : token;
        return SPECS.containsKey(type) || SHORTCUTS.stream().anyMatch(s -> s.name().equals(type));
    }

    /**
     * crmsh's expansion: each argument fills the next piece with a {@code @@} (every {@code @@} in it), pieces
     * without one are copied on the way; without arguments only a first piece without {@code @@} is allowed.
     */
    private static String expand(Cursor c, String name, String value) {
        Shortcut s = SHORTCUTS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        List<String> pieces = s.pieces();
        if (value == null || value.isEmpty()) {
            if (pieces.get(0).contains("@@")) {
                throw c.errorAtPrevious("ACL shortcut '" + name + "' needs an argument (e.g. " + name + ":ID)");
            }
            return pieces.get(0);
        }
        StringBuilder xpath = new StringBuilder();
        int i = 0;
        for (String arg : value.split(":", -1)) {
            if (i < pieces.size() && !pieces.get(i).contains("@@")) {
                xpath.append(pieces.get(i++));
            }
            if (i >= pieces.size()) {
                throw c.errorAtPrevious("ACL shortcut '" + name + "' takes fewer arguments than '" + value + "'");
            }
            xpath.append(pieces.get(i++).replace("@@", arg));
        }
        return xpath.toString();
    }

    /** The shortcut that expands to {@code xpath} exactly ({@code meta:d0:target-role}), or null. */
    static String shortcutFor(String xpath) {
        for (Shortcut s : SHORTCUTS) {
            List<String> pieces = s.pieces();
            if (!pieces.get(0).contains("@@") && pieces.get(0).equals(xpath)) {
                return s.name();
            }
            StringBuilder regex = new StringBuilder();
            int groups = 0;
            for (String piece : pieces) {
                String[] parts = piece.split("@@", -1);
                int group = groups + 1;
                for (int j = 0; j < parts.length; j++) {
                    if (j == 1) {
                        regex.append("([^':]+)");
                        groups++;
                    } else if (j > 1) {
                        regex.append("\\").append(group);
                    }
                    regex.append(Pattern.quote(parts[j]));
                }
                if (parts.length == 1) {
                    continue;
                }
                Matcher m = Pattern.compile(regex.toString()).matcher(xpath);
                if (m.matches()) {
                    StringBuilder out = new StringBuilder(s.name());
                    for (int g = 1; g <= m.groupCount(); g++) {
                        out.append(':').append(m.group(g));
                    }
                    return out.toString();
                }
            }
        }
        return null;
    }
}
