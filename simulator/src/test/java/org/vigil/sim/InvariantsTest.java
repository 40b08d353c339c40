package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;
import org.vigil.world.RandomSource;

/** The active-copies invariant, checked per changed resource after each event. */
class InvariantsTest {
    private static final List<String> NODES = List.of("node1", "node2", "node3");
    private final SimCluster cluster = cluster("""
            primitive vm01 ocf:heartbeat:Dummy
            primitive vm02 ocf:heartbeat:Dummy
            primitive ping ocf:pacemaker:ping
            clone ping-clone ping meta clone-max=2
            primitive st ocf:pacemaker:Stateful
            clone st-clone st meta promotable=true promoted-max=1
            """);
    private final GroundTruth truth = cluster.truth();
    private final Invariants invariants = new Invariants(cluster);

    private static SimCluster cluster(String crm) {
        Configuration config = ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(crm),
                ConfigApplier.Mode.UPDATE);
        Cib cib = SimulationRun.ensureNodes(Cib.empty().withConfiguration(config), NODES);
        EventLoop loop = new EventLoop(Instant.parse("2026-01-01T00:00:00Z"), new Trace(0));
        return new SimCluster(loop, cib, NODES, 1, SimulationRun.quorum(null, NODES),
                SimulationRun.Policy.vigil().scheduler(), r -> ResourceProfile.forAgent(""), RandomSource.seeded(1));
    }

    private InvariantViolation violationOf(String... resources) {
        return assertThrows(InvariantViolation.class,
                () -> invariants.checkActiveCopiesOf(new TreeSet<>(List.of(resources))));
    }

    @Test
    void primitiveOnTwoNodesIsADoubleActivation() {
        truth.set("vm01", "node2", GroundTruth.STARTED);
        truth.set("vm01", "node1", GroundTruth.STARTED);
        InvariantViolation v = violationOf("vm01");
        assertEquals("double-activation", v.invariant());
        assertEquals("double-activation: vm01 is active on [node1, node2] at once", v.getMessage());
    }

    @Test
    void onlyTheGivenResourcesAreChecked() {
        truth.set("vm02", "node1", GroundTruth.STARTED);
        truth.set("vm02", "node2", GroundTruth.STARTED);
        truth.set("vm01", "node1", GroundTruth.STARTED);
        assertDoesNotThrow(() -> invariants.checkActiveCopiesOf(new TreeSet<>(List.of("vm01", "ping"))));
        assertEquals("double-activation: vm02 is active on [node1, node2] at once", violationOf("vm01", "vm02").getMessage());
    }

    @Test
    void theFirstViolatedResourceByNameIsReported() {
        for (String r : List.of("vm02", "vm01")) {
            truth.set(r, "node3", GroundTruth.STARTED);
            truth.set(r, "node2", GroundTruth.STARTED);
        }
        assertEquals("double-activation: vm01 is active on [node2, node3] at once", violationOf("vm02", "vm01").getMessage());
        assertEquals(violationOf("vm01").getMessage(), assertThrows(InvariantViolation.class,
                invariants::checkActiveCopies).getMessage());
    }

    @Test
    void cloneInstancesCountAgainstCloneMaxAndCloneNodeMax() {
        truth.set("ping:0", "node1", GroundTruth.STARTED);
        truth.set("ping:1", "node2", GroundTruth.STARTED);
        assertDoesNotThrow(() -> invariants.checkActiveCopiesOf(new TreeSet<>(List.of("ping"))));
        truth.set("ping:2", "node3", GroundTruth.STARTED);
        InvariantViolation tooMany = violationOf("ping");
        assertEquals("too-many-instances", tooMany.invariant());
        assertEquals("too-many-instances: ping has 3 active instances, clone-max is 2", tooMany.getMessage());
        truth.clear("ping:2", "node3");
        truth.set("ping:1", "node1", GroundTruth.STARTED);
        truth.clear("ping:1", "node2");
        assertEquals("too-many-instances: ping has 2 instances on node1, clone-node-max is 1", violationOf("ping").getMessage());
    }

    @Test
    void promotedInstancesCountAgainstPromotedMax() {
        truth.set("st:0", "node1", GroundTruth.PROMOTED);
        truth.set("st:1", "node2", GroundTruth.STARTED);
        assertDoesNotThrow(() -> invariants.checkActiveCopiesOf(new TreeSet<>(List.of("st"))));
        truth.set("st:1", "node2", GroundTruth.PROMOTED);
        InvariantViolation v = violationOf("st");
        assertEquals("too-many-promoted", v.invariant());
        assertEquals("too-many-promoted: st is promoted on 2 nodes, promoted-max is 1", v.getMessage());
    }
}
