package org.vigil.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Vigil's version, as Maven filtered it into {@code version.properties} (never typed twice, and found whichever
 * jar or class directory the daemon and the tools run from, unlike a manifest entry).
 */
public final class VigilVersion {
    private VigilVersion() {}

    /** The version, or "unknown" when the build did not record it. */
    public static String current() {
        Properties p = new Properties();
        try (InputStream in = VigilVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
