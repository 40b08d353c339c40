package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.controller.TransitionObserver;
import org.vigil.transition.TransitionGraph;

class BackgroundObserverTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aSlowRecorderDoesNotHoldUpTheControllersThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        BackgroundObserver o = new BackgroundObserver("test", new TransitionObserver() {
            @Override
            public void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {
                threads.add(Thread.currentThread());
                await(release); // a disk that takes its time
                seen.add("started " + id);
            }

            @Override
            public void finished(int id, boolean succeeded, String abortReason, Instant at) {
                seen.add("finished " + id + " " + succeeded);
            }
        }, line -> { });
        o.started(1, "membership", Cib.empty(), AT, TransitionGraph.EMPTY);
        o.finished(1, true, "", AT);
        assertEquals(List.of(), seen, "the caller returned before the recorder was done");
        release.countDown();
        o.close();
        assertEquals(List.of("started 1", "finished 1 true"), seen, "recorded in the order told, all of it by close");
        assertNotEquals(Thread.currentThread(), threads.get(0));
    }

    @Test
    void aRecorderThatFailsOnceKeepsRecordingTheRest() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        BackgroundObserver o = new BackgroundObserver("test", new TransitionObserver() {
            @Override
            public void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {
                if (id == 1) {
                    throw new IllegalStateException("disk full");
                }
                seen.add("started " + id);
            }
        }, log::add);
        o.started(1, "a", Cib.empty(), AT, TransitionGraph.EMPTY);
        o.started(2, "b", Cib.empty(), AT, TransitionGraph.EMPTY);
        o.close();
        assertEquals(List.of("started 2"), seen);
        assertTrue(log.get(0).contains("disk full"), log.toString());
        o.started(3, "c", Cib.empty(), AT, TransitionGraph.EMPTY); // after close: dropped, not thrown
        assertEquals(List.of("started 2"), seen);
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
