package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.controller.NodeStatus;
import org.vigil.controller.OpDigest;
import org.vigil.controller.OpRecord;
import org.vigil.controller.OperationHistory;

class ParameterDigestsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static String primitive(String id, String value) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<instance_attributes id=\"" + id + "-ia\"><nvpair id=\"" + id + "-x\" name=\"x\" value=\"" + value
                + "\"/></instance_attributes></primitive>";
    }

    /** a and b both started on n1, the only node, with x=1 (as their digests record). */
    private static Cib cib(String aValue, String bValue) {
        Cib cib = new CibBuilder().nodes("n1").resources(primitive("a", aValue) + primitive("b", bValue))
                .build();
        Lrm lrm = null;
        int call = 1;
        for (String r : new String[] {"a", "b"}) {
            lrm = OperationHistory.record(lrm, new OpRecord(r, "ocf", "heartbeat", "Dummy", "start", 0, 0,
                    OpRecord.EXEC_DONE, call++, 1_767_225_000L, 0, "n1", "1:1:0:uuid", null,
                    Map.of("op-digest", OpDigest.of(Map.of("x", "1"), 0, 20_000))));
        }
        cib = NodeStatus.withLrm(cib, "n1", lrm);
        return NodeStatus.online(cib, "n1");
    }

    @Test
    void aWarmSchedulerRestartsExactlyWhatAFreshOneRestarts() {
        Cib unchanged = cib("1", "1");
        Cib bChanged = unchanged.withConfiguration(cib("1", "2").configuration());
        Scheduler warm = new Scheduler();
        for (int round = 0; round < 2; round++) {
            for (Cib c : new Cib[] {unchanged, bChanged, unchanged}) {
                assertEquals(new Scheduler().schedule(c, NOW), warm.schedule(c, NOW));
            }
        }
        assertTrue(new Scheduler().schedule(bChanged, NOW).actions().stream()
                .anyMatch(x -> "b_start_0".equals(x.key())), "b's parameters changed, so it restarts");
        assertTrue(new Scheduler().schedule(unchanged, NOW).actions().stream()
                .noneMatch(x -> x.key() != null && x.key().endsWith("_start_0")), () -> "nothing changed, nothing restarts: " + new Scheduler().schedule(unchanged, NOW).summary());
    }
}
