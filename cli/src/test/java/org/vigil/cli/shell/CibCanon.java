package org.vigil.cli.shell;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Configuration;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * XML in a canonical text form for comparing what two tools wrote: attributes sorted, whitespace dropped, and
 * children sorted except where their order means something (group members, set members, ACL lists).
 */
final class CibCanon {
    private static final Set<String> ORDERED = Set.of("group", "resource_set", "acl_role", "acl_target", "acl_group",
            "select_attributes");

    private CibCanon() {}

    static String of(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            return canon(root, "");
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** The configuration element of a model, canonical. */
    static String of(Configuration c) {
        String xml = CibXml.write(Cib.empty().withConfiguration(c));
        int a = xml.indexOf("<configuration");
        int b = xml.indexOf("</configuration>");
        return of(xml.substring(a, b + "</configuration>".length()));
    }

    /** The {@code <configuration>} element of a whole CIB text, canonical. */
    static String configurationOf(String cibXml) {
        int a = cibXml.indexOf("<configuration");
        int b = cibXml.indexOf("</configuration>");
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("no configuration in: " + cibXml);
        }
        return of(cibXml.substring(a, b + "</configuration>".length()));
    }

    private static String canon(Element e, String indent) {
        StringBuilder sb = new StringBuilder(indent).append('<').append(e.getTagName());
        TreeMap<String, String> attrs = new TreeMap<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            attrs.put(m.item(i).getNodeName(), m.item(i).getNodeValue());
        }
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        List<String> kids = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                kids.add(canon(c, indent + "  "));
            }
        }
        // empty sections are the same as absent ones
        kids.removeIf(k -> k.strip().matches("<(crm_config|nodes|resources|constraints|status|rsc_defaults|"
                + "op_defaults)>"));
        if (!ORDERED.contains(e.getTagName())) {
            kids.sort(null);
        }
        sb.append('>');
        for (String k : kids) {
            sb.append('\n').append(k);
        }
        return sb.toString();
    }
}
