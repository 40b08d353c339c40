package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.LrmResource;

class ResultShapesTest {
    private static OpRecord op(String rsc, String task, long interval, int rc, int call, Map<String, String> extra) {
        return new OpRecord(rsc, "ocf", "heartbeat", "Xen", task, interval, rc, OpRecord.EXEC_DONE, call,
                1_767_225_600L + call, 0, "node1", call + ":3:0:uuid", rc == 0 ? null : "failed", extra);
    }

    @Test
    void rememberedShapesRecordWhatAFreshRecordingDoes() {
        ResultShapes shapes = new ResultShapes();
        Map<String, String> digest = Map.of("op-digest", "0123456789abcdef0123456789abcdef");
        Map<String, String> migration = Map.of("op-digest", "0123456789abcdef0123456789abcdef",
                "migrate_source", "node1", "migrate_target", "node2");
        List<OpRecord> ops = List.of(
                op("vm01", "monitor", 0, 7, 1, digest),
                op("vm01", "start", 0, 0, 2, digest),
                op("vm01", "monitor", 30_000, 0, 3, digest),
                op("vm01", "monitor", 30_000, 1, 4, digest),
                op("vm01", "stop", 0, 0, 5, digest),
                op("vm01", "start", 0, 1, 6, digest),
                op("vm02", "migrate_to", 0, 0, 7, migration),
                op("vm02", "monitor", 0, 7, 8, Map.of("op-digest", "ffffffffffffffffffffffffffffffff")),
                op("vm01", "start", 0, 0, 9, digest));
        for (int round = 0; round < 2; round++) { // the second round finds every shape remembered
            LrmResource vm01 = null;
            LrmResource vm01Fresh = null;
            for (OpRecord op : ops) {
                if (!op.resource().equals("vm01")) {
                    assertEquals(OperationHistory.recorded(null, op), OperationHistory.recorded(null, op, shapes));
                    continue;
                }
                vm01 = OperationHistory.recorded(vm01, op, shapes);
                vm01Fresh = OperationHistory.recorded(vm01Fresh, op);
                assertEquals(vm01Fresh, vm01);
                assertEquals(vm01Fresh.ops().toString(), vm01.ops().toString());
            }
        }
    }
}
