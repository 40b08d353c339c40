package org.vigil.node.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The corosync.conf copies kept as test resources. */
final class ConfigFixtures {
    private ConfigFixtures() {}

    static String resource(String name) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/corosync/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /corosync/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigCheck check(String text) {
        try {
            return ClusterConfigReader.read(CorosyncParser.parse(text, "test.conf"), "test.conf");
        } catch (ConfigException e) {
            throw new AssertionError("unexpected syntax error: " + e.getMessage(), e);
        }
    }
}
