package org.vigil.cli.status;

import java.util.ArrayList;
import java.util.List;

/**
 * A small XML element written as libxml2 formats Pacemaker's tool output: attributes in the order they were added
 * (null values left out), two spaces per level, empty elements closed with {@code />}.
 */
final class XmlOut {
    private final String name;
    private final List<String[]> attributes = new ArrayList<>();
    private final List<XmlOut> children = new ArrayList<>();

    XmlOut(String name) {
        this.name = name;
    }

    /** Adds attributes as name/value pairs; a null value leaves its attribute out. */
    XmlOut attr(String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                attributes.add(new String[] {pairs[i], pairs[i + 1]});
            }
        }
        return this;
    }

    /** Adds and returns a new child element. */
    XmlOut child(String childName) {
        XmlOut c = new XmlOut(childName);
        children.add(c);
        return c;
    }

    void add(XmlOut c) {
        children.add(c);
    }

    boolean isEmpty() {
        return children.isEmpty();
    }

    String write() {
        StringBuilder sb = new StringBuilder();
        write(0, sb);
        return sb.toString();
    }

    private void write(int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append('<').append(name);
        for (String[] a : attributes) {
            sb.append(' ').append(a[0]).append("=\"");
            escape(a[1], sb);
            sb.append('"');
        }
        if (children.isEmpty()) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        for (XmlOut c : children) {
            c.write(depth + 1, sb);
        }
        sb.append("  ".repeat(depth)).append("</").append(name).append(">\n");
    }

    /** libxml2's attribute escaping. */
    private static void escape(String s, StringBuilder sb) {
        org.vigil.cib.XmlEscape.append(s, true, sb);
    }
}
