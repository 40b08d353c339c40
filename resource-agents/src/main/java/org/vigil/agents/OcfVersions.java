package org.vigil.agents;

/** Compares the OCF standard version an agent declares ({@code <version>1.1</version>}). */
final class OcfVersions {
    private OcfVersions() {}

    /** Whether {@code version} ("1.1", "1.0", "2") is at least {@code major.minor}; unreadable counts as 1.0. */
    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version == null ? new String[0] : version.trim().split("\\.");
        int ma = number(parts, 0, 1);
        int mi = number(parts, 1, 0);
        return ma != major ? ma > major : mi >= minor;
    }

    private static int number(String[] parts, int i, int missing) {
        if (i >= parts.length) {
            return missing;
        }
        try {
            return Integer.parseInt(parts[i].trim());
        } catch (NumberFormatException e) {
            return i == 0 ? 1 : 0;
        }
    }
}
