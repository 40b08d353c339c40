package org.vigil.agents.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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
import org.vigil.agents.OcfStatus;
import org.vigil.agents.TestHosts;

/**
 * The native VirtualDomain agent against an emulated {@code virsh}
 * (src/test/resources/emulators/virt/virsh) reproducing libvirt 9's virsh command syntax,
 * domstate words, messages and exit codes.
 */
class VirtualDomainAgentTest {
    @TempDir
    Path tmp;

    private HostEnvironment host;
    private Map<String, String> p;

    @BeforeEach
    void setUp() throws Exception {
        host = TestHosts.withEmulators(tmp, "virt/virsh");
        Path cfg = tmp.resolve("dns.xml");
        Files.writeString(cfg, "<domain type='kvm'>\n  <name>dns</name>\n  <memory unit='MiB'>1024</memory>\n</domain>\n");
        p = new HashMap<>(Map.of("config", cfg.toString()));
        Files.createDirectories(virt());
    }

    private Path virt() {
        return tmp.resolve("emu-state/virt");
    }

    private String log() throws Exception {
        return Files.readString(tmp.resolve("emu-state/virsh.log"));
    }

    private AgentResult run(ActionName action, Map<String, String> params, Map<String, String> meta, Duration timeout) {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new VirtualDomainAgent()), List.of()), host)) {
            return TestHosts.run(ex, new AgentAction(AgentId.ocf("heartbeat", "VirtualDomain"), "vm-dns", action, params, meta, 0, timeout));
        }
    }

    private AgentResult run(ActionName action) {
        return run(action, p, Map.of(), Duration.ofSeconds(10));
    }

    @Test
    void virtualDomainAgainstEmulatedVirshDefinesStartsMonitorsAndShutsDown() throws Exception {
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        assertTrue(log().contains("virsh -c qemu:///system define " + p.get("config")), log());
        assertTrue(log().contains("virsh -c qemu:///system start dns"), log());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.MONITOR).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP).status());
        assertTrue(log().contains("shutdown dns"), log());
        assertFalse(log().contains("destroy dns"), log());
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR).status());
    }

    @Test
    void virtualDomainAgainstEmulatedVirshDestroysAGuestThatIgnoresShutdown() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        Files.writeString(virt().resolve("ignore_shutdown"), "");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP, p, Map.of(), Duration.ofSeconds(2)).status());
        assertTrue(log().contains("destroy dns"), log());
        assertEquals("shut off", Files.readString(virt().resolve("dns")).strip());
    }

    @Test
    void virtualDomainAgainstEmulatedVirshForceStopDestroysAtOnce() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        p.put("force_stop", "true");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP).status());
        assertFalse(log().contains("shutdown dns"), log());
    }

    @Test
    void virtualDomainAgainstEmulatedVirshLiveMigratesOverMigrationTransport() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        p.put("migration_transport", "tcp");
        p.put("migration_user", "root");
        p.put("migration_network_suffix", "-mig");
        AgentResult r = run(ActionName.MIGRATE_TO, p, Map.of("migrate_target", "node2"), Duration.ofSeconds(10));
        assertEquals(OcfStatus.SUCCESS, r.status(), r.exitReason());
        assertTrue(log().contains("migrate --live dns qemu+tcp://root@node2-mig/system"), log());
    }

    @Test
    void virtualDomainAgainstEmulatedVirshReportsAFailedMigration() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        Files.writeString(virt().resolve("fail_migrate"), "");
        AgentResult r = run(ActionName.MIGRATE_TO, p, Map.of("migrate_target", "node2"), Duration.ofSeconds(10));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("migration job"), r.exitReason());
    }

    @Test
    void virtualDomainMigrateFromSucceedsOnceTheDomainRunsHere() throws Exception {
        Files.writeString(virt().resolve("dns"), "running\n");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.MIGRATE_FROM).status());
    }

    @Test
    void virtualDomainAgainstEmulatedVirshReportsPausedAndCrashedDomains() throws Exception {
        Files.writeString(virt().resolve("dns"), "paused\n");
        AgentResult paused = run(ActionName.MONITOR);
        assertEquals(OcfStatus.ERR_GENERIC, paused.status());
        assertTrue(paused.exitReason().contains("paused"), paused.exitReason());
        Files.writeString(virt().resolve("dns"), "crashed\n");
        assertEquals(OcfStatus.ERR_GENERIC, run(ActionName.MONITOR).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP).status());
        assertTrue(log().contains("destroy dns"), log());
    }

    @Test
    void virtualDomainAgainstEmulatedVirshReportsAFailedStart() throws Exception {
        Files.writeString(virt().resolve("fail_start"), "");
        AgentResult r = run(ActionName.START);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("Failed to start domain"), r.exitReason());
    }

    @Test
    void virtualDomainWithoutVirshIsNotInstalled() {
        host = host.withPath(tmp.resolve("empty-bin").toString());
        assertEquals(OcfStatus.ERR_INSTALLED, run(ActionName.MONITOR).status());
    }

    @Test
    void virtualDomainWithBadConfigurationIsNotConfigured() throws Exception {
        Path noName = tmp.resolve("noname.xml");
        Files.writeString(noName, "<domain type='kvm'><memory>1</memory></domain>");
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START, Map.of("config", noName.toString()), Map.of(), Duration.ofSeconds(5)).status());
        Path notXml = tmp.resolve("broken.xml");
        Files.writeString(notXml, "<domain><name>x</name>");
        AgentResult r = run(ActionName.START, Map.of("config", notXml.toString()), Map.of(), Duration.ofSeconds(5));
        assertEquals(OcfStatus.ERR_CONFIGURED, r.status());
        assertTrue(r.exitReason().contains("not well-formed"), r.exitReason());
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START, Map.of("config", p.get("config"), "hypervisor", "nonsense"), Map.of(), Duration.ofSeconds(5)).status());
        assertEquals(OcfStatus.ERR_INSTALLED, run(ActionName.START, Map.of("config", tmp.resolve("absent.xml").toString()), Map.of(), Duration.ofSeconds(5)).status());
    }

    @Test
    void virtualDomainAgainstHangingEmulatedVirshTimesOut() throws Exception {
        Files.writeString(virt().resolve("hang"), "");
        assertEquals(ExecStatus.TIMED_OUT, run(ActionName.MONITOR, p, Map.of(), Duration.ofMillis(800)).execStatus());
    }
}
