package org.vigil.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetyWatchTest {
    static final ResourceModel MODEL = new ResourceModel(Map.of("d1", true), Map.of(), Map.of("db", 1), Set.of());

    static Snapshot snapshot(Map<String, Map<String, String>> active, Set<String> withoutQuorum) {
        return new Snapshot(Instant.now(), Map.of(), Map.of(), active, withoutQuorum);
    }

    @Test
    void aPrimitiveOnTwoNodesIsReportedOnce() {
        SafetyWatch w = new SafetyWatch();
        Map<String, Map<String, String>> twice = Map.of("node1", Map.of("d1", "Started"), "node2", Map.of("d1", "Started"));
        w.check(snapshot(twice, Set.of()), MODEL);
        w.check(snapshot(twice, Set.of()), MODEL);
        assertEquals(List.of("d1 active on [node1, node2] at once"), w.drain());
    }

    @Test
    void twoPromotedInstancesAreAViolationTwoUnpromotedAreNot() {
        SafetyWatch w = new SafetyWatch();
        w.check(snapshot(Map.of("node1", Map.of("db", "Unpromoted"), "node2", Map.of("db", "Unpromoted")), Set.of()), MODEL);
        assertEquals(List.of(), w.drain());
        w.check(snapshot(Map.of("node1", Map.of("db", "Promoted"), "node2", Map.of("db", "Promoted")), Set.of()), MODEL);
        assertEquals(List.of("db promoted on [node1, node2] at once (promoted-max 1)"), w.drain());
    }

    @Test
    void aNodeWithoutQuorumMayStopButNotStartOrPromote() {
        SafetyWatch w = new SafetyWatch();
        w.check(snapshot(Map.of("node1", Map.of("d1", "Started", "db", "Unpromoted")), Set.of("node1")), MODEL);
        w.check(snapshot(Map.of("node1", Map.of("db", "Unpromoted")), Set.of("node1")), MODEL);
        assertEquals(List.of(), w.drain(), "stopping is what no-quorum-policy=stop asks");
        w.check(snapshot(Map.of("node1", Map.of("d1", "Started", "db", "Promoted")), Set.of("node1")), MODEL);
        assertEquals(Set.of("node1 started d1 without quorum", "node1 promoted db without quorum"), Set.copyOf(w.drain()));
    }

    @Test
    void startingAfterQuorumCameBackIsFine() {
        SafetyWatch w = new SafetyWatch();
        w.check(snapshot(Map.of("node1", Map.of()), Set.of("node1")), MODEL);
        w.check(snapshot(Map.of("node1", Map.of()), Set.of()), MODEL);
        w.check(snapshot(Map.of("node1", Map.of("d1", "Started")), Set.of("node1")), MODEL);
        assertEquals(List.of(), w.drain());
    }

    @Test
    void cloneInstancesOnSeveralNodesAreFineBeforeTheConfigurationIsKnown() {
        SafetyWatch w = new SafetyWatch();
        Map<String, Map<String, String>> both = Map.of("node2", Map.of("db", "Unpromoted"), "node3", Map.of("db", "Unpromoted"));
        w.check(snapshot(both, Set.of()), null);
        w.check(snapshot(both, Set.of()), new ResourceModel(Map.of(), Map.of(), Map.of(), Set.of()));
        assertEquals(List.of(), w.drain(), "a Stateful instance is a clone instance whatever the model says");
        w.check(snapshot(Map.of("node1", Map.of("d1", "Started"), "node2", Map.of("d1", "Started")), Set.of()), null);
        assertEquals(List.of("d1 active on [node1, node2] at once"), w.drain(), "a Dummy is single even before the model");
    }
}
