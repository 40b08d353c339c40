package org.vigil.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/** crm simulate's what-if changes (crm_simulate's --node-up/--node-down/--node-fail/--op-inject) on a copy. */
class SimulateInjectionsTest {
    @TempDir
    Path dir;

    private CliRunner crm;
    private Path cib;

    @BeforeEach
    void cib() throws Exception {
        cib = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream("/org/vigil/cli/resource/running.xml")) {
            Files.writeString(cib, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("name=\"stonith-enabled\" value=\"false\"", "name=\"stonith-enabled\" value=\"true\""));
        }
        crm = CliRunner.withCib(dir, "cib.xml");
    }

    @Test
    void failedNodeIsUncleanAndFencedWhileTheCibIsUnchanged() throws Exception {
        byte[] before = Files.readAllBytes(cib);
        CliRunner.Result r = crm.sh("crm simulate -L --node-fail brina");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Node brina: UNCLEAN (offline)"), r.out());
        assertTrue(r.out().contains("Fence (reboot) brina 'peer is no longer part of the cluster'"), r.out());
        assertArrayEquals(before, Files.readAllBytes(cib));
        assertTrue(crm.sh("crm simulate -L").out().contains("Online: [ brina piova ]"), "nothing injected without options");
    }

    @Test
    void nodeDownAndUpChangeTheMembershipAsCrmSimulateDoes() {
        // piova still has resources in its history: offline and, with fencing on, to be fenced
        String down = crm.sh("crm simulate -L --node-down piova").out();
        assertTrue(down.contains("Online: [ brina ]") && down.contains("Node piova: UNCLEAN (offline)"), down);
        // crm_simulate's order: up first, then down and failed
        assertTrue(crm.sh("crm simulate -L --node-up piova --node-down piova").out().contains("Online: [ brina ]"));
        String up = crm.sh("crm simulate -L --node-down piova --node-up brina").out();
        assertTrue(up.contains("Online: [ brina ]"), up);
    }

    @Test
    void injectedMonitorFailureRecoversTheResource() {
        CliRunner.Result r = crm.sh("crm simulate -L -i vm01_monitor_30000@brina=7");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s*\\* Recover\\s+vm01\\s+\\( brina \\)\\s*")), r.out());
    }

    @Test
    void badInjectionsAreRefusedInOneLine() {
        CliRunner.Result spec = crm.sh("crm simulate -L --op-inject vm01_bad");
        assertEquals(2, spec.code());
        assertTrue(spec.err().contains("--op-inject 'vm01_bad': expected RSC_TASK_INTERVAL@NODE=RC"), spec.err());
        CliRunner.Result node = crm.sh("crm simulate -L --node-fail nosuch");
        assertEquals(2, node.code());
        assertTrue(node.err().contains("no node 'nosuch' in the CIB"), node.err());
        CliRunner.Result history = crm.sh("crm simulate -L -i DRBD_monitor_20@piova=7");
        assertTrue(history.err().contains("piova has no history of 'DRBD'"), history.err());
    }
}
