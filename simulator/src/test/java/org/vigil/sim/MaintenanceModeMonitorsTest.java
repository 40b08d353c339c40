package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.FailCounts;
import org.vigil.cib.LrmResource;
import org.vigil.cib.NodeState;
import org.vigil.controller.Controller;
import org.vigil.controller.PolicyEngine;
import org.vigil.membership.QuorumConfig;
import org.vigil.world.RandomSource;

/**
 * The running daemons in maintenance mode: the DC cancels the recurring monitors (the scheduler's cancel
 * actions, executed by each node's LRM), so a resource failing meanwhile is neither noticed nor counted; when
 * maintenance ends the monitors are scheduled again.
 */
class MaintenanceModeMonitorsTest {
    private static final List<String> NODES = List.of("node1", "node2");

    private static SimCluster cluster() throws Exception {
        ScenarioLoader.Loaded l = ScenarioLoader.parse("""
                name: t
                cluster:
                  nodes: [node1, node2]
                configuration: |
                  property stonith-enabled=false
                  property no-quorum-policy=ignore
                  primitive web ocf:heartbeat:Dummy op monitor interval=10s timeout=20s
                timeline: []
                duration: 10m
                """, "test");
        EventLoop loop = new EventLoop(SimulationRun.T0, new Trace(100));
        Cib cib = SimulationRun.ensureNodes(l.cib(), NODES);
        SimCluster c = new SimCluster(loop, cib, NODES, 1, QuorumConfig.majority(NODES), new PolicyEngine(),
                r -> ResourceProfile.forAgent(""), RandomSource.seeded(1));
        loop.afterEach(c::afterEvent);
        c.start();
        return c;
    }

    private static void runFor(SimCluster c, int seconds) {
        c.loop().runUntil(c.loop().now().plusSeconds(seconds), 1_000_000);
    }

    private static Cib dcCib(SimCluster c) {
        Map<String, Controller> dcs = c.activeControllers();
        assertEquals(1, dcs.size(), "one DC");
        return dcs.values().iterator().next().cib();
    }

    private static String runningOn(SimCluster c) {
        List<String> nodes = c.truth().nodesOf("web");
        assertEquals(1, nodes.size(), () -> "web runs once: " + c.truth().all());
        return nodes.get(0);
    }

    private static boolean monitorRecorded(Cib cib, String node) {
        NodeState s = cib.status().nodeState(node).orElseThrow();
        for (LrmResource r : s.lrm().resources()) {
            if (r.id().equals("web") && r.ops().stream().anyMatch(o -> o.id().equals("web_monitor_10000"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean failureRecorded(Cib cib, String node) {
        NodeState s = cib.status().nodeState(node).orElseThrow();
        return FailCounts.total(s, "web") > 0
                || s.lrm().resources().stream().anyMatch(r -> r.ops().stream()
                        .anyMatch(o -> o.id().equals("web_last_failure_0")));
    }

    @Test
    void monitorFailureDuringMaintenanceModeIsNotCountedAndMonitorsResumeAfterwards() throws Exception {
        SimCluster c = cluster();
        runFor(c, 90);
        String node = runningOn(c);
        assertTrue(monitorRecorded(dcCib(c), node), "the monitor runs before maintenance");

        c.setProperty("maintenance-mode", "true", "node1", "maintenance on");
        runFor(c, 30);
        assertFalse(monitorRecorded(dcCib(c), node), "maintenance cancelled the monitor");

        c.truth().clear("web", node); // the service dies while nobody watches (the operator works on it)
        runFor(c, 120);
        assertFalse(failureRecorded(dcCib(c), node), "nothing counted during maintenance");
        assertTrue(c.truth().nodesOf("web").isEmpty(), "and nothing was done about it");

        c.truth().set("web", node, GroundTruth.STARTED); // repaired before maintenance ends
        c.setProperty("maintenance-mode", "false", "node1", "maintenance off");
        runFor(c, 60);
        assertTrue(monitorRecorded(dcCib(c), node), "the monitor runs again after maintenance");
        assertFalse(failureRecorded(dcCib(c), node), "and finds the repaired service running");
        assertEquals(node, runningOn(c));
    }

    @Test
    void serviceStillDownWhenMaintenanceEndsIsFoundByTheResumedMonitorAndRecovered() throws Exception {
        SimCluster c = cluster();
        runFor(c, 90);
        String node = runningOn(c);
        c.setProperty("maintenance-mode", "true", "node1", "maintenance on");
        runFor(c, 30);
        c.truth().clear("web", node);
        runFor(c, 60);
        assertFalse(failureRecorded(dcCib(c), node));

        c.setProperty("maintenance-mode", "false", "node1", "maintenance off");
        runFor(c, 90);
        assertTrue(failureRecorded(dcCib(c), node), "the resumed monitor finds it down: a failure now");
        runningOn(c); // and it is recovered
    }
}
