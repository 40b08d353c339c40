package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowNodeTest {
    private static final String SCENARIO = "name: slow\ncluster: {nodes: [n1, n2], quorum: {two_node: true}}\n"
            + "configuration: |\n  property stonith-enabled=false\n  property no-quorum-policy=ignore\n"
            + "  primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/vm01.cfg op monitor interval=30s"
            + " op start timeout=600s\n  location home vm01 100: n1\n"
            + "timeline: [\"slow n1 factor 4 at 0s\"]\nduration: 10m\n";

    @Test
    void slowNodeTakesTheFactorLongerToStartAVm() throws Exception {
        ScenarioLoader.Loaded l = ScenarioLoader.parse(SCENARIO, "slow.yaml");
        SimulationRun.Result r = SimulationRun.run(l.scenario(), l.cib(), l.timeline(), l.duration(), 1,
                SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
        assertTrue(r.passed(), () -> String.join("\n", r.trace()));
        Instant up = r.availability().upAt("vm01", SimulationRun.T0);
        // a Xen VM boots in 40 s; four times slower is 160 s (plus the probe)
        assertTrue(Duration.between(SimulationRun.T0, up).toSeconds() >= 160, () -> "up at " + up);
        assertEquals(List.of("n1"), List.copyOf(r.finalTruth().get("vm01").keySet()));
    }

    @Test
    void nonNumericFactorIsRejectedUpFront() {
        var e = assertThrows(ScenarioLoader.ScenarioException.class,
                () -> ScenarioLoader.parse(SCENARIO.replace("factor 4", "factor lots"), "slow.yaml"));
        assertTrue(e.getMessage().contains("factor must be a whole number"), e.getMessage());
    }
}
