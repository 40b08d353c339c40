package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmRscOp;

class OperationHistoryTest {
    private static OpRecord op(String task, long interval, int rc, int call) {
        return new OpRecord("d6", "ocf", "heartbeat", "Dummy", task, interval, rc, OpRecord.EXEC_DONE, call,
                1_700_000_000L + call, 0, "n1", "1:1:0:uuid", null, Map.of());
    }

    private static List<String> ids(Lrm lrm) {
        return lrm.resources().get(0).ops().stream().map(LrmRscOp::id).toList();
    }

    @Test
    void aRecoveredMonitorFailureKeepsItsLastFailureRecord() {
        Lrm lrm = null;
        for (OpRecord o : List.of(op("monitor", 0, 7, 1), op("start", 0, 0, 2), op("monitor", 15_000, 0, 3),
                op("monitor", 15_000, 7, 3), op("stop", 0, 0, 4), op("start", 0, 0, 5))) {
            lrm = OperationHistory.record(lrm, o);
        }
        assertEquals(List.of("d6_last_0", "d6_last_failure_0"), ids(lrm));
        LrmRscOp failure = lrm.resources().get(0).ops().get(1);
        assertEquals("monitor", failure.operation());
        assertEquals(15_000, failure.intervalMs());
        assertEquals(7, failure.rc());
    }

    @Test
    void aSuccessfulStopDropsTheRecurringMonitorRecords() {
        Lrm lrm = null;
        for (OpRecord o : List.of(op("start", 0, 0, 1), op("monitor", 10_000, 0, 2), op("stop", 0, 0, 3))) {
            lrm = OperationHistory.record(lrm, o);
        }
        assertEquals(List.of("d6_last_0"), ids(lrm));
    }

    @Test
    void notificationsLeaveNoTraceInTheHistory() {
        OpRecord op = new OpRecord("drbd", "ocf", "linbit", "drbd", "notify", 0, 0, 0, 9, 1, 0, "node1", "k", "",
                java.util.Map.of());
        org.vigil.cib.Lrm lrm = new org.vigil.cib.Lrm("1", java.util.Map.of(), null, java.util.List.of());
        org.junit.jupiter.api.Assertions.assertEquals(lrm, OperationHistory.record(lrm, op));
    }
}
