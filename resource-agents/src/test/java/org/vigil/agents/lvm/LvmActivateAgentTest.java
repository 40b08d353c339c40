package org.vigil.agents.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The native LVM-activate agent against emulated lvm2 {@code vgchange}, {@code lvchange},
 * {@code lvs} and {@code vgs} (src/test/resources/emulators/lvm), reproducing their options,
 * {@code lv_attr} output and exit code 5 with LVM's messages.
 */
class LvmActivateAgentTest {
    @TempDir
    Path tmp;

    private HostEnvironment host;

    @BeforeEach
    void setUp() throws Exception {
        host = TestHosts.withEmulators(tmp, "lvm/vgchange", "lvm/lvchange", "lvm/lvs", "lvm/vgs");
        Path vg = Files.createDirectories(tmp.resolve("emu-state/lvm/vmstore"));
        Files.writeString(vg.resolve("vm01"), "-\n");
        Files.writeString(vg.resolve("vm02"), "-\n");
    }

    private String lv(String name) throws Exception {
        return Files.readString(tmp.resolve("emu-state/lvm/vmstore/" + name)).strip();
    }

    private String log() throws Exception {
        return Files.readString(tmp.resolve("emu-state/lvm.log"));
    }

    private AgentResult run(String instance, ActionName action, Map<String, String> params) {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new LvmActivateAgent()), List.of()), host)) {
            return TestHosts.run(ex, AgentAction.of(AgentId.ocf("heartbeat", "LVM-activate"), instance, action, params, Duration.ofSeconds(5)));
        }
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("vgname", "vmstore"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void lvmActivateAgainstEmulatedLvmActivatesAVolumeGroupExclusivelyWithLvmlockd() throws Exception {
        Map<String, String> p = params("vg_access_mode", "lvmlockd");
        assertEquals(OcfStatus.NOT_RUNNING, run("vg", ActionName.MONITOR, p).status());
        AgentResult start = run("vg", ActionName.START, p);
        assertEquals(OcfStatus.SUCCESS, start.status(), start.exitReason());
        assertTrue(log().contains("vgchange --lock-start vmstore"), log());
        assertTrue(log().contains("vgchange -aey vmstore"), log());
        assertEquals("a", lv("vm01"));
        assertEquals(OcfStatus.SUCCESS, run("vg", ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run("vg", ActionName.STOP, p).status());
        assertEquals("-", lv("vm01"));
        assertEquals(OcfStatus.NOT_RUNNING, run("vg", ActionName.MONITOR, p).status());
    }

    @Test
    void lvmActivateAgainstEmulatedLvmActivatesOneLogicalVolumeSharedAsAClone() throws Exception {
        Map<String, String> p = params("vg_access_mode", "clvmd", "lvname", "vm02", "activation_mode", "shared");
        assertEquals(OcfStatus.SUCCESS, run("lv:0", ActionName.START, p).status());
        assertTrue(log().contains("lvchange -asy vmstore/vm02"), log());
        assertEquals("a", lv("vm02"));
        assertEquals("-", lv("vm01"), "only the named LV is activated");
        assertEquals(OcfStatus.SUCCESS, run("lv:0", ActionName.MONITOR, p).status());
    }

    @Test
    void lvmActivateAgainstEmulatedLvmFailsWhenAnotherHostHoldsTheExclusiveLock() throws Exception {
        Files.writeString(tmp.resolve("emu-state/lvm/held_by_other"), "");
        AgentResult r = run("vg", ActionName.START, params("vg_access_mode", "lvmlockd"));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("locked by other host"), r.exitReason());
    }

    @Test
    void lvmActivateAgainstEmulatedLvmReportsLvmlockdNotRunning() throws Exception {
        Files.writeString(tmp.resolve("emu-state/lvm/no_lvmlockd"), "");
        AgentResult r = run("vg", ActionName.START, params("vg_access_mode", "lvmlockd"));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("lvmlockd"), r.exitReason());
    }

    @Test
    void lvmActivateSystemIdAndTaggingModesTakeOwnershipFirst() throws Exception {
        assertEquals(OcfStatus.SUCCESS, run("vg", ActionName.START, params("vg_access_mode", "system_id")).status());
        assertEquals("node1", Files.readString(tmp.resolve("emu-state/lvm/vmstore/.systemid")).strip());
        assertEquals(OcfStatus.SUCCESS, run("vg", ActionName.STOP, params("vg_access_mode", "system_id")).status());
        assertEquals(OcfStatus.SUCCESS, run("vg", ActionName.START, params("vg_access_mode", "tagging", "tag", "cluster1")).status());
        assertTrue(log().contains("vgchange --addtag cluster1 vmstore"), log());
        assertEquals(OcfStatus.SUCCESS, run("vg", ActionName.STOP, params("vg_access_mode", "tagging", "tag", "cluster1")).status());
        assertTrue(log().contains("vgchange --deltag cluster1 vmstore"), log());
    }

    @Test
    void lvmActivateOfAMissingVolumeGroupIsNotInstalledOnThisNodeAndProbesNotRunning() {
        Map<String, String> p = params("vg_access_mode", "clvmd", "vgname", "othervg");
        AgentResult r = run("vg", ActionName.START, p);
        assertEquals(OcfStatus.ERR_INSTALLED, r.status());
        assertTrue(r.exitReason().contains("othervg"), r.exitReason());
        assertEquals(OcfStatus.NOT_RUNNING, run("vg", ActionName.MONITOR, p).status());
    }

    @Test
    void lvmActivateWithBadParametersIsNotConfigured() {
        assertEquals(OcfStatus.ERR_CONFIGURED, run("vg", ActionName.START, params()).status(), "vg_access_mode is required");
        assertEquals(OcfStatus.ERR_CONFIGURED, run("vg", ActionName.START, params("vg_access_mode", "magic")).status());
        assertEquals(OcfStatus.ERR_CONFIGURED, run("vg", ActionName.START, params("vg_access_mode", "system_id", "activation_mode", "shared")).status());
        assertEquals(OcfStatus.ERR_CONFIGURED, run("vg:1", ActionName.START, params("vg_access_mode", "lvmlockd")).status(), "exclusive clone");
    }

    @Test
    void lvmActivateWithoutLvm2IsNotInstalled() {
        host = host.withPath(tmp.resolve("none").toString());
        assertEquals(OcfStatus.ERR_INSTALLED, run("vg", ActionName.MONITOR, params("vg_access_mode", "clvmd")).status());
    }

    @Test
    void lvmActivateAgainstHangingEmulatedLvmTimesOut() throws Exception {
        Files.writeString(tmp.resolve("emu-state/lvm/hang"), "");
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new LvmActivateAgent()), List.of()), host)) {
            AgentResult r = TestHosts.run(ex, AgentAction.of(AgentId.ocf("heartbeat", "LVM-activate"), "vg", ActionName.MONITOR,
                    params("vg_access_mode", "clvmd"), Duration.ofMillis(800)));
            assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
        }
    }
}
