package org.vigil.cib;

/**
 * The value syntaxes of Pacemaker's schema: {@code xsd:ID}/{@code IDREF} (an XML NCName), {@code xsd:boolean},
 * {@code xsd:integer} and the score type.
 */
public final class XmlNames {
    private XmlNames() {}

    /**
     * An NCName as libxml2 checks it. Letters outside ASCII are accepted only from the Latin blocks, which
     * every XML name table includes, so no id Vigil accepts is one Pacemaker's tools refuse.
     */
    public static boolean isNcName(String s) {
        if (s == null || s.isEmpty() || !nameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!nameStart(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean nameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                || (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7 && Character.isLetter(c));
    }

    /** {@code xsd:boolean}: true, false, 1 or 0 (surrounding whitespace collapses). */
    public static boolean isBoolean(String s) {
        String t = s.strip();
        return t.equals("true") || t.equals("false") || t.equals("1") || t.equals("0");
    }

    /** {@code xsd:integer}: an optional sign and decimal digits. */
    public static boolean isInteger(String s) {
        return s.strip().matches("[+-]?[0-9]+");
    }

    /** The schema's score: an integer, INFINITY, +INFINITY or -INFINITY. */
    public static boolean isScore(String s) {
        return isInteger(s) || s.equals("INFINITY") || s.equals("+INFINITY") || s.equals("-INFINITY");
    }
}
