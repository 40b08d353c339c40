package org.vigil.agents;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads and writes OCF {@code resource-agent} meta-data XML (ra-api-1). Agents' XML carries a
 * {@code <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">}, so DTDs are tolerated but never loaded
 * and entities are never expanded: agent output is untrusted input.
 */
public final class MetadataXml {
    private MetadataXml() {}

    public static AgentMetadata parse(String agentName, String xml) throws MetadataException {
        if (xml == null || xml.isBlank()) {
            throw new MetadataException("meta-data of " + agentName + " is empty: expected a <resource-agent> XML document");
        }
        Document doc;
        try {
            doc = SecureXml.parse(xml);
        } catch (SAXException | IOException e) {
            throw new MetadataException("meta-data of " + agentName + " is not well-formed XML (expected a <resource-agent> document): " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("resource-agent")) {
            throw new MetadataException("meta-data of " + agentName + " has root element <" + root.getTagName() + ">, expected <resource-agent>");
        }
        String name = root.getAttribute("name");
        String version = childText(root, "version").orElse(root.getAttribute("version"));
        String shortDesc = childText(root, "shortdesc").orElse(root.getAttribute("shortdesc"));
        String longDesc = childText(root, "longdesc").orElse("");
        List<ParameterSpec> params = new ArrayList<>();
        for (Element p : children(firstChild(root, "parameters"), "parameter")) {
            params.add(parameter(agentName, p));
        }
        List<ActionSpec> actions = new ArrayList<>();
        for (Element a : children(firstChild(root, "actions"), "action")) {
            actions.add(action(agentName, a));
        }
        return new AgentMetadata(name.isEmpty() ? agentName : name, version, shortDesc, longDesc, params, actions);
    }

    private static ParameterSpec parameter(String agentName, Element p) throws MetadataException {
        String name = p.getAttribute("name");
        if (name.isEmpty()) {
            throw new MetadataException("meta-data of " + agentName + ": <parameter> without a name attribute");
        }
        Element content = firstChild(p, "content");
        String type = content == null ? "string" : content.getAttribute("type");
        Optional<String> def = content == null || !content.hasAttribute("default")
                ? Optional.empty() : Optional.of(content.getAttribute("default"));
        return new ParameterSpec(name, type, flag(p, "required"), flag(p, "unique"), flag(p, "reloadable"), def,
                childText(p, "shortdesc").orElse(""), childText(p, "longdesc").orElse(""));
    }

    private static ActionSpec action(String agentName, Element a) throws MetadataException {
        String name = a.getAttribute("name");
        if (name.isEmpty()) {
            throw new MetadataException("meta-data of " + agentName + ": <action> without a name attribute");
        }
        try {
            Duration timeout = a.hasAttribute("timeout") ? OcfDurations.parse(a.getAttribute("timeout")) : Duration.ofSeconds(20);
            Optional<Duration> interval = a.hasAttribute("interval") ? Optional.of(OcfDurations.parse(a.getAttribute("interval"))) : Optional.empty();
            int depth = a.hasAttribute("depth") && !a.getAttribute("depth").isBlank() ? Integer.parseInt(a.getAttribute("depth").trim()) : 0;
            Optional<String> role = a.hasAttribute("role") ? Optional.of(a.getAttribute("role")) : Optional.empty();
            return new ActionSpec(name, timeout, interval, depth, role);
        } catch (IllegalArgumentException e) {
            throw new MetadataException("meta-data of " + agentName + ": action " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean flag(Element e, String attr) {
        String v = e.getAttribute(attr).trim();
        return v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
    }

    private static Element firstChild(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<String> childText(Element parent, String tag) {
        Element e = firstChild(parent, tag);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().strip());
    }

    /** Renders meta-data in the ra-api-1 format that {@code meta-data} actions print. */
    public static String render(AgentMetadata md) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n");
        sb.append("<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n");
        sb.append("<resource-agent name=\"").append(esc(md.name())).append("\" version=\"").append(esc(md.version())).append("\">\n");
        sb.append("<version>").append(esc(md.version().isEmpty() ? "1.0" : md.version())).append("</version>\n");
        sb.append("<longdesc lang=\"en\">").append(esc(md.longDesc())).append("</longdesc>\n");
        sb.append("<shortdesc lang=\"en\">").append(esc(md.shortDesc())).append("</shortdesc>\n");
        sb.append("<parameters>\n");
        for (ParameterSpec p : md.parameters()) {
            sb.append("<parameter name=\"").append(esc(p.name())).append("\" unique=\"").append(p.unique() ? 1 : 0)
                    .append("\" required=\"").append(p.required() ? 1 : 0).append('"');
            if (p.reloadable()) {
                sb.append(" reloadable=\"1\"");
            }
            sb.append(">\n");
            sb.append("<longdesc lang=\"en\">").append(esc(p.longDesc())).append("</longdesc>\n");
            sb.append("<shortdesc lang=\"en\">").append(esc(p.shortDesc())).append("</shortdesc>\n");
            sb.append("<content type=\"").append(esc(p.type())).append('"');
            p.defaultValue().ifPresent(d -> sb.append(" default=\"").append(esc(d)).append('"'));
            sb.append(" />\n</parameter>\n");
        }
        sb.append("</parameters>\n<actions>\n");
        for (ActionSpec a : md.actions()) {
            sb.append("<action name=\"").append(esc(a.name())).append("\" timeout=\"").append(OcfDurations.format(a.timeout())).append('"');
            a.interval().ifPresent(i -> sb.append(" interval=\"").append(OcfDurations.format(i)).append('"'));
            if (a.name().equals("monitor")) {
                sb.append(" depth=\"").append(a.depth()).append('"');
            }
            a.role().ifPresent(r -> sb.append(" role=\"").append(esc(r)).append('"'));
            sb.append(" />\n");
        }
        sb.append("</actions>\n</resource-agent>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
