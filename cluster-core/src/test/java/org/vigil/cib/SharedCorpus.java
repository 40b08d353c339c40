package org.vigil.cib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared}; tests using it skip with a clear message on a user's checkout without it. */
public final class SharedCorpus {
    private SharedCorpus() {}

    public static Path sharedDir() {
        String prop = System.getProperty("vigil.shared.dir");
        return Path.of(prop != null ? prop : "../../shared").toAbsolutePath().normalize();
    }

    public static Path schedulerCases() {
        Path dir = sharedDir().resolve("conformance/pacemaker-scheduler");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "skipped: Pacemaker conformance cases not found at " + dir + " (../shared is absent)");
        return dir;
    }

    public static List<Path> schedulerInputs() throws IOException {
        try (Stream<Path> s = Files.list(schedulerCases())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
    }
}
