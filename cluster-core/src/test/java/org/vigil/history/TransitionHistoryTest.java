package org.vigil.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

class TransitionHistoryTest {
    @TempDir
    Path dir;

    private static Cib keeping(String max) {
        Cib c = Cib.empty();
        return c.withConfiguration(c.configuration().withClusterProperties(List.of(NvSet.of("opts",
                List.of(new NvPair("opts-max", null, "pe-input-series-max", max))))));
    }

    private static TransitionGraph graph() {
        return new TransitionGraph(List.of(new GraphAction(1, "start", "d1", "n1", 0, false, Map.of(), List.of()),
                new GraphAction(2, "running", "c1", null, 0, true, Map.of(), List.of(1))), -1, List.of("  * Start      d1     ( n1 )"));
    }

    @Test
    void recordsInputActionsAndEndAndKeepsTheNewestSeriesMax() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        TransitionHistory h = new TransitionHistory("n1", store, line -> { });
        Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
        for (int i = 1; i <= 3; i++) {
            h.started(i, "configuration changed", keeping("2"), t0.plusSeconds(i), graph());
            h.actionDone(i, graph().actions().get(0), i != 2, i != 2 ? "rc=0" : "rc=1 (boom)", t0.plusSeconds(i + 1));
            h.finished(i, i != 2, i != 2 ? null : "d1_start_0 failed", t0.plusSeconds(i + 2));
        }
        List<String> problems = new ArrayList<>();
        List<TransitionRecord> kept = new HistoryStore(dir).list(problems);
        assertEquals(List.of(), problems);
        assertEquals(List.of(1L, 2L), kept.stream().map(TransitionRecord::number).toList(), "the newest two of 0..2");
        TransitionRecord failed = kept.get(0);
        assertEquals("aborted: d1_start_0 failed", failed.result());
        assertEquals(new TransitionRecord.ActionRecord(1, "d1_start_0", "n1", "start", "failed", "rc=1 (boom)",
                t0.plusSeconds(3).toEpochMilli()), failed.actions().get(0));
        assertEquals("pseudo", failed.actions().get(1).result(), "a pseudo action runs nowhere and reports nothing");
        Cib input = store.input(2).orElseThrow();
        assertEquals(String.valueOf(t0.plusSeconds(3).getEpochSecond()), input.attribute("execution-date"));
        assertTrue(store.input(0).isEmpty(), "pruned");
        // a restarted daemon numbers on from the newest it finds
        HistoryStore again = new HistoryStore(dir);
        assertEquals(3, again.saveInput(Cib.empty(), 0));
    }

    @Test
    void zeroSeriesMaxKeepsNothing() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        new TransitionHistory("n1", store, line -> { }).started(1, "x", keeping("0"), Instant.EPOCH, graph());
        assertEquals(List.of(), store.list(new ArrayList<>()));
    }
}
