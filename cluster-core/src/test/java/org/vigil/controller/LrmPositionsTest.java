package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Lrm;
import org.vigil.cib.LrmResource;

class LrmPositionsTest {
    private static OpRecord op(String rsc, String task, long interval, int rc, int call) {
        return new OpRecord(rsc, "ocf", "heartbeat", "Dummy", task, interval, rc, OpRecord.EXEC_DONE, call,
                1_700_000_000L + call, 0, "n1", "1:1:0:uuid", null, Map.of());
    }

    @Test
    void recordsExactlyWhatTheSearchingRecorderWrites() {
        LrmPositions positions = new LrmPositions();
        Lrm indexed = new Lrm("n1", Map.of(), null, List.of());
        Lrm searched = indexed;
        List<OpRecord> ops = List.of(op("a", "monitor", 0, 7, 1), op("b", "monitor", 0, 7, 2),
                op("a", "start", 0, 0, 3), op("a", "monitor", 10_000, 0, 4), op("c", "monitor", 0, 0, 5),
                op("b", "start", 0, 1, 6), op("a", "stop", 0, 0, 7), op("c", "notify", 0, 0, 8));
        for (OpRecord o : ops) {
            indexed = positions.record("n1", indexed, o);
            searched = OperationHistory.record(searched, o);
            assertEquals(searched, indexed, "after " + o.operationKey());
        }
        assertEquals(List.of("a", "b", "c"), indexed.resources().stream().map(LrmResource::id).toList());
    }

    @Test
    void aHistoryWrittenElsewhereIsIndexedAfresh() {
        LrmPositions positions = new LrmPositions();
        Lrm mine = positions.record("n1", new Lrm("n1", Map.of(), null, List.of()), op("a", "monitor", 0, 7, 1));
        // a join replaced the node's history with its own, in another order
        Lrm theirs = OperationHistory.record(OperationHistory.record((Lrm) null, op("z", "monitor", 0, 7, 1)),
                op("a", "monitor", 0, 7, 2));
        Lrm next = positions.record("n1", theirs, op("a", "start", 0, 0, 3));
        assertEquals(OperationHistory.record(theirs, op("a", "start", 0, 0, 3)), next);
        assertEquals(1, mine.resources().size());
    }
}
