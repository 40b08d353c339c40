package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.world.RandomSource;

/** Who can reach whom follows every change of the rings and of the nodes' health, however often asked. */
class SimNetworkTest {
    private final Map<String, SimNodeHealth> health = new HashMap<>(Map.of("a", SimNodeHealth.UP,
            "b", SimNodeHealth.UP, "c", SimNodeHealth.UP));
    private final SimNetwork network = new SimNetwork(List.of("a", "b", "c"), 2,
            n -> health.getOrDefault(n, SimNodeHealth.DOWN), RandomSource.seeded(1));

    @Test
    void partitionsAndHealingAreSeenByNodesThatAskedBefore() {
        assertTrue(network.connected("a", "b"));
        network.partition(-1, List.of(Set.of("a"), Set.of("b", "c")));
        assertFalse(network.connected("a", "b"));
        assertTrue(network.connected("b", "c"));
        network.heal(0);
        assertTrue(network.connected("a", "b"), "ring 0 joins them again");
        network.partition(0, List.of(Set.of("a"), Set.of("b", "c")));
        assertFalse(network.connected("a", "b"));
        network.heal(-1);
        assertTrue(network.connected("a", "b"));
    }

    @Test
    void nodesTalkWhileAnyRingStillJoinsThem() {
        assertTrue(network.connected("a", "c"));
        network.setLink(0, "a", false);
        assertTrue(network.connected("a", "c"));
        network.setLink(1, "a", false);
        assertFalse(network.connected("a", "c"));
        assertFalse(network.connected("c", "a"));
        assertTrue(network.connected("b", "c"));
        network.setLink(1, "a", true);
        assertTrue(network.connected("c", "a"));
    }

    @Test
    void aNodeThatIsNotUpTalksToNobodyAndUnknownNodesToNobody() {
        assertTrue(network.connected("a", "b"));
        health.put("b", SimNodeHealth.HUNG);
        assertFalse(network.connected("a", "b"));
        assertFalse(network.connected("b", "b"));
        health.put("b", SimNodeHealth.UP);
        assertTrue(network.connected("a", "b"));
        assertFalse(network.connected("a", "x"));
    }
}
