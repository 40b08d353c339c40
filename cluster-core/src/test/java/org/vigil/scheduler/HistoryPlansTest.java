package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.controller.NodeStatus;
import org.vigil.controller.OpRecord;
import org.vigil.controller.OperationHistory;

class HistoryPlansTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4");

    private static OpRecord op(String rsc, String node, String task, long interval, int rc, int call) {
        return new OpRecord(rsc, "ocf", "heartbeat", "Dummy", task, interval, rc, OpRecord.EXEC_DONE, call,
                1_767_225_000L + call, 0, node, "1:1:0:uuid", null, Map.of());
    }

    /** Every resource probed "not running" on every node; {@code a} and the group run on n1, the clone on n2. */
    private static Cib cib(String resources) {
        Cib cib = new CibBuilder().nodes(NODES.toArray(String[]::new)).resources(resources).build();
        int call = 1;
        for (String n : NODES) {
            Lrm lrm = null;
            for (String r : List.of("a", "b", "g1", "g2", "c")) {
                lrm = OperationHistory.record(lrm, op(r, n, "monitor", 0, 7, call++));
            }
            if (n.equals("n1")) {
                for (String r : List.of("a", "g1", "g2")) {
                    lrm = OperationHistory.record(lrm, op(r, n, "start", 0, 0, call++));
                }
            }
            if (n.equals("n2")) {
                lrm = OperationHistory.record(lrm, op("c", n, "start", 0, 0, call++));
            }
            cib = NodeStatus.withLrm(cib, n, lrm);
        }
        return cib;
    }

    private static final String RESOURCES = CibBuilder.primitive("a") + CibBuilder.primitive("b")
            + "<group id=\"g\">" + CibBuilder.primitive("g1") + CibBuilder.primitive("g2") + "</group>"
            + "<clone id=\"c-clone\">" + CibBuilder.primitive("c") + "</clone>";

    @Test
    void aSchedulerThatReadTheseHistoriesBeforeDecidesAsAFreshOne() {
        Cib cib = cib(RESOURCES);
        Scheduler warm = new Scheduler();
        Transition first = warm.schedule(cib, NOW);
        assertFalse(first.placements().isEmpty());
        assertEquals(new Scheduler().schedule(cib, NOW), warm.schedule(cib, NOW));
        assertEquals(first, warm.schedule(cib, NOW));
    }

    @Test
    void theSameHistoriesUnderAnotherConfigurationAreReadAfresh() {
        Cib cib = cib(RESOURCES);
        // b gone and a moved behind the group: the same history objects now name other primitives' places
        Cib changed = cib.withConfiguration(cib(CibBuilder.primitive("b2") + "<group id=\"g\">"
                + CibBuilder.primitive("g1") + CibBuilder.primitive("g2") + "</group>" + CibBuilder.primitive("a")
                + "<clone id=\"c-clone\">" + CibBuilder.primitive("c") + "</clone>").configuration());
        Scheduler warm = new Scheduler();
        warm.schedule(cib, NOW);
        Transition expected = new Scheduler().schedule(changed, NOW);
        assertEquals(expected, warm.schedule(changed, NOW));
        // b2 has no history anywhere, so it is probed on every node; a's probes are on record
        assertEquals(4, expected.actions().stream().filter(x -> "b2_monitor_0".equals(x.key())).count());
        assertEquals(0, expected.actions().stream().filter(x -> "a_monitor_0".equals(x.key())).count());
    }

    @Test
    void aNodeHistoryThatChangedInSomeEntriesIsDecidedAsAFreshSchedulerDoes() {
        Cib cib = cib(RESOURCES);
        Scheduler warm = new Scheduler();
        warm.schedule(cib, NOW);
        // on n3: b found running by a new probe, g1 started; the other entries are the very same objects
        Lrm n3 = NodeStatus.lrm(cib, "n3").orElseThrow();
        n3 = OperationHistory.record(n3, op("b", "n3", "monitor", 0, 0, 100));
        n3 = OperationHistory.record(n3, op("g1", "n3", "start", 0, 0, 101));
        Cib changed = NodeStatus.withLrm(cib, "n3", n3);

        Transition expected = new Scheduler().schedule(changed, NOW);
        assertEquals(expected, warm.schedule(changed, NOW));
        assertEquals("n3", expected.placements().get("b"));
        // and back: the old history's marks were not overwritten by the new one's
        assertEquals(new Scheduler().schedule(cib, NOW), warm.schedule(cib, NOW));
    }
}
