package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daemon defects the live fault suite (vigil-cts) found, replayed in the simulator, which runs the same node
 * program, controller and scheduler: one test each.
 */
class CtsFindingsInSimulationTest {
    private static SimulationRun.Result run(String yaml) throws Exception {
        ScenarioLoader.Loaded l = ScenarioLoader.parse(yaml, "test");
        return SimulationRun.run(l.scenario(), l.cib(), l.timeline(), l.duration(), 1, SimulationRun.Policy.vigil(),
                SimulationRun.Limits.DEFAULT);
    }

    private static void assertClean(SimulationRun.Result r) {
        assertTrue(r.violation().isEmpty(), () -> r.violation().get().getMessage() + "\n"
                + String.join("\n", r.trace()));
        assertEquals(List.of(), r.failedExpectations(), () -> String.join("\n", r.trace()));
    }

    @Test
    void aNodeThatJoinedTheClusterTakesOverAtOnceWhenTheDcIsLostSoonAfterItsBoot() throws Exception {
        // node2 is back 7 s before the DC dies: dc-deadtime is a start-up wait, not a wait after every DC loss
        SimulationRun.Result r = run("""
                name: t
                cluster:
                  nodes: [node1, node2, node3]
                  fencing: {delay: 1s, reboot_time: 5m}
                configuration: |
                  property stonith-enabled=true
                  primitive d1 ocf:heartbeat:Dummy op monitor interval=10s
                  location d1-home d1 100: node1
                timeline:
                  - reboot node2 at 30s for 5s
                  - crash node1 at 42s for 5m
                duration: 3m
                expect:
                  - d1 running within 8s of crash
                """);
        assertClean(r);
        assertTrue(r.trace().stream().noneMatch(t -> t.contains("waiting up to dc-deadtime") && t.contains("node2:")
                && !t.startsWith("0 ")), () -> String.join("\n", r.trace()));
    }

    @Test
    void aNodeWithNothingToMoveLeavesOnlyOnceTheDcExpectsItDown() throws Exception {
        // node2 runs nothing: its drain is over at once, but leaving before the DC has recorded the shutdown
        // looks like a crash, and the DC fences it
        SimulationRun.Result r = run("""
                name: t
                cluster:
                  nodes: [node1, node2, node3]
                  fencing: {delay: 1s, reboot_time: 5m}
                configuration: |
                  property stonith-enabled=true
                  primitive d1 ocf:heartbeat:Dummy op monitor interval=10s
                  location d1-home d1 100: node1
                timeline:
                  - reboot node2 at 30s for 5s
                duration: 2m
                expect:
                  - d1 running on node1 at end
                """);
        assertClean(r);
        assertTrue(r.trace().stream().noneMatch(t -> t.contains("fence device:")),
                () -> "nobody may be fenced:\n" + String.join("\n", r.trace()));
    }
}
