package org.vigil.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAgentExecutorTest {
    @TempDir
    Path tmp;

    /** An agent whose start never returns on its own, for cancellation and watchdog tests. */
    static final class StuckAgent implements ResourceAgent {
        @Override
        public AgentId id() {
            return AgentId.ocf("test", "Stuck");
        }

        @Override
        public AgentMetadata metadata() {
            return new AgentMetadata("Stuck", "1", "", "", List.of(ParameterSpec.required("must", "string", "a required parameter")), List.of());
        }

        @Override
        public AgentResult start(ActionContext ctx) {
            while (true) {
                // ignores its deadline on purpose: only the watchdog can end it
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return AgentResult.of(OcfStatus.ERR_GENERIC, "interrupted");
                }
            }
        }

        @Override
        public AgentResult stop(ActionContext ctx) {
            return AgentResult.success();
        }

        @Override
        public AgentResult monitor(ActionContext ctx) {
            return AgentResult.notRunning();
        }
    }

    private LocalAgentExecutor executor() {
        return new LocalAgentExecutor(AgentRegistry.of(List.of(new StuckAgent()), List.of()), TestHosts.host(tmp));
    }

    private static AgentAction start(Duration timeout) {
        return AgentAction.of(AgentId.ocf("test", "Stuck"), "s", ActionName.START, Map.of("must", "x"), timeout);
    }

    @Test
    void cancelReportsCancelledExactlyOnce() throws Exception {
        try (LocalAgentExecutor ex = executor()) {
            List<AgentResult> results = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            ActionHandle h = ex.execute(start(Duration.ofSeconds(30)), r -> {
                results.add(r);
                done.countDown();
            });
            assertTrue(h.cancel());
            assertTrue(done.await(2, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(1, results.size(), results.toString());
            assertEquals(ExecStatus.CANCELLED, results.get(0).execStatus());
            assertTrue(h.isDone());
            assertFalse(h.cancel(), "a finished action cannot be cancelled again");
        }
    }

    @Test
    void closeCancelsWhatIsStillRunning() throws Exception {
        LocalAgentExecutor ex = executor();
        CountDownLatch done = new CountDownLatch(1);
        List<AgentResult> results = new CopyOnWriteArrayList<>();
        ex.execute(start(Duration.ofSeconds(30)), r -> {
            results.add(r);
            done.countDown();
        });
        ex.close();
        assertTrue(done.await(2, TimeUnit.SECONDS), "close must not swallow callbacks");
        assertEquals(ExecStatus.CANCELLED, results.get(0).execStatus());
    }

    @Test
    void watchdogReportsTimeoutOfAnAgentThatIgnoresItsDeadline() {
        try (LocalAgentExecutor ex = executor()) {
            AgentResult r = TestHosts.run(ex, start(Duration.ofMillis(100)));
            assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
            assertTrue(r.exitReason().contains("ocf:test:Stuck start of s timed out"), r.exitReason());
        }
    }

    @Test
    void missingRequiredParameterIsNotConfigured() {
        try (LocalAgentExecutor ex = executor()) {
            AgentResult r = TestHosts.run(ex, AgentAction.of(AgentId.ocf("test", "Stuck"), "s", ActionName.START, Map.of(), Duration.ofSeconds(5)));
            assertEquals(OcfStatus.ERR_CONFIGURED, r.status());
            assertTrue(r.exitReason().contains("must"), r.exitReason());
        }
    }

    @Test
    void unimplementedActionsSayWhich() {
        try (LocalAgentExecutor ex = executor()) {
            AgentResult r = TestHosts.run(ex, start(Duration.ofSeconds(5)).withAction(ActionName.PROMOTE));
            assertEquals(OcfStatus.ERR_UNIMPLEMENTED, r.status());
            assertTrue(r.exitReason().contains("promote"), r.exitReason());
        }
    }

    @Test
    void callbackNeverRunsOnTheCallersThread() throws Exception {
        try (LocalAgentExecutor ex = executor()) {
            Thread caller = Thread.currentThread();
            CountDownLatch done = new CountDownLatch(1);
            List<Thread> threads = new CopyOnWriteArrayList<>();
            ex.execute(start(Duration.ofSeconds(5)).withAction(ActionName.STOP), r -> {
                threads.add(Thread.currentThread());
                done.countDown();
            });
            assertTrue(done.await(2, TimeUnit.SECONDS));
            assertFalse(threads.contains(caller));
        }
    }
}
