package org.vigil.cib;

/** XML escaping as libxml2 writes it, for everything in Vigil that prints Pacemaker-style XML. */
public final class XmlEscape {
    private XmlEscape() {}

    /** Escapes {@code s} as attribute text ({@code attribute}) or as element text. */
    public static void append(String s, boolean attribute, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // Attribute values are normalised by parsers unless these are written as references.
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(ch);
            }
        }
    }

    /** {@code s} escaped as an attribute value. */
    public static String attribute(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        append(s, true, sb);
        return sb.toString();
    }
}
