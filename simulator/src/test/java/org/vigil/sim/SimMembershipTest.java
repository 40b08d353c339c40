package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.membership.QuorumConfig;
import org.vigil.world.RandomSource;

class SimMembershipTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> NODES = List.of("node1", "node2", "node3");
    private final EventLoop loop = new EventLoop(T0, new Trace(100));
    private final Map<String, SimNodeHealth> health = new HashMap<>();
    private final SimNetwork network = new SimNetwork(NODES, 2, n -> health.getOrDefault(n, SimNodeHealth.UP),
            RandomSource.seeded(1));
    private final SimMembership membership = new SimMembership(loop, network,
            n -> health.getOrDefault(n, SimNodeHealth.UP), QuorumConfig.majority(NODES));
    private final List<SimMembership.NodeView> changes = new ArrayList<>();

    SimMembershipTest() {
        membership.addListener(changes::add);
        membership.recompute();
        loop.runUntil(T0, 100);
    }

    @Test
    void allNodesStartInOneQuorateView() {
        assertEquals(3, changes.size());
        assertEquals(Set.copyOf(NODES), membership.view("node1").members());
        assertTrue(membership.view("node3").quorum().quorate());
    }

    @Test
    void crashedNodeLeavesTheViewAfterDetection() {
        health.put("node3", SimNodeHealth.DOWN);
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
        loop.runUntil(T0.plusMillis(999), 100);
        assertEquals(3, membership.view("node1").members().size());
        loop.runUntil(T0.plusMillis(1000), 100);
        assertEquals(Set.of("node1", "node2"), membership.view("node1").members());
        assertTrue(membership.view("node1").quorum().quorate());
    }

    @Test
    void minorityPartitionLosesQuorum() {
        network.partition(-1, List.of(Set.of("node1"), Set.of("node2", "node3")));
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
        loop.runUntil(T0.plusSeconds(2), 100);
        assertFalse(membership.view("node1").quorum().quorate());
        assertTrue(membership.view("node2").quorum().quorate());
        assertEquals(Set.of("node2", "node3"), membership.view("node3").members());
    }

    @Test
    void losingOneRingKeepsMembershipAndIsReported() {
        network.setLink(0, null, false);
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
        loop.runUntil(T0.plusSeconds(2), 100);
        assertEquals(Set.copyOf(NODES), membership.view("node1").members());
        assertEquals(List.of(0), network.faultyRings("node1", membership.view("node1").members()));
        network.setLink(1, null, false);
        membership.topologyChanged(SimMembership.CRASH_DETECTION);
        loop.runUntil(T0.plusSeconds(4), 100);
        assertEquals(Set.of("node1"), membership.view("node1").members());
    }
}
