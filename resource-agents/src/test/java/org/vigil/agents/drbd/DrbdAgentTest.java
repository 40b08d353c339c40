package org.vigil.agents.drbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.TestHosts;

/**
 * The native drbd agent against emulated {@code drbdadm} and {@code drbdsetup}
 * (src/test/resources/emulators/drbd), which reproduce DRBD 9's command syntax, the
 * {@code drbdsetup status --json} document and the exit codes 10 (no such resource) and 11
 * (state change failed).
 */
class DrbdAgentTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> P = Map.of("drbd_resource", "r0");

    private HostEnvironment host() {
        return TestHosts.withEmulators(tmp, "drbd/drbdadm", "drbd/drbdsetup");
    }

    private Path drbd() {
        return tmp.resolve("emu-state/drbd");
    }

    private void set(String file, String value) throws Exception {
        Files.createDirectories(drbd().resolve("r0"));
        Files.writeString(drbd().resolve("r0/" + file), value + "\n");
    }

    private void control(String file) throws Exception {
        Files.createDirectories(drbd());
        Files.writeString(drbd().resolve(file), "");
    }

    private AgentResult run(HostEnvironment host, ActionName action, Map<String, String> meta) {
        return run(host, action, P, meta, Duration.ofSeconds(10));
    }

    private AgentResult run(HostEnvironment host, ActionName action, Map<String, String> params, Map<String, String> meta, Duration timeout) {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(new DrbdAgent()), List.of()), host)) {
            return TestHosts.run(ex, new AgentAction(AgentId.ocf("linbit", "drbd"), "drbd0:0", action, params, meta, 0, timeout));
        }
    }

    private static Optional<String> score(AgentResult r) {
        assertEquals(1, r.attributeUpdates().size(), r.attributeUpdates().toString());
        AttributeUpdate u = r.attributeUpdates().get(0);
        assertEquals("master-drbd0", u.name());
        return u.value();
    }

    @Test
    void drbdAgainstEmulatedDrbdadmStartsPromotesDemotesAndStops() throws Exception {
        HostEnvironment h = host();
        assertEquals(OcfStatus.NOT_RUNNING, run(h, ActionName.MONITOR, Map.of()).status());
        AgentResult start = run(h, ActionName.START, Map.of());
        assertEquals(OcfStatus.SUCCESS, start.status());
        assertEquals(Optional.of("10000"), score(start), "UpToDate with a connected peer gets the top score");
        assertEquals(OcfStatus.SUCCESS, run(h, ActionName.MONITOR, Map.of()).status());
        assertEquals(OcfStatus.SUCCESS, run(h, ActionName.PROMOTE, Map.of()).status());
        assertEquals(OcfStatus.RUNNING_PROMOTED, run(h, ActionName.MONITOR, Map.of()).status());
        assertEquals(OcfStatus.SUCCESS, run(h, ActionName.DEMOTE, Map.of()).status());
        assertEquals(OcfStatus.SUCCESS, run(h, ActionName.MONITOR, Map.of()).status());
        AgentResult stop = run(h, ActionName.STOP, Map.of());
        assertEquals(OcfStatus.SUCCESS, stop.status());
        assertEquals(Optional.empty(), score(stop), "a stopped instance withdraws its score");
        assertEquals(OcfStatus.NOT_RUNNING, run(h, ActionName.MONITOR, Map.of()).status());
        String log = Files.readString(tmp.resolve("emu-state/drbd.log"));
        assertTrue(log.contains("drbdadm -c /etc/drbd.conf up r0"), log);
        assertTrue(log.contains("drbdsetup status r0 --json"), log);
    }

    @Test
    void drbdAgainstEmulatedDrbdadmStopDemotesAPrimaryFirst() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        run(h, ActionName.PROMOTE, Map.of());
        assertEquals(OcfStatus.SUCCESS, run(h, ActionName.STOP, Map.of()).status());
        String log = Files.readString(tmp.resolve("emu-state/drbd.log"));
        assertTrue(log.indexOf("secondary r0") < log.indexOf("down r0"), log);
    }

    @Test
    void drbdAgainstEmulatedDrbdadmRefusesPromotionWithOutdatedData() throws Exception {
        HostEnvironment h = host();
        control("initial_disk");
        Files.writeString(drbd().resolve("initial_disk"), "Outdated\n");
        AgentResult start = run(h, ActionName.START, Map.of());
        assertEquals(OcfStatus.SUCCESS, start.status());
        assertEquals(Optional.empty(), score(start), "outdated data gets no promotion score");
        AgentResult promote = run(h, ActionName.PROMOTE, Map.of());
        assertEquals(OcfStatus.ERR_GENERIC, promote.status());
        assertTrue(promote.exitReason().contains("Outdated"), promote.exitReason());
        assertTrue(!Files.readString(tmp.resolve("emu-state/drbd.log")).contains("primary r0"), "drbdadm primary must not even be tried");
    }

    @Test
    void drbdPromotionScoresPreferUpToDateData() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        set("conn", "Connecting");
        assertEquals(Optional.of("1000"), score(run(h, ActionName.MONITOR, Map.of())), "UpToDate Secondary with unknown peer");
        set("disk", "Consistent");
        assertEquals(Optional.of("5"), score(run(h, ActionName.MONITOR, Map.of())), "only Consistent data");
        set("conn", "Connected");
        set("disk", "Diskless");
        assertEquals(Optional.of("10"), score(run(h, ActionName.MONITOR, Map.of())), "only remote UpToDate data");
        set("disk", "Inconsistent");
        assertEquals(Optional.empty(), score(run(h, ActionName.MONITOR, Map.of())), "Inconsistent (resyncing) data");
    }

    @Test
    void drbdAgainstEmulatedDrbdadmAllowsDualPrimaryOnlyWithPromotedMaxTwo() throws Exception {
        HostEnvironment h = host();
        control("allow_two_primaries");
        run(h, ActionName.START, Map.of());
        set("peer_role", "Primary");
        AgentResult single = run(h, ActionName.PROMOTE, Map.of("promoted_max", "1"));
        assertEquals(OcfStatus.ERR_GENERIC, single.status());
        assertTrue(single.exitReason().contains("promoted-max"), single.exitReason());
        AgentResult dual = run(h, ActionName.PROMOTE, Map.of("master_max", "2"));
        assertEquals(OcfStatus.SUCCESS, dual.status(), dual.exitReason());
        assertEquals(OcfStatus.RUNNING_PROMOTED, run(h, ActionName.MONITOR, Map.of()).status());
    }

    @Test
    void drbdAgainstEmulatedDrbdadmReportsTheKernelRefusingASecondPrimary() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        set("peer_role", "Primary");
        AgentResult r = run(h, ActionName.PROMOTE, Map.of("promoted_max", "2"));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("Multiple primaries not allowed by config"), r.exitReason());
    }

    @Test
    void drbdAgainstEmulatedDrbdadmInSplitBrainStaysStandAloneAndRefusesPromotion() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        control("split_brain");
        set("conn", "StandAlone");
        AgentResult mon = run(h, ActionName.MONITOR, Map.of());
        assertEquals(OcfStatus.SUCCESS, mon.status(), "the resource is still up as Secondary");
        assertTrue(mon.exitReason().contains("StandAlone"), mon.exitReason());
        assertEquals(Optional.of("1000"), score(mon), "the peer's state is unknown");
        AgentResult post = run(h, ActionName.NOTIFY, Map.of("notify_type", "post", "notify_operation", "start"));
        assertEquals(OcfStatus.SUCCESS, post.status());
        assertTrue(Files.readString(tmp.resolve("emu-state/drbd.log")).contains("connect r0"), "a peer start retries the connection");
        AgentResult promote = run(h, ActionName.PROMOTE, Map.of());
        assertEquals(OcfStatus.ERR_GENERIC, promote.status());
        assertTrue(promote.exitReason().contains("split brain"), promote.exitReason());
    }

    @Test
    void drbdNotifyAfterPeerStartReconnectsAStandAloneResource() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        set("conn", "StandAlone");
        AgentResult post = run(h, ActionName.NOTIFY, Map.of("notify_type", "post", "notify_operation", "start"));
        assertEquals(Optional.of("10000"), score(post));
        assertEquals("Connected", Files.readString(drbd().resolve("r0/conn")).strip());
    }

    @Test
    void drbdNotifyWithoutNotifyTypeIsNotConfigured() {
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host(), ActionName.NOTIFY, Map.of()).status());
    }

    @Test
    void drbdAgainstEmulatedDrbdadmDemoteFailsWhileTheDeviceIsInUse() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        run(h, ActionName.PROMOTE, Map.of());
        control("in_use");
        AgentResult r = run(h, ActionName.DEMOTE, Map.of());
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("held open"), r.exitReason());
    }

    @Test
    void drbdPrimaryThatLostItsDiskIsFailedPromoted() throws Exception {
        HostEnvironment h = host();
        run(h, ActionName.START, Map.of());
        run(h, ActionName.PROMOTE, Map.of());
        set("disk", "Diskless");
        set("conn", "Connecting");
        assertEquals(OcfStatus.FAILED_PROMOTED, run(h, ActionName.MONITOR, Map.of()).status());
    }

    @Test
    void drbdWithoutDrbdUtilsIsNotInstalled() {
        HostEnvironment h = TestHosts.withEmulators(tmp).withPath(tmp.resolve("bin").toString());
        assertEquals(OcfStatus.ERR_INSTALLED, run(h, ActionName.MONITOR, Map.of()).status());
    }

    @Test
    void drbdWithBadParametersIsNotConfigured() {
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host(), ActionName.START, Map.of(), Map.of(), Duration.ofSeconds(5)).status());
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host(), ActionName.START, Map.of("drbd_resource", "r0", "adjust_master_score", "1 2"), Map.of(), Duration.ofSeconds(5)).status());
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host(), ActionName.START, Map.of("drbd_resource", "r0;rm"), Map.of(), Duration.ofSeconds(5)).status());
        assertEquals(OcfStatus.ERR_CONFIGURED, run(host(), ActionName.START, P, Map.of("promoted_max", "3"), Duration.ofSeconds(5)).status());
    }

    @Test
    void drbdAgainstHangingEmulatedDrbdsetupTimesOut() throws Exception {
        HostEnvironment h = host();
        control("hang");
        assertEquals(ExecStatus.TIMED_OUT, run(h, ActionName.MONITOR, P, Map.of(), Duration.ofMillis(800)).execStatus());
    }

    @Test
    void drbdStatusParserReportsInvalidJsonClearly() {
        org.vigil.agents.AgentFailure f = org.junit.jupiter.api.Assertions.assertThrows(org.vigil.agents.AgentFailure.class,
                () -> DrbdStatus.parse("r0", "{not json"));
        assertTrue(f.getMessage().contains("drbdsetup status r0 --json"), f.getMessage());
    }
}
