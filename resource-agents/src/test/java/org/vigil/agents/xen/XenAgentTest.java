package org.vigil.agents.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.NodeAttributes;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.TestHosts;

/**
 * The native Xen agent against an emulated {@code xl} (src/test/resources/emulators/xen/xl), which
 * reproduces xl 4.x's list table, state flags, exit codes and error messages.
 */
class XenAgentTest {
    @TempDir
    Path tmp;

    private Path xen() {
        return tmp.resolve("emu-state/xen");
    }

    private Path vmConfig() throws Exception {
        Path cfg = tmp.resolve("vm01.cfg");
        Files.writeString(cfg, "name = \"vm01\"\nmemory = 1024\nvcpus = 1\n");
        return cfg;
    }

    private AgentResult run(HostEnvironment host, ActionName action, Map<String, String> params, Map<String, String> meta, Duration timeout) {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new XenAgent()), List.of()), host)) {
            return TestHosts.run(ex, new AgentAction(AgentId.ocf("heartbeat", "Xen"), "vm01", action, params, meta, 0, timeout));
        }
    }

    private AgentResult run(HostEnvironment host, ActionName action, Map<String, String> params) {
        return run(host, action, params, Map.of(), Duration.ofSeconds(10));
    }

    private String log() throws Exception {
        return Files.readString(tmp.resolve("emu-state/xl.log"));
    }

    @Test
    void xenAgentAgainstEmulatedXlStartsMonitorsAndStopsADomain() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString());
        assertEquals(OcfStatus.NOT_RUNNING, run(host, ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        assertTrue(log().contains("xl create " + vmConfig() + " name=vm01"), log());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.STOP, p).status());
        assertTrue(log().contains("xl shutdown vm01"), log());
        assertFalse(log().contains("destroy"), "an orderly shutdown needs no destroy: " + log());
        assertEquals(OcfStatus.NOT_RUNNING, run(host, ActionName.MONITOR, p).status());
    }

    @Test
    void xenAgentAgainstEmulatedXlDestroysAGuestThatIgnoresShutdownAfterShutdownTimeout() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString(), "shutdown_timeout", "1");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        Files.writeString(xen().resolve("ignore_shutdown"), "");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.STOP, p).status());
        assertTrue(log().contains("xl shutdown vm01"), log());
        assertTrue(log().contains("xl destroy vm01"), log());
        assertEquals(OcfStatus.NOT_RUNNING, run(host, ActionName.MONITOR, p).status());
    }

    @Test
    void xenAgentAgainstEmulatedXlLiveMigratesToNodeIpAttribute() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl")
                .withNodeAttributes(NodeAttributes.of(Map.of("server51", Map.of("ip_livemigration", "192.168.1.51"))));
        Map<String, String> p = Map.of("xmfile", vmConfig().toString(), "node_ip_attribute", "ip_livemigration");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        AgentResult r = run(host, ActionName.MIGRATE_TO, p, Map.of("migrate_source", "server50", "migrate_target", "server51"), Duration.ofSeconds(10));
        assertEquals(OcfStatus.SUCCESS, r.status(), r.exitReason());
        assertEquals("vm01 192.168.1.51\n", Files.readString(xen().resolve("migrations")));
    }

    @Test
    void xenAgentAgainstEmulatedXlMigratesToTheNodeNameWithoutTheAttribute() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString(), "node_ip_attribute", "ip_livemigration");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.MIGRATE_TO, p, Map.of("migrate_target", "server52"), Duration.ofSeconds(10)).status());
        assertEquals("vm01 server52\n", Files.readString(xen().resolve("migrations")));
    }

    @Test
    void xenAgentAgainstEmulatedXmFallsBackToXmMigrateLive() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xm");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.MIGRATE_TO, p, Map.of("migrate_target", "server53"), Duration.ofSeconds(10)).status());
        assertTrue(log().contains("xm migrate --live vm01 server53"), log());
    }

    @Test
    void xenAgentAgainstEmulatedXlFailsMigrationOfADomainNotRunningHere() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        AgentResult r = run(host, ActionName.MIGRATE_TO, Map.of("xmfile", vmConfig().toString()), Map.of("migrate_target", "server51"), Duration.ofSeconds(10));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("not active locally"), r.exitReason());
    }

    @Test
    void xenAgentAgainstEmulatedXlReportsFailedMigration() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        Files.writeString(xen().resolve("fail_migrate"), "");
        AgentResult r = run(host, ActionName.MIGRATE_TO, p, Map.of("migrate_target", "server51"), Duration.ofSeconds(10));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("connection refused"), r.exitReason());
    }

    @Test
    void xenAgentAgainstEmulatedXlMigrateFromWaitsForTheIncomingDomain() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString());
        Files.createDirectories(xen().resolve("domains"));
        Files.writeString(xen().resolve("domains/vm01"), "-b----\n");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.MIGRATE_FROM, p).status());
        Files.delete(xen().resolve("domains/vm01"));
        AgentResult missing = run(host, ActionName.MIGRATE_FROM, p, Map.of(), Duration.ofMillis(1500));
        assertEquals(OcfStatus.ERR_GENERIC, missing.status());
    }

    @Test
    void xenAgentAgainstEmulatedXlReportsPausedAndCrashedDomainsAsFailed() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString());
        Files.createDirectories(xen().resolve("domains"));
        Files.writeString(xen().resolve("domains/vm01"), "--p---\n");
        AgentResult paused = run(host, ActionName.MONITOR, p);
        assertEquals(OcfStatus.ERR_GENERIC, paused.status());
        assertTrue(paused.exitReason().contains("paused"), paused.exitReason());
        Files.writeString(xen().resolve("domains/vm01"), "----c-\n");
        AgentResult crashed = run(host, ActionName.MONITOR, p);
        assertEquals(OcfStatus.ERR_GENERIC, crashed.status());
        assertTrue(crashed.exitReason().contains("crashed"), crashed.exitReason());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.STOP, p).status(), "a crashed domain is destroyed");
        assertTrue(log().contains("xl destroy vm01"), log());
        assertFalse(log().contains("xl shutdown"), "no orderly shutdown of a crashed domain: " + log());
    }

    @Test
    void xenAgentAgainstEmulatedXlUnpausesADomainCreatedPaused() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Files.createDirectories(xen());
        Files.writeString(xen().resolve("create_paused"), "");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        assertTrue(log().contains("xl unpause vm01"), log());
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.MONITOR, p).status());
    }

    @Test
    void xenAgentAgainstEmulatedXlReportsFailedCreate() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Files.createDirectories(xen());
        Files.writeString(xen().resolve("fail_create"), "");
        AgentResult r = run(host, ActionName.START, Map.of("xmfile", vmConfig().toString()));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("cannot create"), r.exitReason());
    }

    @Test
    void xenAgentWithoutXlOrXmIsNotInstalled() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp).withPath(tmp.resolve("bin").toString());
        AgentResult r = run(host, ActionName.MONITOR, Map.of("xmfile", vmConfig().toString()));
        assertEquals(OcfStatus.ERR_INSTALLED, r.status());
        assertTrue(r.exitReason().contains("xl"), r.exitReason());
    }

    @Test
    void xenAgentWithoutXmfileOrWithBadShutdownTimeoutIsNotConfigured() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host, ActionName.START, Map.of()).status());
        Map<String, String> bad = new HashMap<>(Map.of("xmfile", vmConfig().toString(), "shutdown_timeout", "soon"));
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host, ActionName.STOP, bad).status());
    }

    @Test
    void xenAgentAgainstEmulatedXlStartWithMissingConfigIsNotInstalled() {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        assertEquals(OcfStatus.ERR_INSTALLED, run(host, ActionName.START, Map.of("xmfile", tmp.resolve("nope.cfg").toString())).status());
    }

    @Test
    void xenAgentAgainstHangingEmulatedXlTimesOut() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Files.createDirectories(xen());
        Files.writeString(xen().resolve("hang"), "");
        long t0 = System.nanoTime();
        AgentResult r = run(host, ActionName.MONITOR, Map.of("xmfile", vmConfig().toString()), Map.of(), Duration.ofMillis(800));
        assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 4000);
    }

    @Test
    void xenAgentAgainstEmulatedXlStopsADomainLeftMigratingByAnInterruptedMigration() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Files.createDirectories(xen().resolve("domains"));
        Files.writeString(xen().resolve("domains/migrating-vm01"), "--p---\n");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.STOP, Map.of("xmfile", vmConfig().toString())).status());
        assertFalse(Files.exists(xen().resolve("domains/migrating-vm01")));
    }

    @Test
    void xenAgentSaysSoWhenAnUnimplementedClassicFeatureIsEnabled() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        AgentResult r = run(host, ActionName.START, Map.of("xmfile", vmConfig().toString(), "allow_mem_management", "1"));
        assertEquals(OcfStatus.SUCCESS, r.status());
        assertTrue(r.output().contains("allow_mem_management is not implemented"), r.output());
    }

    @Test
    void domainNameComesFromTheNameParameterThenTheConfigFile() throws Exception {
        HostEnvironment host = TestHosts.withEmulators(tmp, "xen/xl");
        Map<String, String> p = Map.of("xmfile", vmConfig().toString(), "name", "other");
        assertEquals(OcfStatus.SUCCESS, run(host, ActionName.START, p).status());
        assertTrue(Files.exists(xen().resolve("domains/other")));
    }
}
