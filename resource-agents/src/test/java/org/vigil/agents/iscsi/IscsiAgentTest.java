package org.vigil.agents.iscsi;

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
 * The native iscsi agent against an emulated open-iscsi {@code iscsiadm}
 * (src/test/resources/emulators/iscsi/iscsiadm) reproducing its discovery, node login/logout and
 * {@code -m session -P 3} output, and exit codes 4, 15 and 21.
 */
class IscsiAgentTest {
    private static final String IQN = "iqn.2010-01.br.embrapa:storage.lun1";

    @TempDir
    Path tmp;

    private HostEnvironment host;
    private Path dev;
    private Map<String, String> p;

    @BeforeEach
    void setUp() throws Exception {
        dev = Files.createDirectories(tmp.resolve("dev"));
        host = TestHosts.withEmulators(tmp, "iscsi/iscsiadm").withEnv("EMU_DEV", dev.toString()).withDevRoot(dev);
        Files.createDirectories(iscsi());
        Files.writeString(iscsi().resolve("targets"), IQN + "\niqn.2010-01.br.embrapa:storage.lun2\n");
        p = new HashMap<>(Map.of("portal", "192.168.1.10", "target", IQN));
    }

    private Path iscsi() {
        return tmp.resolve("emu-state/iscsi");
    }

    private String log() throws Exception {
        return Files.readString(tmp.resolve("emu-state/iscsiadm.log"));
    }

    private AgentResult run(ActionName action, Map<String, String> params, Duration timeout) {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new IscsiAgent()), List.of()), host)) {
            return TestHosts.run(ex, AgentAction.of(AgentId.ocf("heartbeat", "iscsi"), "lun1", action, params, timeout));
        }
    }

    private AgentResult run(ActionName action) {
        return run(action, p, Duration.ofSeconds(5));
    }

    @Test
    void iscsiAgainstEmulatedIscsiadmDiscoversLogsInWaitsForTheDiskAndLogsOut() throws Exception {
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR).status());
        AgentResult start = run(ActionName.START);
        assertEquals(OcfStatus.SUCCESS, start.status(), start.exitReason());
        assertTrue(log().contains("iscsiadm -m discovery -t sendtargets -p 192.168.1.10:3260"), log());
        assertTrue(log().contains("iscsiadm -m node -T " + IQN + " -p 192.168.1.10:3260 -l"), log());
        assertTrue(Files.exists(dev.resolve("sdb")));
        assertEquals(OcfStatus.SUCCESS, run(ActionName.MONITOR).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP).status());
        assertFalse(Files.exists(dev.resolve("sdb")));
        assertEquals(OcfStatus.NOT_RUNNING, run(ActionName.MONITOR).status());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.STOP).status(), "stop is idempotent");
    }

    @Test
    void iscsiAgainstEmulatedIscsiadmWaitsForTheMultipathAlias() throws Exception {
        Files.writeString(iscsi().resolve("multipath_alias"), "vmstore");
        p.put("multipath_alias", "vmstore");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        assertTrue(Files.exists(dev.resolve("mapper/vmstore")));
        p.put("multipath_alias", "otheralias");
        run(ActionName.STOP);
        AgentResult r = run(ActionName.START, p, Duration.ofMillis(2000));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("mapper/otheralias"), r.exitReason());
    }

    @Test
    void iscsiAgainstEmulatedIscsiadmReportsAStaleSessionAndRecoversItOnStart() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        Files.writeString(iscsi().resolve("sessions/" + IQN), "192.168.1.10:3260 FAILED sdb\n");
        AgentResult mon = run(ActionName.MONITOR);
        assertEquals(OcfStatus.ERR_GENERIC, mon.status());
        assertTrue(mon.exitReason().contains("stale iSCSI session"), mon.exitReason());
        assertTrue(mon.exitReason().contains("TRANSPORT WAIT"), mon.exitReason());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status(), "start logs the stale session out and in again");
        assertTrue(log().contains("-u"), log());
        assertEquals(OcfStatus.SUCCESS, run(ActionName.MONITOR).status());
    }

    @Test
    void iscsiMonitorWithTryRecoveryReconnectsAStaleSession() throws Exception {
        p.put("try_recovery", "true");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.START).status());
        Files.writeString(iscsi().resolve("sessions/" + IQN), "192.168.1.10:3260 FAILED sdb\n");
        assertEquals(OcfStatus.SUCCESS, run(ActionName.MONITOR).status());
        assertTrue(Files.readString(iscsi().resolve("sessions/" + IQN)).contains("LOGGED_IN"));
    }

    @Test
    void iscsiAgainstEmulatedIscsiadmReportsAnUnreachablePortal() throws Exception {
        Files.writeString(iscsi().resolve("portal_down"), "");
        AgentResult r = run(ActionName.START);
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("exited 4"), r.exitReason());
    }

    @Test
    void iscsiTargetNotOfferedByThePortalIsNotConfigured() {
        p.put("target", "iqn.2010-01.br.embrapa:storage.lun9");
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START).status());
    }

    @Test
    void iscsiAgainstEmulatedIscsiadmFailsWhenTheDiskNeverAppears() throws Exception {
        Files.writeString(iscsi().resolve("no_disk"), "");
        AgentResult r = run(ActionName.START, p, Duration.ofMillis(2000));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("block devices did not appear"), r.exitReason());
    }

    @Test
    void iscsiWithoutIscsiadmIsNotInstalledAndWithBadParametersNotConfigured() {
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START, Map.of("portal", "192.168.1.10", "target", "storage"), Duration.ofSeconds(5)).status());
        assertEquals(OcfStatus.ERR_CONFIGURED, run(ActionName.START, Map.of("portal", "192.168.1.10"), Duration.ofSeconds(5)).status());
        host = host.withPath(tmp.resolve("empty").toString());
        assertEquals(OcfStatus.ERR_INSTALLED, run(ActionName.MONITOR).status());
    }

    @Test
    void iscsiAgainstHangingEmulatedIscsiadmTimesOut() throws Exception {
        Files.writeString(iscsi().resolve("hang"), "");
        assertEquals(ExecStatus.TIMED_OUT, run(ActionName.MONITOR, p, Duration.ofMillis(800)).execStatus());
    }
}
