package org.vigil.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionExecutorTest {
    private final List<Integer> dispatched = new ArrayList<>();

    private static GraphAction real(int id, String task, String node, Integer... preds) {
        return new GraphAction(id, task, "vm" + id, node, 0, false, Map.of(), List.of(preds));
    }

    private static GraphAction pseudo(int id, Integer... preds) {
        return new GraphAction(id, "running", null, null, 0, true, Map.of(), List.of(preds));
    }

    private TransitionExecutor executor(int migrationLimit, GraphAction... actions) {
        return new TransitionExecutor(new TransitionGraph(List.of(actions), migrationLimit, List.of()),
                a -> dispatched.add(a.id()));
    }

    @Test
    void stopBeforeStartIsRespected() {
        TransitionExecutor ex = executor(-1, real(1, "stop", "node1"), real(2, "start", "node2", 1));
        ex.start();
        assertEquals(List.of(1), dispatched);
        ex.completed(1, true);
        assertEquals(List.of(1, 2), dispatched);
        ex.completed(2, true);
        assertTrue(ex.finished());
        assertTrue(ex.succeeded());
    }

    @Test
    void pseudoActionsCompleteAsSoonAsTheirPredecessorsHave() {
        TransitionExecutor ex = executor(-1, real(1, "start", "node1"), real(2, "start", "node1"),
                pseudo(3, 1, 2), real(4, "start", "node2", 3));
        ex.start();
        ex.completed(1, true);
        assertEquals(List.of(1, 2), dispatched);
        ex.completed(2, true);
        assertEquals(List.of(1, 2, 4), dispatched);
        assertEquals(TransitionExecutor.State.DONE, ex.state(3));
    }

    @Test
    void failureAbortsButInFlightActionsStillFinish() {
        TransitionExecutor ex = executor(-1, real(1, "start", "node1"), real(2, "start", "node2"),
                real(3, "start", "node1", 1, 2));
        ex.start();
        ex.completed(1, false);
        assertTrue(ex.aborted());
        assertFalse(ex.finished());
        ex.completed(2, true);
        assertTrue(ex.finished());
        assertFalse(ex.succeeded());
        assertEquals(List.of(1, 2), dispatched);
        assertTrue(ex.abortReason().contains("vm1_start_0 on node1 failed"), ex.abortReason());
    }

    @Test
    void migrationLimitCapsConcurrentMigrationsPerNode() {
        TransitionExecutor ex = executor(1, real(1, "migrate_to", "node1"), real(2, "migrate_to", "node1"),
                real(3, "migrate_to", "node2"));
        ex.start();
        assertEquals(List.of(1, 3), dispatched);
        ex.completed(1, true);
        assertEquals(List.of(1, 3, 2), dispatched);
    }

    @Test
    void resultsForUnknownOrRepeatedActionsAreIgnored() {
        TransitionExecutor ex = executor(-1, real(1, "start", "node1"));
        ex.start();
        ex.completed(1, true);
        ex.completed(1, false);
        ex.completed(99, false);
        assertTrue(ex.succeeded());
    }
}
