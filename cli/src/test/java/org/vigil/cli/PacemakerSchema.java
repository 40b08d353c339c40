package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Validates a CIB file against Pacemaker's own RELAX NG schema, when Pacemaker and xmllint are installed. */
final class PacemakerSchema {
    private PacemakerSchema() {}

    static void assertValid(Path cib, String schema) throws IOException, InterruptedException {
        Path rng = Path.of("/usr/share/pacemaker/" + schema + ".rng");
        Assumptions.assumeTrue(Files.exists(rng), "Pacemaker schema " + rng + " not installed; skipping");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/xmllint")), "xmllint not installed; skipping");
        Process p = new ProcessBuilder("/usr/bin/xmllint", "--noout", "--relaxng", rng.toString(), cib.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "Pacemaker schema validation failed:\n" + out);
    }
}
