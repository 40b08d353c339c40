package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.XmlEscape;

/**
 * An element of a Pacemaker tool's {@code --output-as xml} answer, written as libxml2 formats it: attributes in the
 * order added (null values left out), two spaces per level, empty elements closed with {@code />}, and an element
 * holding text (or CDATA) written on one line with its text as is.
 */
final class PcmkXml {
    private record Text(String text, boolean cdata) {}

    /** Lines already written at some depth (another formatter's element), re-indented to where they go. */
    private record Raw(List<String> lines) {}

    private final String name;
    private final List<String[]> attributes = new ArrayList<>();
    private final List<Object> parts = new ArrayList<>();

    PcmkXml(String name) {
        this.name = name;
    }

    /** Adds attributes as name/value pairs; a null value leaves its attribute out. */
    PcmkXml attr(String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                attributes.add(new String[] {pairs[i], pairs[i + 1]});
            }
        }
        return this;
    }

    /** Adds and returns a new child element. */
    PcmkXml child(String childName) {
        PcmkXml c = new PcmkXml(childName);
        parts.add(c);
        return c;
    }

    PcmkXml add(PcmkXml c) {
        parts.add(c);
        return c;
    }

    /** Adds a child element holding only {@code text}, and returns it. */
    PcmkXml textChild(String childName, String text) {
        PcmkXml c = child(childName);
        c.parts.add(new Text(text, false));
        return c;
    }

    /** Adds a child element holding {@code text} as one CDATA section, and returns it. */
    PcmkXml cdataChild(String childName, String text) {
        PcmkXml c = child(childName);
        c.parts.add(new Text(text, true));
        return c;
    }

    /** Makes this element hold {@code text} as one CDATA section. */
    PcmkXml cdata(String text) {
        parts.add(new Text(text, true));
        return this;
    }

    /** Adds elements already written (one element per line group), their first line's indentation taken as depth 0. */
    PcmkXml raw(List<String> lines) {
        if (!lines.isEmpty()) {
            parts.add(new Raw(List.copyOf(lines)));
        }
        return this;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    String write() {
        StringBuilder sb = new StringBuilder();
        write(0, sb);
        return sb.toString();
    }

    private void write(int depth, StringBuilder sb) {
        String indent = "  ".repeat(depth);
        sb.append(indent).append('<').append(name);
        for (String[] a : attributes) {
            sb.append(' ').append(a[0]).append("=\"");
            XmlEscape.append(a[1], true, sb);
            sb.append('"');
        }
        if (parts.isEmpty()) {
            sb.append("/>\n");
            return;
        }
        if (parts.stream().anyMatch(p -> p instanceof Text)) {
            // libxml2 does not indent inside an element with text
            sb.append('>');
            for (Object p : parts) {
                if (p instanceof Text t) {
                    if (t.cdata()) {
                        sb.append("<![CDATA[").append(t.text()).append("]]>");
                    } else {
                        XmlEscape.append(t.text(), false, sb);
                    }
                }
            }
            sb.append("</").append(name).append(">\n");
            return;
        }
        sb.append(">\n");
        for (Object p : parts) {
            if (p instanceof PcmkXml c) {
                c.write(depth + 1, sb);
            } else if (p instanceof Raw r) {
                int base = r.lines().get(0).length() - r.lines().get(0).stripLeading().length();
                String in = "  ".repeat(depth + 1);
                for (String l : r.lines()) {
                    sb.append(in).append(l, Math.min(base, l.length() - l.stripLeading().length()), l.length())
                            .append('\n');
                }
            }
        }
        sb.append(indent).append("</").append(name).append(">\n");
    }
}
