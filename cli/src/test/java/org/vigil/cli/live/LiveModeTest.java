package org.vigil.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.NvSet;
import org.vigil.cib.NvSets;
import org.vigil.cib.Primitive;
import org.vigil.cli.CliRunner;
import org.vigil.ipc.FenceOutcome;
import org.vigil.ipc.IpcServer;
import org.vigil.ipc.ServiceException;

/** crm without CIB_file: every command through a real IPC socket to a fake vigild. */
class LiveModeTest {
    private Path dir;
    private Path socket;
    private IpcServer server;
    private final FakeDaemon daemon = new FakeDaemon();
    private final List<String> serverLog = new ArrayList<>();
    private CliRunner crm;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "crm"); // socket paths must stay short
        socket = dir.resolve("v.sock");
        server = IpcServer.start(IpcServer.Config.of(socket).withLog(serverLog::add), daemon);
        crm = new CliRunner(dir).env("VIGIL_SOCKET", socket.toString());
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Cib withProperty(Cib cib, String name, String value) {
        List<NvSet> sets = new ArrayList<>(cib.configuration().clusterProperties());
        sets.set(0, sets.get(0).with(name, value));
        return cib.withConfiguration(cib.configuration().withClusterProperties(sets));
    }

    private static String property(Cib cib, String name) {
        return NvSets.unconditional(cib.configuration().clusterProperties()).get(name);
    }

    private static String targetRole(Cib cib) {
        Primitive p = (Primitive) cib.configuration().resource("vm01").orElseThrow();
        return NvSets.firstValue(p.metaAttributes(), "target-role").orElse(null);
    }

    @Test
    void configurationChangeIsCommittedThroughTheDaemon() {
        CliRunner.Result r = crm.sh("crm configure property no-quorum-policy=stop");
        assertEquals(0, r.code(), r.err());
        assertEquals("stop", property(daemon.current(), "no-quorum-policy"));
        assertEquals(6, daemon.current().version().epoch(), "the DC bumped the epoch once");
        assertEquals(1, daemon.committed.size());
    }

    @Test
    void conflictingChangeIsReappliedOnTheNewCibAndLandsOnce() {
        daemon.concurrentChanges = 2;
        CliRunner.Result r = crm.sh("crm configure property no-quorum-policy=stop");
        assertEquals(0, r.code(), r.err());
        Cib now = daemon.current();
        assertEquals("stop", property(now, "no-quorum-policy"));
        assertEquals("was here", property(now, "other-admin-1"), "the concurrent change is kept");
        assertEquals("was here", property(now, "other-admin-0"));
        assertEquals(3, daemon.commitAttempts);
        assertEquals(1, daemon.committed.size(), "committed exactly once");
    }

    @Test
    void clusterThatKeepsChangingGivesUpAfterBoundedAttemptsWithNothingCommitted() {
        daemon.concurrentChanges = 100;
        CliRunner.Result r = crm.sh("crm configure property no-quorum-policy=stop");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("crm: change not committed, CIB unchanged: the cluster's CIB kept changing "
                + "while the change was applied (5 attempts; last: the CIB changed meanwhile"), r.err());
        assertEquals(5, daemon.commitAttempts);
        assertTrue(daemon.committed.isEmpty());
        assertEquals(null, property(daemon.current(), "no-quorum-policy"));
    }

    @Test
    void changeTheDaemonRefusesIsReportedAndNothingIsCommitted() {
        daemon.refusal = new ServiceException(ServiceException.Kind.NO_QUORUM,
                "this partition has no quorum (1 of 3 votes); the CIB cannot change");
        Cib before = daemon.current();
        CliRunner.Result r = crm.sh("crm configure property no-quorum-policy=stop");
        assertEquals(1, r.code());
        assertEquals("crm: change not committed, CIB unchanged: this partition has no quorum (1 of 3 votes); the "
                + "CIB cannot change\n", r.err());
        assertEquals(before, daemon.current());
        assertEquals(1, daemon.commitAttempts, "no retry for a refusal");
    }

    @Test
    void changeDuringAnElectionWaitsForTheNewDc() {
        daemon.electing = 2;
        CliRunner.Result r = crm.sh("crm configure property no-quorum-policy=stop");
        assertEquals(0, r.code(), r.err());
        assertEquals("stop", property(daemon.current(), "no-quorum-policy"));
        assertEquals(3, daemon.commitAttempts);
    }

    @Test
    void invalidChangeIsRefusedBeforeItReachesTheDaemon() {
        Cib before = daemon.current();
        CliRunner.Result r = crm.sh("crm configure colocation c inf: vm02 vm01");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("crm: change rejected, CIB unchanged:") && r.err().contains("vm02"), r.err());
        assertEquals(0, daemon.commitAttempts);
        assertEquals(before, daemon.current());
    }

    @Test
    void statusShowsDcQuorumMembersRingsAndFencingHistory() {
        CliRunner.Result r = crm.sh("crm status");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("  * Stack: vigil\n"), out);
        assertTrue(out.contains("  * Current DC: node2 (version 0.1.0) - partition with quorum\n"), out);
        assertTrue(out.contains("  * 3 nodes configured\n"), out);
        // node3 is up in the CIB but not a member: membership wins, and with fencing on it is unclean
        assertTrue(out.contains("  * Node node3: UNCLEAN (offline)\n"), out);
        assertTrue(out.contains("  * Online: [ node1 node2 ]\n"), out);
        assertTrue(out.contains("vm01\t(ocf:heartbeat:Dummy):\t Started node1"), out);
        assertTrue(out.contains("\nRings (seen from node1):\n  * ring 0: active with no faults\n"
                + "  * ring 1: FAULTY: node3 silent for 12 s\n"), out);
        assertTrue(out.contains("\nFencing History:\n"
                + "  * reboot of node4 successful: device=fence4, origin=node2, completed='2026-11-22 03:10:00Z', "
                + "reason='node4 left while running vm02'\n"
                + "  * off of node3 failed: device=fence3, origin=node1, last-failed='2026-11-22 03:20:00Z', "
                + "reason='fence_ipmilan: connection timed out'\n"), out);
    }

    @Test
    void statusWhileElectingWithoutQuorumSaysSo() {
        var s = daemon.state;
        daemon.state = new org.vigil.ipc.ClusterState("node1", null, false, 1, 3, List.of("node1"), List.of("x9"),
                s.rings(), List.of(), s.version());
        String out = crm.sh("crm status").out();
        assertTrue(out.contains("  * Current DC: NONE (election in progress) - partition WITHOUT quorum\n"), out);
        assertTrue(out.contains("  * Members not in the nodelist (no votes): [ x9 ]\n"), out);
        assertFalse(out.contains("Fencing History"), out);
    }

    @Test
    void statusAsJsonCarriesTheLiveFields() throws Exception {
        CliRunner.Result r = crm.sh("crm status --output-as json");
        assertEquals(0, r.code(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("node2", json.at("/summary/dc").asText());
        assertTrue(json.at("/summary/quorate").asBoolean());
        assertEquals("live cluster via " + socket, json.at("/summary/source").asText());
        assertEquals("ring 1: FAULTY: node3 silent for 12 s", json.at("/rings/1").asText());
        assertEquals("failed", json.at("/fencingHistory/1/status").asText());
        assertFalse(json.at("/nodes/2/online").asBoolean(), "node3 is not a member");
    }

    @Test
    void clusterRingsAndStatusComeFromTheDaemon() {
        CliRunner.Result rings = crm.sh("crm cluster rings");
        assertEquals(0, rings.code(), rings.err());
        assertEquals("Ring status of node node1:\n  ring 0: active with no faults\n"
                + "  ring 1: FAULTY: node3 silent for 12 s\n", rings.out());
        CliRunner.Result st = crm.sh("crm cluster status");
        assertEquals(0, st.code(), st.err());
        assertEquals("""
                Local node:     node1
                Current DC:     node2
                Quorate:        yes
                Votes:          2 (expected 3)
                Members:        node1 node2
                Rings:
                  ring 0: active with no faults
                  ring 1: FAULTY: node3 silent for 12 s
                vigild version: 0.1.0
                """, st.out());
    }

    @Test
    void clusterCommandsAndFencingRefuseOfflineMode() {
        CliRunner offline = CliRunner.withCib(dir, "cib.xml").env("VIGIL_SOCKET", socket.toString());
        for (String cmd : List.of("crm cluster rings", "crm cluster status", "crm node fence node3 --force")) {
            CliRunner.Result r = offline.sh(cmd);
            assertEquals(1, r.code(), cmd);
            assertTrue(r.err().contains("needs the live cluster (vigild); CIB_file=" + dir.resolve("cib.xml")
                    + " is set, so crm works on that file (offline mode)"), r.err());
        }
        assertTrue(daemon.fenceRequests.isEmpty());
    }

    @Test
    void fenceReportsSuccess() {
        CliRunner.Result r = crm.sh("crm node fence node3 --force --timeout 30s");
        assertEquals(0, r.code(), r.err());
        assertEquals("Node node3 fenced (reboot) by fence3\n", r.out());
        assertEquals(List.of("node3 reboot 30s"), daemon.fenceRequests);
    }

    @Test
    void fenceFailureExitsNonZeroWithTheReason() {
        daemon.fenceResult = FenceOutcome.Status.FAILED;
        CliRunner.Result r = crm.sh("crm node fence node3 --off --force");
        assertEquals(1, r.code());
        assertEquals("crm: fencing node3 (off) failed (device fence3): fence_ipmilan: authentication failed\n",
                r.err());
        assertEquals(List.of("node3 off 120s"), daemon.fenceRequests);
    }

    @Test
    void fenceTimeoutExitsNonZero() {
        daemon.fenceResult = FenceOutcome.Status.PENDING;
        CliRunner.Result r = crm.sh("crm node fence node3 --force --timeout 2s");
        assertEquals(1, r.code());
        assertEquals("crm: fencing node3 (reboot) did not finish: fencing node3 did not complete within 2 s\n", r.err());
    }

    @Test
    void fenceAsksFirstAndDoesNothingWithoutAYes() {
        CliRunner.Result no = crm.stdin("n\n").sh("crm node fence node3");
        assertEquals(1, no.code());
        assertTrue(no.err().contains("Fence node3? [y/N]"), no.err());
        assertTrue(no.err().contains("crm: node node3 not fenced (not confirmed; --force skips the question)"),
                no.err());
        assertTrue(daemon.fenceRequests.isEmpty());
        CliRunner.Result yes = crm.stdin("y\n").sh("crm node fence node3");
        assertEquals(0, yes.code(), yes.err());
        assertEquals(List.of("node3 reboot 120s"), daemon.fenceRequests);
    }

    @Test
    void fenceOfAnUnknownNodeSuggestsTheRightOne() {
        CliRunner.Result r = crm.sh("crm node fence nod3 --force");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("crm: node nod3 does not exist"), r.err());
        assertTrue(daemon.fenceRequests.isEmpty());
    }

    @Test
    void standbyWithoutANameMeansThisNode() {
        CliRunner.Result r = crm.sh("crm node standby");
        assertEquals(0, r.code(), r.err());
        assertEquals("Node node1 is in standby; its resources will move away (check with 'crm status')\n", r.out());
        var node1 = daemon.current().configuration().node("node1").orElseThrow();
        assertEquals("on", NvSets.firstValue(node1.instanceAttributes(), "standby").orElseThrow());
    }

    @Test
    void liveNodeCommandsDoNotInventNodes() {
        CliRunner.Result r = crm.sh("crm node standby nod2");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("crm: node nod2 does not exist"), r.err());
        assertEquals(0, daemon.commitAttempts);
    }

    @Test
    void crmNodeReportsTheLocalNodeThePartitionAndQuorum() {
        assertEquals("node1\n", crm.sh("crm_node -n").out());
        assertEquals("node1 node2\n", crm.sh("crm_node -p").out());
        assertEquals("1\n", crm.sh("crm_node -q").out());
        assertEquals("1 node1 member\n2 node2 member\n3 node3 lost\n", crm.sh("crm_node -l").out());
    }

    @Test
    void crmAttributeWithoutANodeMeansThisNode() {
        CliRunner.Result r = crm.sh("crm_attribute --type nodes --name site --update left");
        assertEquals(0, r.code(), r.err());
        var node1 = daemon.current().configuration().node("node1").orElseThrow();
        assertEquals("left", NvSets.firstValue(node1.instanceAttributes(), "site").orElseThrow());
    }

    @Test
    void restartStopsWaitsForTheStopAndStartsAgainRestoringTargetRole() {
        // the "cluster": stops vm01 when asked, starts it when allowed again
        daemon.cluster = cib -> {
            boolean stopWanted = "Stopped".equals(targetRole(cib));
            boolean running = !org.vigil.cli.status.OperationHistory.of(cib).activeNodes("vm01").isEmpty();
            if (stopWanted && running) {
                return cib.withStatus(FakeDaemon.parse(FakeDaemon.CIB.formatted(FakeDaemon.status("stop", 4)))
                        .status());
            }
            if (!stopWanted && !running) {
                return cib.withStatus(FakeDaemon.parse(FakeDaemon.CIB.formatted(FakeDaemon.status("start", 5)))
                        .status());
            }
            return cib;
        };
        CliRunner.Result r = crm.sh("crm resource restart vm01 --timeout 10s");
        assertEquals(0, r.code(), r.err());
        assertEquals("INFO: stopping vm01\nINFO: starting vm01\nvm01 restarted\n", r.out());
        assertEquals(null, targetRole(daemon.current()), "target-role restored (it had none)");
        assertEquals(2, daemon.committed.size(), "one change to stop, one to restore");
    }

    @Test
    void restartThatDoesNotStopInTimeRestoresTargetRoleAndFails() {
        CliRunner.Result r = crm.sh("crm resource restart vm01 --timeout 1s");
        assertEquals(1, r.code());
        assertEquals("crm: vm01 did not stop within 1s; its target-role is restored (unset), check 'crm status'\n",
                r.err());
        assertEquals(null, targetRole(daemon.current()));
    }

    @Test
    void daemonNotRunningTellsTheUserAboutCibFile() throws IOException {
        server.close();
        CliRunner.Result r = crm.sh("crm status");
        assertEquals(1, r.code());
        assertEquals("crm: vigild is not running on this node (no socket at " + socket + "); set "
                + "CIB_file=/path/to/cib.xml to work on a CIB file (offline mode)\n", r.err());
        CliRunner.Result c = crm.sh("crm configure property a=b");
        assertEquals(1, c.code());
        assertTrue(c.err().contains("CIB_file"), c.err());
    }

    @Test
    void commitWhoseFateIsUnknownDoesNotClaimNothingChanged() {
        daemon.refusal = new ServiceException(ServiceException.Kind.TIMEOUT, "the DC did not answer within 30 s");
        CliRunner.Result r = crm.sh("crm configure property no-quorum-policy=stop");
        assertEquals(1, r.code());
        assertEquals("crm: the change may or may not have been committed (the DC did not answer within 30 s); check "
                + "with 'crm configure show' before repeating it\n", r.err());
    }

    @Test
    void separateCrmProcessGetsThroughThePeerCheckAndTheSocket() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.vigil.cli.Main", "cluster", "rings");
        pb.environment().remove("CIB_file");
        pb.environment().put("VIGIL_SOCKET", socket.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("Ring status of node node1:\n  ring 0: active with no faults\n"
                + "  ring 1: FAULTY: node3 silent for 12 s\n", out);
        assertTrue(serverLog.isEmpty(), serverLog.toString());
    }
}
