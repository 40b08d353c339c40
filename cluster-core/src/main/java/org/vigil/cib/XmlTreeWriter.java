package org.vigil.cib;

import java.util.Map;

/**
 * Writes an {@link XmlElement} tree as indented XML. Canonical: {@code id} first, then the other
 * attributes by name, two spaces per level, so equal trees always give the same bytes.
 */
final class XmlTreeWriter {
    private XmlTreeWriter() {}

    static String write(XmlElement root) {
        StringBuilder out = new StringBuilder(4096);
        write(root, 0, out);
        return out.toString();
    }

    private static void write(XmlElement e, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append('<').append(e.name());
        String id = e.attributes().get("id");
        if (id != null) {
            attribute(out, "id", id);
        }
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            if (!a.getKey().equals("id")) {
                attribute(out, a.getKey(), a.getValue());
            }
        }
        if (e.children().isEmpty() && e.text() == null) {
            out.append("/>\n");
            return;
        }
        out.append('>');
        if (e.children().isEmpty()) {
            escape(e.text(), false, out);
        } else {
            out.append('\n');
            if (e.text() != null) {
                out.append("  ".repeat(depth + 1));
                escape(e.text().strip(), false, out);
                out.append('\n');
            }
            for (XmlElement c : e.children()) {
                write(c, depth + 1, out);
            }
            out.append("  ".repeat(depth));
        }
        out.append("</").append(e.name()).append(">\n");
    }

    private static void attribute(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(value, true, out);
        out.append('"');
    }

    private static void escape(String s, boolean attribute, StringBuilder out) {
        XmlEscape.append(s, attribute, out);
    }
}
