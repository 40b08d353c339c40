package org.vigil.cib;

/** XML 1.0 (fifth edition) character classes for {@link XmlParser}, and how it names a character in a message. */
final class XmlChars {
    private XmlChars() {}

    /** The character {@code c} (-1: the end of the input) as a message names it. */
    static String describe(int c) {
        if (c < 0) {
            return "the end of the document";
        }
        if (c == '\n') {
            return "the end of the line";
        }
        if (c < 0x20 || c >= 0x7f && c < 0xa0 || c >= 0xFFFE || Character.isSurrogate((char) c)) {
            return codePoint(c);
        }
        return c == '\'' ? "\"'\"" : "'" + (char) c + "'";
    }

    /** {@code U+0001}. */
    static String codePoint(long cp) {
        String hex = Long.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
        return "U+" + "0000".substring(Math.min(4, hex.length())) + hex;
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** VersionNum: {@code 1.} and digits. */
    static boolean isVersion(String v) {
        if (v.length() < 3 || !v.startsWith("1.")) {
            return false;
        }
        for (int i = 2; i < v.length(); i++) {
            if (!isAsciiDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** EncName: a letter, then letters, digits, '.', '_' and '-'. */
    static boolean isEncodingName(String e) {
        if (e.isEmpty() || !isAsciiLetter(e.charAt(0))) {
            return false;
        }
        for (int i = 1; i < e.length(); i++) {
            char c = e.charAt(i);
            if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    static boolean isXmlChar(long cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    static boolean isNameStart(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        }
        return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || c == 0x200C || c == 0x200D
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD)
                || (c >= 0xD800 && c <= 0xDB7F); // a high surrogate of #x10000-#xEFFFF (the low one follows)
    }

    static boolean isNameChar(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == ':' || c == '-' || c == '.';
        }
        return isNameStart(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040
                || (c >= 0xDC00 && c <= 0xDFFF);
    }
}
