package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.OcfStatus;

class SimAgentExecutorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final EventLoop loop = new EventLoop(T0, new Trace(10));
    private final GroundTruth truth = new GroundTruth();
    private final FaultPlan faults = new FaultPlan();
    private final SimAgentExecutor node1 = executor("node1");
    private final SimAgentExecutor node2 = executor("node2");
    private final List<AgentResult> results = new ArrayList<>();

    private SimAgentExecutor executor(String node) {
        return new SimAgentExecutor(node, loop, truth, faults,
                r -> ResourceProfile.forAgent("Xen").withMemoryGb(32), new SteadyMonitors(loop));
    }

    private static AgentAction action(ActionName name, Duration timeout, Map<String, String> meta) {
        return new AgentAction(AgentId.ocf("heartbeat", "Xen"), "vm01", name, Map.of(), meta, 0, timeout);
    }

    private void run(SimAgentExecutor node, ActionName name, Duration timeout, Map<String, String> meta) {
        node.execute(action(name, timeout, meta), results::add);
        loop.runUntil(loop.now().plus(Duration.ofHours(1)), 1000);
    }

    @Test
    void vmStartTakesItsBootTimeAndMakesItRun() {
        node1.execute(action(ActionName.START, Duration.ofSeconds(90), Map.of()), results::add);
        loop.runUntil(T0.plusSeconds(39), 100);
        assertTrue(results.isEmpty());
        loop.runUntil(T0.plusSeconds(40), 100);
        assertEquals(OcfStatus.SUCCESS, results.get(0).status());
        assertEquals(Map.of("node1", GroundTruth.STARTED), truth.where("vm01"));
    }

    @Test
    void liveMigrationOfA32GbVmTakesAbout18MinutesAndMovesItAtOnce() {
        run(node1, ActionName.START, Duration.ofSeconds(90), Map.of());
        Instant before = loop.now();
        node1.execute(action(ActionName.MIGRATE_TO, Duration.ofMinutes(30), Map.of("migrate_target", "node2")),
                results::add);
        loop.runUntil(before.plus(Duration.ofMinutes(17)), 100);
        assertEquals(Map.of("node1", GroundTruth.STARTED), truth.where("vm01"));
        loop.runUntil(before.plus(Duration.ofMinutes(19)), 100);
        assertEquals(Map.of("node2", GroundTruth.STARTED), truth.where("vm01"));
    }

    @Test
    void migrationLongerThanItsTimeoutTimesOut() {
        run(node1, ActionName.START, Duration.ofSeconds(90), Map.of());
        run(node1, ActionName.MIGRATE_TO, Duration.ofSeconds(600), Map.of("migrate_target", "node2"));
        assertEquals(ExecStatus.TIMED_OUT, results.get(1).execStatus());
    }

    @Test
    void crashedNodeLosesItsResourcesAndNeverAnswers() {
        run(node1, ActionName.START, Duration.ofSeconds(90), Map.of());
        node1.execute(action(ActionName.STOP, Duration.ofSeconds(90), Map.of()), results::add);
        node1.crash();
        loop.runUntil(loop.now().plus(Duration.ofHours(1)), 100);
        assertEquals(1, results.size());
        assertNull(truth.role("vm01", "node1"));
    }

    @Test
    void hungNodeAnswersOnlyAfterItResumes() {
        node1.execute(action(ActionName.START, Duration.ofSeconds(90), Map.of()), results::add);
        node1.hang();
        loop.runUntil(T0.plusSeconds(60), 100);
        assertTrue(results.isEmpty());
        node1.resume();
        assertEquals(1, results.size());
    }

    @Test
    void injectedMonitorFailureKillsTheServiceAndReportsIt() {
        run(node1, ActionName.START, Duration.ofSeconds(90), Map.of());
        faults.add(new FaultPlan.AgentFault("vm01", "monitor", null, FaultPlan.Kind.FAIL));
        run(node1, ActionName.MONITOR, Duration.ofSeconds(30), Map.of());
        assertEquals(OcfStatus.ERR_GENERIC, results.get(1).status());
        assertNull(truth.role("vm01", "node1"));
        run(node1, ActionName.MONITOR, Duration.ofSeconds(30), Map.of());
        assertEquals(OcfStatus.NOT_RUNNING, results.get(2).status());
        assertTrue(node2.health() == SimNodeHealth.UP);
    }
}
