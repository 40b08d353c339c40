package org.vigil.agents.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

class FenceAgentsTest {
    @TempDir
    Path tmp;

    private static final Path FENCE_DUMMY = Path.of("/usr/sbin/fence_dummy");

    private FenceResult fence(HostEnvironment host, FenceRequest request) throws Exception {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.load(), host)) {
            CompletableFuture<FenceResult> f = new CompletableFuture<>();
            ex.fence(request, f::complete);
            return f.get(20, TimeUnit.SECONDS);
        }
    }

    private FenceRequest dummy(FenceAction action, Path status) {
        return new FenceRequest(AgentId.stonith("fence_dummy"), action, Optional.of("node2"),
                Map.of("status_file", status.toString(), "pcmk_host_list", "node2"), Duration.ofSeconds(15));
    }

    @Test
    void debianFenceDummyPowersOffAndOnThroughKeyValueStdin() throws Exception {
        assumeTrue(Files.isExecutable(FENCE_DUMMY), "Debian fence-agents not installed (/usr/sbin/fence_dummy); apt-get install fence-agents");
        HostEnvironment host = TestHosts.host(tmp);
        Path status = tmp.resolve("fence.status");
        FenceResult initial = fence(host, dummy(FenceAction.STATUS, status));
        assertEquals(PowerState.OFF, initial.power());
        assertEquals(2, initial.exitCode());
        assertTrue(fence(host, dummy(FenceAction.ON, status)).succeeded());
        assertEquals(PowerState.ON, fence(host, dummy(FenceAction.STATUS, status)).power());
        FenceResult off = fence(host, dummy(FenceAction.OFF, status));
        assertTrue(off.succeeded(), off.reason());
        assertFalse(off.output().contains("Ignoring unknown option"), "fence_dummy has no port parameter, so none is passed: " + off.output());
        assertEquals(PowerState.OFF, fence(host, dummy(FenceAction.STATUS, status)).power());
        assertTrue(fence(host, dummy(FenceAction.REBOOT, status)).succeeded());
        assertEquals(PowerState.ON, fence(host, dummy(FenceAction.STATUS, status)).power());
    }

    @Test
    void debianFenceDummyAsAStonithResourceRunsWhereStartedAndIsMonitoredThere() {
        assumeTrue(Files.isExecutable(FENCE_DUMMY), "Debian fence-agents not installed (/usr/sbin/fence_dummy)");
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.load(), TestHosts.host(tmp))) {
            AgentAction direct = AgentAction.of(AgentId.stonith("fence_dummy"), "fencing", ActionName.MONITOR,
                    Map.of("status_file", tmp.resolve("s").toString()), Duration.ofSeconds(15));
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, direct).status(), "crm ra exec checks the device");
            AgentAction monitor = direct.withMeta(Map.of("interval", "0"));
            assertEquals(OcfStatus.NOT_RUNNING, TestHosts.run(ex, monitor).status(),
                    "a probe before start: the device is not registered on this node");
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, monitor.withAction(ActionName.START)).status());
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, monitor).status(), "started: the agent's monitor");
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, monitor.withAction(ActionName.STOP)).status());
            assertEquals(OcfStatus.NOT_RUNNING, TestHosts.run(ex, monitor).status());
            AgentResult md = TestHosts.run(ex, monitor.withAction(ActionName.META_DATA));
            assertTrue(md.output().contains("<resource-agent name=\"fence_dummy\""), md.output());
        }
    }

    @Test
    void fenceScriptGetsDeviceParametersActionAndPortOnStdinWithoutPacemakerOptions() throws Exception {
        Path capture = tmp.resolve("stdin.txt");
        Path sbin = tmp.resolve("sbin");
        TestHosts.script(sbin, "fence_capture", "#!/bin/sh\n"
                + "if [ \"$1\" = -o ]; then echo '<resource-agent name=\"fence_capture\"><parameters><parameter name=\"port\"/></parameters></resource-agent>'; exit 0; fi\n"
                + "cat > " + capture + "\nexit 0\n");
        HostEnvironment host = TestHosts.host(tmp).withFenceAgentDirs(List.of(sbin));
        FenceResult r = fence(host, new FenceRequest(AgentId.stonith("fence_capture"), FenceAction.REBOOT, Optional.of("server51"),
                Map.of("ipaddr", "10.0.0.5", "login", "admin", "action", "on", "pcmk_host_list", "server51"), Duration.ofSeconds(5)));
        assertTrue(r.succeeded(), r.reason());
        assertEquals(List.of("ipaddr=10.0.0.5", "login=admin", "action=reboot", "port=server51"), Files.readAllLines(capture));
    }

    @Test
    void hangingFenceScriptTimesOut() throws Exception {
        Path sbin = tmp.resolve("sbin");
        TestHosts.script(sbin, "fence_hang", "#!/bin/sh\nsleep 30\n");
        HostEnvironment host = TestHosts.host(tmp).withFenceAgentDirs(List.of(sbin));
        FenceResult r = fence(host, new FenceRequest(AgentId.stonith("fence_hang"), FenceAction.OFF, Optional.of("n1"),
                Map.of("pcmk_host_argument", "port"), Duration.ofMillis(700)));
        assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
        assertFalse(r.succeeded());
    }

    @Test
    void missingFenceAgentIsReportedByName() throws Exception {
        FenceResult r = fence(TestHosts.host(tmp).withFenceAgentDirs(List.of(tmp)), new FenceRequest(AgentId.stonith("fence_nosuch"),
                FenceAction.OFF, Optional.of("n1"), Map.of(), Duration.ofSeconds(2)));
        assertEquals(ExecStatus.ERROR, r.execStatus());
        assertTrue(r.reason().contains("fence_nosuch"), r.reason());
    }

    @Test
    void nativeFileFenceAgentRecordsPowerStatesPerTarget() throws Exception {
        HostEnvironment host = TestHosts.host(tmp);
        Map<String, String> p = Map.of("state_dir", tmp.resolve("power").toString(), "hosts", "server50 server51");
        AgentId id = AgentId.stonith("fence_vigil_file");
        assertEquals(PowerState.ON, fence(host, new FenceRequest(id, FenceAction.STATUS, Optional.of("server51"), p, Duration.ofSeconds(5))).power());
        assertTrue(fence(host, new FenceRequest(id, FenceAction.OFF, Optional.of("server51"), p, Duration.ofSeconds(5))).succeeded());
        FenceResult st = fence(host, new FenceRequest(id, FenceAction.STATUS, Optional.of("server51"), p, Duration.ofSeconds(5)));
        assertEquals(PowerState.OFF, st.power());
        assertEquals(2, st.exitCode());
        assertEquals(PowerState.ON, fence(host, new FenceRequest(id, FenceAction.STATUS, Optional.of("server50"), p, Duration.ofSeconds(5))).power());
        assertEquals("server50\nserver51\n", fence(host, new FenceRequest(id, FenceAction.LIST, Optional.empty(), p, Duration.ofSeconds(5))).output());
        FenceResult bad = fence(host, new FenceRequest(id, FenceAction.OFF, Optional.of("../etc"), p, Duration.ofSeconds(5)));
        assertFalse(bad.succeeded());
        assertTrue(bad.reason().contains("invalid fence target"), bad.reason());
    }

    @Test
    void startingAStonithResourceChecksTheDeviceAnswers() throws Exception {
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.load(), TestHosts.host(tmp))) {
            AgentAction start = AgentAction.of(AgentId.stonith("fence_vigil_file"), "fence1", ActionName.START,
                    Map.of("state_dir", tmp.resolve("missing").toString()), Duration.ofSeconds(5));
            AgentResult broken = TestHosts.run(ex, start);
            assertEquals(OcfStatus.ERR_GENERIC, broken.status());
            assertTrue(broken.exitReason().contains("not a writable directory"), broken.exitReason());
            Files.createDirectories(tmp.resolve("missing"));
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, start).status());
            assertEquals(OcfStatus.SUCCESS, TestHosts.run(ex, start.withAction(ActionName.STOP)).status());
        }
    }

    @Test
    void powerActionsWithoutTargetAreRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new FenceRequest(AgentId.stonith("fence_dummy"),
                FenceAction.OFF, Optional.empty(), Map.of(), Duration.ofSeconds(1)));
    }
}
