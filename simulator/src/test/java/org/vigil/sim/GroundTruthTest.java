package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
    @Test
    void instancesOfAResourceAreItselfAndItsCloneInstancesOnly() {
        GroundTruth truth = new GroundTruth();
        for (String i : List.of("vm1", "vm1:0", "vm1:1", "vm10", "vm1-x", "vm1;y", "vm1z", "vm0", "vm2:0")) {
            truth.set(i, "node1", GroundTruth.STARTED);
        }
        List<String> seen = new ArrayList<>();
        truth.forEachInstance("vm1", (instance, nodes) -> seen.add(instance));
        assertEquals(List.of("vm1", "vm1:0", "vm1:1"), seen);
        assertEquals(Set.of("vm1", "vm1:0", "vm1:1"), truth.instancesOf("vm1").keySet());
    }

    /**
     * Names from characters around ':' in sort order, so prefixes and neighbours of every kind occur; some
     * instances stop on some nodes.
     */
    @Property(tries = 300)
    void instancesAreThoseNamedByTheResourceOrItsCloneInstances(
            @ForAll @Size(max = 12) List<@StringLength(min = 1, max = 4) @Chars({'a', 'b', '0', ':', '-', ';', '9'}) String> names,
            @ForAll @StringLength(min = 1, max = 2) @CharRange(from = 'a', to = 'b') String base) {
        GroundTruth truth = new GroundTruth();
        names.forEach(n -> truth.set(n, "node1", GroundTruth.STARTED));
        names.forEach(n -> truth.set(n, "node2", GroundTruth.STARTED));
        for (int i = 0; i < names.size(); i += 2) { // some leave one node, some both, some come back
            truth.clear(names.get(i), "node1");
            truth.clear(names.get(i), i % 4 == 0 ? "node2" : "node3");
        }
        truth.nodeLost("node3");
        for (int i = 0; i < names.size(); i += 3) {
            truth.set(names.get(i), "node4", GroundTruth.STARTED);
        }
        List<String> expected = truth.all().keySet().stream()
                .filter(k -> k.equals(base) || k.startsWith(base + ":")).toList();
        List<String> seen = new ArrayList<>();
        truth.forEachInstance(base, (instance, nodes) -> seen.add(instance));
        assertEquals(expected, seen);
    }

    @Test
    void changedResourcesAreReportedOnceByBaseName() {
        GroundTruth truth = new GroundTruth();
        truth.set("vm2", "node1", GroundTruth.STARTED);
        truth.set("ping:1", "node1", GroundTruth.STARTED);
        truth.set("ping:0", "node2", GroundTruth.STARTED);
        truth.clear("vm2", "node1");
        assertEquals(List.of("ping", "vm2"), List.copyOf(truth.takeChangedResources()));
        assertEquals(List.of(), List.copyOf(truth.takeChangedResources()));
        assertEquals(GroundTruth.STARTED, truth.role("ping:0", "node2"));
        assertEquals(null, truth.role("vm2", "node1"));
    }

    @Test
    void nodesOfAResourceAreTheSortedNodesOfAllItsInstances() {
        GroundTruth truth = new GroundTruth();
        truth.set("ping:1", "node3", GroundTruth.STARTED);
        truth.set("ping:0", "node1", GroundTruth.STARTED);
        truth.set("ping:2", "node3", GroundTruth.STARTED);
        truth.set("vm01", "node2", GroundTruth.STARTED);
        truth.set("vm03", "node3", GroundTruth.STARTED);
        truth.set("vm03", "node1", GroundTruth.PROMOTED);
        assertEquals(List.of("node1", "node3"), truth.nodesOf("ping"));
        assertEquals(List.of("node2"), truth.nodesOf("vm01"));
        assertEquals(List.of("node1", "node3"), truth.nodesOf("vm03"));
        assertEquals(List.of(), truth.nodesOf("vm02"));
    }
}
