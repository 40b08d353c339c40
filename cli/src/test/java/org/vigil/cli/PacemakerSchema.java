package org.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Checks a CIB file with Pacemaker's own schema and crm_verify, when they are installed (else skips). */
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

    /** Pacemaker's crm_verify (when installed) accepts the file: exit 0. */
    static void assertCrmVerifyAccepts(Path cib) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/sbin/crm_verify");
        Assumptions.assumeTrue(Files.isExecutable(tool), "Pacemaker's crm_verify not installed; skipping");
        Process p = new ProcessBuilder(tool.toString(), "-x", cib.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "Pacemaker's crm_verify rejects the CIB:\n" + out);
    }
}
