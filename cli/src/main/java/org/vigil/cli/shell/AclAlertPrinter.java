package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.List;

import java.util.Set;
import org.vigil.cib.CibXml;
import org.vigil.cib.XmlElement;

/** ACL roles, targets, groups and alerts in crmsh's language; what it cannot say is thrown as Unprintable. */
final class AclAlertPrinter {
    private static final String CONT = " \\\n\t";

    private AclAlertPrinter() {}

    static String print(XmlElement e) {
        return switch (e.name()) {
            case "acl_role" -> role(e);
            case "acl_target", "acl_group" -> members(e);
            case "alert" -> alert(e);
            default -> throw new ConfigPrinter.Unprintable(e.name());
        };
    }

    private static void onlyAttributes(XmlElement e, Set<String> allowed) {
        for (String k : e.attributes().keySet()) {
            if (!allowed.contains(k)) {
                throw new ConfigPrinter.Unprintable(e.name() + " attribute " + k);
            }
        }
    }

    private static String members(XmlElement e) {
        onlyAttributes(e, Set.of("id"));
        StringBuilder sb = new StringBuilder(e.name()).append(' ').append(e.id());
        for (XmlElement r : e.children()) {
            if (!r.name().equals("role") || r.id() == null || r.attributes().size() != 1) {
                throw new ConfigPrinter.Unprintable("acl member");
            }
            sb.append(' ').append(r.id());
        }
        return sb.toString();
    }

    private static String role(XmlElement e) {
        onlyAttributes(e, Set.of("id", "description"));
        StringBuilder head = new StringBuilder("role ").append(e.id());
        if (e.attribute("description") != null) {
            head.append(" description=").append(ConfigPrinter.quote(e.attribute("description")));
        }
        List<String> parts = new ArrayList<>();
        int n = 0;
        for (XmlElement p : e.children()) {
            if (!p.name().equals("acl_permission") || !p.children().isEmpty() || p.attribute("kind") == null) {
                throw new ConfigPrinter.Unprintable("acl permission");
            }
            onlyAttributes(p, Set.of("id", "kind", "xpath", "reference", "object-type", "attribute",
                    "description"));
            StringBuilder sb = new StringBuilder(p.attribute("kind"));
            if (!Ids.numbered(e.id(), n).equals(p.id())) {
                if (p.id() == null) {
                    throw new ConfigPrinter.Unprintable("permission without id");
                }
                sb.append(" $id=").append(p.id());
            }
            n++;
            if (p.attribute("description") != null) {
                sb.append(" description=").append(ConfigPrinter.quote(p.attribute("description")));
            }
            int kinds = 0;
            if (p.attribute("xpath") != null) {
                String shortcut = AclStatements.shortcutFor(p.attribute("xpath"));
                sb.append(' ').append(shortcut != null ? shortcut : "xpath:" + ConfigPrinter.quote(p.attribute("xpath")));
                kinds++;
            }
            if (p.attribute("reference") != null) {
                sb.append(" ref:").append(ConfigPrinter.quote(p.attribute("reference")));
                kinds++;
            }
            if (p.attribute("object-type") != null) {
                sb.append(" type:").append(ConfigPrinter.quote(p.attribute("object-type")));
                if (p.attribute("attribute") != null) {
                    sb.append(" attr:").append(ConfigPrinter.quote(p.attribute("attribute")));
                }
                kinds++;
            } else if (p.attribute("attribute") != null) {
                throw new ConfigPrinter.Unprintable("attribute without object-type");
            }
            if (kinds != 1) {
                throw new ConfigPrinter.Unprintable("permission kinds");
            }
            parts.add(sb.toString());
        }
        if (parts.isEmpty()) {
            throw new ConfigPrinter.Unprintable("role without permissions");
        }
        return join(head.toString(), parts);
    }

    private static String alert(XmlElement e) {
        onlyAttributes(e, Set.of("id", "path", "description"));
        if (e.attribute("path") == null) {
            throw new ConfigPrinter.Unprintable("alert without path");
        }
        StringBuilder head = new StringBuilder("alert ").append(e.id()).append(' ')
                .append(ConfigPrinter.quote(e.attribute("path")));
        if (e.attribute("description") != null) {
            head.append(" description=").append(ConfigPrinter.quote(e.attribute("description")));
        }
        String id = e.id();
        List<String> parts = new ArrayList<>();
        int instance = 0;
        int meta = 0;
        int recipients = 0;
        int attributes = 0;
        boolean selected = false;
        List<XmlElement> kids = e.children();
        for (int i = 0; i < kids.size(); i++) {
            XmlElement k = kids.get(i);
            // a set after an unbraced recipient would read back as the recipient's
            boolean setFollows = kids.subList(i + 1, kids.size()).stream()
                    .anyMatch(x -> x.name().endsWith("_attributes"));
            switch (k.name()) {
                case "instance_attributes" -> parts.add(set("attributes", k, Ids.nvSet(id, "instance_attributes",
                        instance++)));
                case "meta_attributes" -> parts.add(set("meta", k, Ids.nvSet(id, "meta_attributes", meta++)));
                case "select" -> {
                    if (selected || !k.attributes().isEmpty() || k.children().isEmpty()) {
                        throw new ConfigPrinter.Unprintable("select");
                    }
                    selected = true;
                    StringBuilder sb = new StringBuilder("select");
                    for (XmlElement s : k.children()) {
                        if (!s.attributes().isEmpty() || !s.name().startsWith("select_")) {
                            throw new ConfigPrinter.Unprintable("selector");
                        }
                        String kind = s.name().substring(7);
                        if (!AlertStatements.SELECTORS.contains(kind)) {
                            throw new ConfigPrinter.Unprintable("selector " + kind);
                        }
                        if (kind.equals("attributes")) {
                            sb.append(" attributes {");
                            for (XmlElement a : s.children()) {
                                if (!a.name().equals("attribute") || a.attribute("name") == null
                                        || !Ids.numbered(id, attributes++).equals(a.id())
                                        || a.attributes().size() != 2) {
                                    throw new ConfigPrinter.Unprintable("selected attribute");
                                }
                                sb.append(' ').append(ConfigPrinter.quote(a.attribute("name")));
                            }
                            sb.append(" }");
                        } else if (!s.children().isEmpty()) {
                            throw new ConfigPrinter.Unprintable("selector children");
                        } else {
                            sb.append(' ').append(kind);
                        }
                    }
                    parts.add(sb.toString());
                }
                case "recipient" -> parts.add(recipient(k, id + "-recipient-" + ++recipients, setFollows));
                default -> throw new ConfigPrinter.Unprintable("alert child " + k.name());
            }
        }
        return join(head.toString(), parts);
    }

    private static String recipient(XmlElement r, String expectedId, boolean brace) {
        onlyAttributes(r, Set.of("id", "value", "description"));
        if (!expectedId.equals(r.id()) || r.attribute("value") == null) {
            throw new ConfigPrinter.Unprintable("recipient id");
        }
        StringBuilder sb = new StringBuilder("to ");
        boolean braced = brace || !r.children().isEmpty();
        if (braced) {
            sb.append("{ ");
        }
        sb.append(ConfigPrinter.quote(r.attribute("value")));
        if (r.attribute("description") != null) {
            sb.append(" description=").append(ConfigPrinter.quote(r.attribute("description")));
        }
        int instance = 0;
        int meta = 0;
        for (XmlElement k : r.children()) {
            switch (k.name()) {
                case "instance_attributes" -> sb.append(' ').append(set("attributes", k,
                        Ids.nvSet(expectedId, "instance_attributes", instance++)));
                case "meta_attributes" -> sb.append(' ').append(set("meta", k,
                        Ids.nvSet(expectedId, "meta_attributes", meta++)));
                default -> throw new ConfigPrinter.Unprintable("recipient child " + k.name());
            }
        }
        if (braced) {
            sb.append(" }");
        }
        return sb.toString();
    }

    /** An attribute set kept as XML, printed only if reading it back gives the same element. */
    private static String set(String keyword, XmlElement k, String expectedId) {
        String name = k.name();
        String text = ConfigPrinter.nvSet(keyword, CibXml.nvSetOf(k), expectedId);
        if (!CibXml.toTree(name, CibXml.nvSetOf(k)).equals(k)) {
            throw new ConfigPrinter.Unprintable("set details");
        }
        return text;
    }

    private static String join(String head, List<String> parts) {
        StringBuilder sb = new StringBuilder(head);
        for (String p : parts) {
            sb.append(CONT).append(p);
        }
        return sb.toString();
    }

}
