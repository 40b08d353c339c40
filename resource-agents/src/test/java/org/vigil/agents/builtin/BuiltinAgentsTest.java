package org.vigil.agents.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.TestHosts;

class BuiltinAgentsTest {
    @TempDir
    Path tmp;

    private LocalAgentExecutor executor;

    @BeforeEach
    void setUp() {
        // an empty OCF root, so the native Dummy and Stateful stand in for the scripts
        executor = new LocalAgentExecutor(AgentRegistry.of(List.of(new DummyAgent(), new StatefulAgent(), new ProcessAgent()), List.of()),
                TestHosts.host(tmp).withOcfRoot(tmp.resolve("no-ocf")));
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private AgentResult run(String agent, String instance, ActionName action, Map<String, String> params) {
        return TestHosts.run(executor, AgentAction.of(AgentId.parse(agent), instance, action, params, Duration.ofSeconds(10)));
    }

    @Test
    void nativeDummyMonitorAfterStopReportsNotRunning() {
        assertEquals(OcfStatus.NOT_RUNNING, run("ocf:heartbeat:Dummy", "d", ActionName.MONITOR, Map.of()).status());
        assertEquals(OcfStatus.SUCCESS, run("ocf:heartbeat:Dummy", "d", ActionName.START, Map.of()).status());
        assertTrue(Files.exists(tmp.resolve("rsctmp/Dummy-d.state")), "same state file as the shell agent");
        assertEquals(OcfStatus.SUCCESS, run("ocf:heartbeat:Dummy", "d", ActionName.MONITOR, Map.of()).status());
        assertEquals(OcfStatus.SUCCESS, run("ocf:heartbeat:Dummy", "d", ActionName.STOP, Map.of()).status());
        assertEquals(OcfStatus.NOT_RUNNING, run("ocf:heartbeat:Dummy", "d", ActionName.MONITOR, Map.of()).status());
    }

    @Test
    void statefulPromotesDemotesAndPublishesPromotionScores() {
        String a = "ocf:pacemaker:Stateful";
        AgentResult start = run(a, "st:0", ActionName.START, Map.of());
        assertEquals(List.of(AttributeUpdate.set("master-st", "5")), start.attributeUpdates());
        assertEquals(OcfStatus.SUCCESS, run(a, "st:0", ActionName.MONITOR, Map.of()).status());
        AgentResult promote = run(a, "st:0", ActionName.PROMOTE, Map.of());
        assertEquals(List.of(AttributeUpdate.set("master-st", "10")), promote.attributeUpdates());
        assertEquals(OcfStatus.RUNNING_PROMOTED, run(a, "st:0", ActionName.MONITOR, Map.of()).status());
        assertEquals(OcfStatus.RUNNING_PROMOTED, run(a, "st:0", ActionName.STOP, Map.of()).status(), "a promoted instance is demoted before it stops");
        assertEquals(OcfStatus.SUCCESS, run(a, "st:0", ActionName.DEMOTE, Map.of()).status());
        assertEquals(OcfStatus.SUCCESS, run(a, "st:0", ActionName.MONITOR, Map.of()).status());
        AgentResult stop = run(a, "st:0", ActionName.STOP, Map.of());
        assertEquals(List.of(AttributeUpdate.delete("master-st")), stop.attributeUpdates());
        assertEquals(OcfStatus.NOT_RUNNING, run(a, "st:0", ActionName.MONITOR, Map.of()).status());
        assertEquals(OcfStatus.NOT_RUNNING, run(a, "st:0", ActionName.PROMOTE, Map.of()).status(), "cannot promote a stopped instance");
    }

    @Test
    void processAgentSupervisesADaemonAndStopsItGracefully() throws Exception {
        Path log = tmp.resolve("daemon.log");
        Map<String, String> p = Map.of("command", "sh -c 'echo up; trap \"echo bye; exit 0\" TERM; while :; do sleep 0.05; done'",
                "logfile", log.toString(), "startup_wait", "0", "stop_timeout", "2");
        assertEquals(OcfStatus.NOT_RUNNING, run("ocf:vigil:process", "p", ActionName.MONITOR, p).status());
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "p", ActionName.START, p).status());
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "p", ActionName.MONITOR, p).status());
        long pid = Long.parseLong(Files.readString(tmp.resolve("rsctmp/process-p.pid")).split("\\s+")[0]);
        for (int i = 0; i < 100 && !(Files.exists(log) && Files.readString(log).contains("up")); i++) {
            Thread.sleep(20);
        }
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "p", ActionName.STOP, p).status());
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "daemon must be gone after stop");
        assertEquals(OcfStatus.NOT_RUNNING, run("ocf:vigil:process", "p", ActionName.MONITOR, p).status());
        assertTrue(Files.readString(log).contains("up"), "daemon output goes to logfile");
    }

    @Test
    void processAgentKillsADaemonThatIgnoresTermAfterStopTimeout() {
        Map<String, String> p = Map.of("command", "sh -c 'trap \"\" TERM; while :; do sleep 0.05; done'", "startup_wait", "0", "stop_timeout", "1");
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "q", ActionName.START, p).status());
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "q", ActionName.STOP, p).status());
        assertEquals(OcfStatus.NOT_RUNNING, run("ocf:vigil:process", "q", ActionName.MONITOR, p).status());
    }

    @Test
    void processAgentReportsACrashedDaemonAndAFailingHealthCheck() throws Exception {
        Path flag = tmp.resolve("healthy");
        Files.writeString(flag, "");
        Map<String, String> p = Map.of("command", "sleep 30", "startup_wait", "0", "health_command", "test -f " + flag);
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "h", ActionName.START, p).status());
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "h", ActionName.MONITOR, p).status());
        Files.delete(flag);
        AgentResult unhealthy = run("ocf:vigil:process", "h", ActionName.MONITOR, p);
        assertEquals(OcfStatus.ERR_GENERIC, unhealthy.status());
        assertTrue(unhealthy.exitReason().contains("health command failed"), unhealthy.exitReason());
        long pid = Long.parseLong(Files.readString(tmp.resolve("rsctmp/process-h.pid")).split("\\s+")[0]);
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        h.destroyForcibly();
        h.onExit().get();
        AgentResult crashed = run("ocf:vigil:process", "h", ActionName.MONITOR, p);
        assertEquals(OcfStatus.ERR_GENERIC, crashed.status());
        assertTrue(crashed.exitReason().contains("died"), crashed.exitReason());
        assertEquals(OcfStatus.SUCCESS, run("ocf:vigil:process", "h", ActionName.STOP, p).status());
    }

    @Test
    void processAgentReportsACommandThatExitsAtOnce() {
        AgentResult r = run("ocf:vigil:process", "x", ActionName.START, Map.of("command", "false", "startup_wait", "1"));
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().contains("exited with 1"), r.exitReason());
    }

    @Test
    void processAgentWithoutCommandIsNotConfigured() {
        assertEquals(OcfStatus.ERR_CONFIGURED, run("ocf:vigil:process", "y", ActionName.START, Map.of()).status());
    }
}
