package org.vigil.cib;

/**
 * Characters a CIB never holds: C0 and C1 controls (tab and newline included, which XML would turn into
 * spaces on the next read), DEL, the non-characters U+FFFE/U+FFFF and lone surrogates. XML 1.0 cannot carry
 * most of them at all, so one stored in a file makes every later read fail; the rest are terminal escapes
 * waiting to be printed.
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    public static boolean isControl(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff
                || (cp >= 0xd800 && cp <= 0xdfff);
    }

    /** The first control character of {@code s} as {@code U+0001}, or null when there is none. */
    public static String find(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isControl(cp)) {
                return String.format("U+%04X", cp);
            }
            i += Character.charCount(cp);
        }
        return null;
    }
}
