package org.vigil.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.LrmRscOp;
import org.vigil.cli.CliRunner;
import org.vigil.ipc.IpcServer;
import org.vigil.scheduler.Scheduler;

/**
 * crm_resource -F on a live cluster: the failed operation Pacemaker's controller records ("Simulated failure") is
 * committed through the daemon, and the scheduler recovers the resource from it.
 */
class CrmResourceFailLiveTest {
    private Path dir;
    private IpcServer server;
    private final FakeDaemon daemon = new FakeDaemon();
    private CliRunner crm;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "crm"); // socket paths must stay short
        Path socket = dir.resolve("v.sock");
        server = IpcServer.start(IpcServer.Config.of(socket), daemon);
        crm = new CliRunner(dir).env("VIGIL_SOCKET", socket.toString());
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aFailedResourceIsRecordedAsPacemakersSimulatedFailureAndRecovered() {
        CliRunner.Result r = crm.run("crm_resource", "-F", "-r", "vm01", "-N", "node1");
        assertEquals(0, r.code(), r.err());
        Cib cib = daemon.current();
        List<LrmRscOp> ops = cib.status().nodeState("node1").orElseThrow().lrm().resources().stream()
                .filter(lr -> lr.id().equals("vm01")).findFirst().orElseThrow().ops();
        LrmRscOp failed = ops.stream().filter(o -> o.id().equals("vm01_last_failure_0")).findFirst().orElseThrow();
        assertEquals("asyncmon", failed.operation());
        assertEquals(1, failed.rc());
        assertEquals("Simulated failure", failed.exitReason());
        List<String> keys = new Scheduler().schedule(cib, Instant.parse("2026-11-22T04:00:00Z")).actions().stream()
                .map(a -> a.key() + "@" + a.node()).toList();
        assertTrue(keys.contains("vm01_stop_0@node1") && keys.stream().anyMatch(k -> k.startsWith("vm01_start_0@")),
                keys.toString());
    }

    @Test
    void unknownNodesAndNonPrimitivesAreRefusedAsPacemakerRefusesThem() {
        CliRunner.Result r = crm.run("crm_resource", "-F", "-r", "vm01", "-N", "nosuch");
        assertEquals(105, r.code());
        assertEquals("Node nosuch not found\n", r.err());
        assertEquals(0, daemon.committed.size(), "nothing committed");
    }
}
