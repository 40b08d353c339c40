package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailCountsTest {
    private static NodeState nodeWith(NvPair... pairs) {
        return new NodeState("1", "node1", "true", "online", "member", "member", Map.of(),
                new TransientAttributes("1", List.of(NvSet.of("status-1", List.of(pairs)))), null, List.of());
    }

    @Test
    void perOperationCountersAddUpPerResource() {
        NodeState n = nodeWith(NvPair.of("a", "fail-count-vm01#monitor_30000", "2"),
                NvPair.of("b", "fail-count-vm01#start_0", "INFINITY"),
                NvPair.of("c", "last-failure-vm01#monitor_30000", "1700000100"),
                NvPair.of("d", "fail-count-vm02#monitor_30000", "1"));
        assertEquals(Score.INFINITY, FailCounts.total(n, "vm01"));
        assertEquals(1, FailCounts.total(n, "vm02"));
        assertEquals(1700000100L, FailCounts.lastFailure(n, "vm01"));
    }

    @Test
    void oldStyleAndCloneInstanceCountersCountForTheResource() {
        NodeState n = nodeWith(NvPair.of("a", "fail-count-drbd:1", "3"), NvPair.of("b", "last-failure-drbd:1", "5"));
        assertEquals(3, FailCounts.total(n, "drbd"));
        assertEquals(5, FailCounts.lastFailure(n, "drbd"));
        assertEquals(0, FailCounts.total(n, "drbd2"));
    }
}
