package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.CibXml;
import org.vigil.cib.XmlElement;

/**
 * crmsh's {@code alert ID PATH [description=T] [attributes ...] [meta ...] [select KIND... [attributes { NAME... }]]
 * [to [{] RECIPIENT [description=T] [attributes ...] [meta ...] [}]] ...}, kept as XML in the {@code alerts} section.
 */
final class AlertStatements {
    static final String ALERTS = "alerts";
    static final List<String> SELECTORS = List.of("nodes", "fencing", "resources", "attributes");

    private AlertStatements() {}

    static Statement alert(Cursor c, int line) {
        String id = ConfigParser.id(c, "alert id");
        String path = c.nextText("the path of the alert agent");
        if (path.contains("=")) {
            throw c.errorAtPrevious("alert " + id + ": expected the path of the alert agent but found '" + path + "'");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("path", path);
        if (c.peekIsPair() && c.peekText().startsWith("description=")) {
            a.put("description", ConfigParser.pair(c).value());
        }
        List<XmlElement> kids = new ArrayList<>();
        int instance = 0;
        int meta = 0;
        int recipients = 0;
        int attributes = 0;
        XmlElement select = null;
        int selectAt = -1;
        while (!c.atEnd()) {
            String kw = c.nextText("attributes, meta, select or to");
            switch (kw) {
                case "attributes" -> kids.add(CibXml.toTree("instance_attributes",
                        ConfigParser.nvSet(c, Ids.nvSet(id, "instance_attributes", instance++), kw)));
                case "meta" -> kids.add(CibXml.toTree("meta_attributes",
                        ConfigParser.nvSet(c, Ids.nvSet(id, "meta_attributes", meta++), kw)));
                case "select" -> {
                    List<XmlElement> sel = new ArrayList<>(select == null ? List.of() : select.children());
                    int before = sel.size();
                    while (!c.atEnd() && SELECTORS.contains(c.peekText())) {
                        String kind = c.nextText("a selector");
                        if (kind.equals("attributes")) {
                            if (!c.peekIs("{")) {
                                // 'select nodes attributes x=1': the attributes belong to the alert
                                kids.add(CibXml.toTree("instance_attributes",
                                        ConfigParser.nvSet(c, Ids.nvSet(id, "instance_attributes", instance++),
                                                kind)));
                                break;
                            }
                            c.next("{");
                            List<XmlElement> names = new ArrayList<>();
                            while (!c.peekIs("}")) {
                                String n = c.nextText("an attribute name or '}'");
                                Map<String, String> at = new LinkedHashMap<>();
                                at.put("id", Ids.numbered(id, attributes++));
                                at.put("name", n);
                                names.add(new XmlElement("attribute", at, List.of()));
                            }
                            c.next("}");
                            sel.add(new XmlElement("select_attributes", Map.of(), names));
                        } else {
                            sel.add(new XmlElement("select_" + kind, Map.of(), List.of()));
                        }
                    }
                    if (sel.size() == before) {
                        throw c.error("alert " + id + ": expected nodes, fencing, resources or attributes { ... } "
                                + "after 'select'" + (c.atEnd() ? "" : " but found '" + c.peekText() + "'"));
                    }
                    select = new XmlElement("select", Map.of(), sel);
                    if (selectAt < 0) {
                        selectAt = kids.size();
                        kids.add(select);
                    } else {
                        kids.set(selectAt, select);
                    }
                }
                case "to" -> kids.add(recipient(c, id, ++recipients));
                default -> throw c.errorAtPrevious("alert " + id + ": expected attributes, meta, select or to but "
                        + "found '" + kw + "'" + org.vigil.cli.Suggestions.hint(kw,
                                List.of("attributes", "meta", "select", "to")));
            }
        }
        return new Statement.ExtraDef(id, ALERTS, new XmlElement("alert", a, kids), line);
    }

    private static XmlElement recipient(Cursor c, String alertId, int n) {
        boolean braced = c.peekIs("{");
        if (braced) {
            c.next("{");
        }
        String rid = alertId + "-recipient-" + n;
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", rid);
        a.put("value", c.nextText("the recipient (a path, address, ...)"));
        if (c.peekIsPair() && c.peekText().startsWith("description=")) {
            a.put("description", ConfigParser.pair(c).value());
        }
        List<XmlElement> kids = new ArrayList<>();
        int instance = 0;
        int meta = 0;
        while (c.peekIs("attributes") || c.peekIs("meta")) {
            String kw = c.nextText("attributes or meta");
            if (kw.equals("attributes")) {
                kids.add(CibXml.toTree("instance_attributes",
                        ConfigParser.nvSet(c, Ids.nvSet(rid, "instance_attributes", instance++), kw)));
            } else {
                kids.add(CibXml.toTree("meta_attributes",
                        ConfigParser.nvSet(c, Ids.nvSet(rid, "meta_attributes", meta++), kw)));
            }
        }
        if (braced) {
            Token t = c.next("'}'");
            if (!t.is("}")) {
                throw c.errorAtPrevious("alert " + alertId + ": expected '}' after the recipient but found '"
                        + t.text() + "'");
            }
        }
        return new XmlElement("recipient", a, kids);
    }
}
