package org.vigil.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcfScriptRunnerTest {
    @TempDir
    Path tmp;

    private LocalAgentExecutor executor;
    private HostEnvironment host;

    @BeforeEach
    void setUp() {
        host = TestHosts.host(tmp);
        executor = new LocalAgentExecutor(AgentRegistry.load(), host);
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private AgentResult dummy(ActionName action) {
        return TestHosts.run(executor, AgentAction.of(AgentId.ocf("heartbeat", "Dummy"), "d1", action, Map.of(), Duration.ofSeconds(20)));
    }

    @Test
    void debianDummyStartMonitorStopAndMonitorAfterStopReportsNotRunning() {
        assumeTrue(TestHosts.debianAgentsInstalled(), "Debian resource-agents not installed (/usr/lib/ocf/resource.d/heartbeat/Dummy); apt-get install resource-agents");
        assertEquals(OcfStatus.NOT_RUNNING, dummy(ActionName.MONITOR).status(), "probe before start");
        assertEquals(OcfStatus.SUCCESS, dummy(ActionName.START).status());
        assertTrue(Files.exists(tmp.resolve("rsctmp/Dummy-d1.state")), "script keeps its state under HA_RSCTMP");
        assertEquals(OcfStatus.SUCCESS, dummy(ActionName.MONITOR).status());
        assertEquals(OcfStatus.SUCCESS, dummy(ActionName.STOP).status());
        AgentResult after = dummy(ActionName.MONITOR);
        assertEquals(7, after.exitCode());
        assertEquals(OcfStatus.NOT_RUNNING, after.status());
    }

    @Test
    void pacemakersStatefulScriptSetsItsPromotionScoreThroughVigilsCrmAttribute() throws Exception {
        Path script = Path.of("/usr/lib/ocf/resource.d/pacemaker/Stateful");
        assumeTrue(Files.isExecutable(script), "Pacemaker's Stateful script not installed; apt-get install pacemaker-resource-agents");
        AgentAction start = new AgentAction(AgentId.ocf("pacemaker", "Stateful"), "db:1", ActionName.START, Map.of(),
                Map.of("on_node", host.localNode()), 0, Duration.ofSeconds(20));
        // the script keeps its role in HA_VARRUN (/run by default): give it this test's own
        executor.close();
        Files.createDirectories(tmp.resolve("run"));
        executor = new LocalAgentExecutor(AgentRegistry.load(), host.withEnv("HA_VARRUN", tmp.resolve("run") + "/"));
        AgentResult started = TestHosts.run(executor, start);
        assertEquals(OcfStatus.SUCCESS, started.status(), started.output());
        assertEquals(List.of(AttributeUpdate.set("master-db", "5")), started.attributeUpdates(),
                "crm_attribute --promotion -v 5 reached the result, named as crm_attribute names it");
        AgentResult promoted = TestHosts.run(executor, start.withAction(ActionName.PROMOTE));
        assertEquals(List.of(AttributeUpdate.set("master-db", "10")), promoted.attributeUpdates());
        AgentResult stopped = TestHosts.run(executor, start.withAction(ActionName.DEMOTE));
        assertEquals(OcfStatus.SUCCESS, stopped.status());
        stopped = TestHosts.run(executor, start.withAction(ActionName.STOP));
        assertEquals(List.of(AttributeUpdate.delete("master-db")), stopped.attributeUpdates());
    }

    @Test
    void attrdUpdaterInAnAgentReachesTheResultWithItsDampening() throws Exception {
        Path agent = tmp.resolve("ocf/resource.d/test/pinger");
        Files.createDirectories(agent.getParent());
        Files.writeString(agent, "#!/bin/sh\n"
                + "\"${HA_SBIN_DIR}/attrd_updater\" -n pingd -U 1000 -d 5s || exit 1\n"
                + "\"${HA_SBIN_DIR}/crm_attribute\" -N " + host.localNode() + " -n rack -l reboot -v r2 || exit 1\n"
                + "exit 0\n");
        agent.toFile().setExecutable(true);
        executor.close();
        executor = new LocalAgentExecutor(AgentRegistry.load(), host.withOcfRoot(tmp.resolve("ocf")));
        AgentResult r = TestHosts.run(executor, new AgentAction(AgentId.ocf("test", "pinger"), "ping", ActionName.MONITOR,
                Map.of(), Map.of("on_node", host.localNode()), 0, Duration.ofSeconds(10)));
        assertEquals(OcfStatus.SUCCESS, r.status(), r.output());
        assertEquals(List.of(AttributeUpdate.set("pingd", "1000").withDampen(Duration.ofSeconds(5)),
                AttributeUpdate.set("rack", "r2")), r.attributeUpdates());
    }

    @Test
    void debianDummyRunsAsScriptEvenThoughANativeDummyExists() {
        assumeTrue(TestHosts.debianAgentsInstalled(), "Debian resource-agents not installed");
        ResolvedAgent r = AgentRegistry.load().resolve(AgentId.ocf("heartbeat", "Dummy"), host).orElseThrow();
        assertTrue(r instanceof ResolvedAgent.OcfScript, r.describe());
    }

    @Test
    void agentReceivesOcfEnvironment() throws Exception {
        Path root = tmp.resolve("ocf");
        TestHosts.script(root.resolve("resource.d/test"), "envdump",
                "#!/bin/sh\nenv | grep -E '^(OCF_|HA_RSCTMP)' | sort\nexit 0\n");
        LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(), List.of()), host.withOcfRoot(root));
        try {
            AgentAction a = new AgentAction(AgentId.ocf("test", "envdump"), "web:1", ActionName.MONITOR,
                    Map.of("ip", "10.0.0.1"), Map.of("clone-max", "2", "interval", "30000"), 10, Duration.ofSeconds(7));
            List<String> env = TestHosts.lines(TestHosts.run(ex, a).output());
            assertTrue(env.contains("OCF_ROOT=" + root), env.toString());
            assertTrue(env.contains("OCF_RESKEY_ip=10.0.0.1"), env.toString());
            assertTrue(env.contains("OCF_RESKEY_CRM_meta_clone_max=2"), env.toString());
            assertTrue(env.contains("OCF_RESKEY_CRM_meta_interval=30000"), env.toString());
            assertTrue(env.contains("OCF_RESKEY_CRM_meta_timeout=7000"), env.toString());
            assertTrue(env.contains("OCF_RESOURCE_INSTANCE=web:1"), env.toString());
            assertTrue(env.contains("OCF_RESOURCE_TYPE=envdump"), env.toString());
            assertTrue(env.contains("OCF_RESOURCE_PROVIDER=test"), env.toString());
            assertTrue(env.contains("OCF_CHECK_LEVEL=10"), env.toString());
            assertTrue(env.contains("HA_RSCTMP=" + tmp.resolve("rsctmp")), env.toString());
            List<String> probe = TestHosts.lines(TestHosts.run(ex, AgentAction.of(AgentId.ocf("test", "envdump"), "web", ActionName.MONITOR,
                    Map.of(), Duration.ofSeconds(5))).output());
            assertTrue(probe.contains("OCF_RESKEY_CRM_meta_interval=0"), "a one-shot action has interval 0: " + probe);
        } finally {
            ex.close();
        }
    }

    @Test
    void timedOutAgentIsKilledWithItsChildrenEvenIfItIgnoresTerm() throws Exception {
        Path root = tmp.resolve("ocf");
        Path marker = tmp.resolve("child.pid");
        TestHosts.script(root.resolve("resource.d/test"), "hang",
                "#!/bin/sh\ntrap '' TERM\nsleep 60 &\necho $! > " + marker + "\nwait\n");
        LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(), List.of()), host.withOcfRoot(root));
        try {
            long t0 = System.nanoTime();
            AgentResult r = TestHosts.run(ex, AgentAction.of(AgentId.ocf("test", "hang"), "h", ActionName.START, Map.of(), Duration.ofMillis(700)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
            assertTrue(r.exitReason().contains("timed out"), r.exitReason());
            assertTrue(ms < 5000, "took " + ms + " ms");
            long child = Long.parseLong(Files.readString(marker).strip());
            assertTrue(gone(child), "the agent's child must be killed");
        } finally {
            ex.close();
        }
    }

    /** Killed but not yet reaped (a zombie under a container init that reaps lazily) counts as gone. */
    private static boolean gone(long pid) throws Exception {
        for (int i = 0; i < 50; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return true;
            }
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void exitReasonAndUnknownExitCodesAreMapped() throws Exception {
        Path root = tmp.resolve("ocf");
        TestHosts.script(root.resolve("resource.d/test"), "fails",
                "#!/bin/sh\necho 'ocf-exit-reason:first' >&2\necho 'ocf-exit-reason:disk is missing' >&2\nexit 42\n");
        LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(), List.of()), host.withOcfRoot(root));
        try {
            AgentResult r = TestHosts.run(ex, AgentAction.of(AgentId.ocf("test", "fails"), "f", ActionName.START, Map.of(), Duration.ofSeconds(5)));
            assertEquals(ExecStatus.DONE, r.execStatus());
            assertEquals(42, r.exitCode());
            assertEquals(OcfStatus.ERR_GENERIC, r.status());
            assertEquals("disk is missing", r.exitReason());
        } finally {
            ex.close();
        }
    }

    @Test
    void outputIsBoundedForChattyAgents() throws Exception {
        Path root = tmp.resolve("ocf");
        TestHosts.script(root.resolve("resource.d/test"), "chatty", "#!/bin/sh\nhead -c 1000000 /dev/zero | tr '\\0' x\nexit 0\n");
        LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(), List.of()), host.withOcfRoot(root));
        try {
            AgentResult r = TestHosts.run(ex, AgentAction.of(AgentId.ocf("test", "chatty"), "c", ActionName.MONITOR, Map.of(), Duration.ofSeconds(5)));
            assertEquals(OcfStatus.SUCCESS, r.status());
            assertTrue(r.output().length() < 70_000, "kept " + r.output().length());
            assertTrue(r.output().contains("output truncated"));
        } finally {
            ex.close();
        }
    }

    @Test
    void parameterNamesThatCannotBeEnvironmentVariablesAreNotConfigured() throws Exception {
        Path root = tmp.resolve("ocf");
        TestHosts.script(root.resolve("resource.d/test"), "ok", "#!/bin/sh\nexit 0\n");
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(), List.of()), host.withOcfRoot(root))) {
            AgentAction bad = AgentAction.of(AgentId.ocf("test", "ok"), "x", ActionName.START, Map.of("a=b", "1"), Duration.ofSeconds(5));
            assertEquals(OcfStatus.ERR_CONFIGURED, TestHosts.run(ex, bad).status());
            AgentAction badMeta = AgentAction.of(AgentId.ocf("test", "ok"), "x", ActionName.START, Map.of(), Duration.ofSeconds(5))
                    .withMeta(Map.of("bad name", "1"));
            AgentResult r = TestHosts.run(ex, badMeta);
            assertEquals(OcfStatus.ERR_CONFIGURED, r.status());
            assertTrue(r.exitReason().contains("meta attribute names"), r.exitReason());
        }
    }

    @Test
    void missingAgentIsNotInstalled() {
        AgentResult r = TestHosts.run(executor, AgentAction.of(AgentId.ocf("nosuch", "Thing"), "x", ActionName.START, Map.of(), Duration.ofSeconds(5)));
        assertEquals(OcfStatus.ERR_INSTALLED, r.status());
        assertTrue(r.exitReason().contains("resource.d/nosuch/Thing"), r.exitReason());
    }

    private AgentResult runScript(String name, String body) throws Exception {
        Path root = tmp.resolve("ocf");
        TestHosts.script(root.resolve("resource.d/test"), name, body);
        LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.of(List.of(), List.of()), host.withOcfRoot(root));
        try {
            return TestHosts.run(ex, AgentAction.of(AgentId.ocf("test", name), "f", ActionName.START, Map.of(),
                    Duration.ofSeconds(20)));
        } finally {
            ex.close();
        }
    }

    @Test
    void exitReasonSurvivesMoreThanSixtyFourKibibytesOfStderrBeforeIt() throws Exception {
        // 200 KiB of noise, then the reason (Pacemaker's agents print theirs last)
        AgentResult r = runScript("noisy", "#!/bin/sh\necho 'ocf-exit-reason:early' >&2\n"
                + "i=0; while [ $i -lt 2000 ]; do printf '%0100d\\n' $i >&2; i=$((i+1)); done\n"
                + "echo 'ocf-exit-reason:volume vg01 is not active' >&2\nexit 1\n");
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertEquals("volume vg01 is not active", r.exitReason());
        assertTrue(r.output().length() < 70 * 1024, "output stays bounded: " + r.output().length());
    }

    @Test
    void terminalEscapesAndControlCharactersInTheExitReasonAreNeutralised() throws Exception {
        AgentResult r = runScript("escapes", "#!/bin/sh\nprintf 'ocf-exit-reason:\\033[2J\\033[1;31mred\\033[0m "
                + "\\033]0;owned\\007title\\001bell\\177 \\302\\233' >&2\nprintf '31mx\\n' >&2\nexit 1\n");
        assertEquals("red title?bell? x", r.exitReason()); // the C1 CSI took "31m" with it
        assertTrue(r.exitReason().chars().allMatch(c -> c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)),
                r.exitReason());
    }
}
