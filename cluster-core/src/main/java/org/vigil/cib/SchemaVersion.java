package org.vigil.cib;

/** The version in a {@code validate-with="pacemaker-X.Y"}, for the few rules that changed between schemas. */
final class SchemaVersion {
    private SchemaVersion() {}

    /** {major, minor}, or null when the value names no pacemaker schema (then the newest rules apply). */
    static int[] of(String validateWith) {
        if (validateWith == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pacemaker-([0-9]+)\\.([0-9]+)")
                .matcher(validateWith);
        if (!m.matches()) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean atLeast(int[] v, int major, int minor) {
        return v[0] > major || (v[0] == major && v[1] >= minor);
    }
}
