package org.vigil.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettleCheckTest {
    static final ResourceModel MODEL = new ResourceModel(Map.of("d1", true, "d2", false),
            Map.of("web", List.of("d1")), Map.of("db", 1), Set.of("node3"));
    static final List<String> ON = List.of("node1", "node2", "node3");

    @Test
    void everythingWhereItMayRunIsSettled() {
        Map<String, Map<String, String>> active = Map.of(
                "node1", Map.of("d1", "Started", "db", "Promoted"),
                "node2", Map.of("db", "Unpromoted"),
                "node3", Map.of());
        assertEquals(List.of(), SettleCheck.placement(active, MODEL, ON, true));
    }

    @Test
    void missingDoubledStoppedAndStandbyPlacementsAreNamed() {
        Map<String, Map<String, String>> active = Map.of(
                "node1", Map.of("d2", "Started", "db", "Promoted"),
                "node2", Map.of("db", "Promoted"),
                "node3", Map.of("db", "Unpromoted", "gone", "Started"));
        List<String> p = SettleCheck.placement(active, MODEL, ON, true);
        assertTrue(p.contains("d1 is not running"), p.toString());
        assertTrue(p.contains("d2 should be stopped but runs on [node1]"), p.toString());
        assertTrue(p.contains("db runs on [node1, node2, node3], expected on [node1, node2]"), p.toString());
        assertTrue(p.contains("db is promoted on [node1, node2], expected on 1 node(s)"), p.toString());
        assertTrue(p.contains("gone runs on node3 but is not configured"), p.toString());
    }

    @Test
    void withoutQuorumNothingShouldRun() {
        Map<String, Map<String, String>> active = Map.of("node1", Map.of("d1", "Started"));
        assertEquals(List.of("d1 should be stopped but runs on [node1]"),
                SettleCheck.placement(active, MODEL, List.of("node1"), false));
    }
}
