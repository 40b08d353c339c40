package org.vigil.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.cib.Cib;
import org.vigil.world.Clock;
import org.vigil.world.RandomSource;
import org.vigil.world.Timers;

/** The daemon on real threads with Debian's {@code fence_dummy} (fence-agents) run as a process. */
class FenceDummyTest {
    private static final Path FENCE_DUMMY = Path.of("/usr/sbin/fence_dummy");

    @TempDir
    Path tmp;
    private ExecutorService events;
    private ScheduledExecutorService timerThread;
    private LocalAgentExecutor executor;
    private Thread eventThread;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(FENCE_DUMMY),
                "Debian fence-agents not installed (/usr/sbin/fence_dummy missing): apt-get install fence-agents to run this test");
        events = Executors.newSingleThreadExecutor(r -> new Thread(r, "fencing-events"));
        eventThread = CompletableFuture.supplyAsync(Thread::currentThread, events).get();
        timerThread = Executors.newSingleThreadScheduledExecutor();
        executor = new LocalAgentExecutor(AgentRegistry.load(), HostEnvironment.system().withLocalNode("n1").withStateDir(tmp.resolve("rsctmp")));
    }

    @AfterEach
    void stop() {
        if (executor != null) {
            executor.close();
            events.shutdownNow();
            timerThread.shutdownNow();
        }
    }

    private FencingDaemon daemon(Cib cib) {
        Timers timers = (delay, task) -> {
            var f = timerThread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        return new FencingDaemon("n1", () -> cib, FenceAgentRunner.using(executor), Clock.system(), timers, events, RandomSource.seeded(1));
    }

    private Cib cib(TestCibs c) {
        return c.build();
    }

    @Test
    void rebootThroughFenceDummySucceedsAndTheCallbackRunsOnTheEventThread() throws Exception {
        Path status = tmp.resolve("n2.status");
        FencingDaemon d = daemon(cib(new TestCibs().device("fd-n2", "fence_dummy", "type", "file", "status_file", status.toString(),
                "pcmk_host_list", "n2")));
        CompletableFuture<Thread> callbackThread = new CompletableFuture<>();
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        d.fence("n2", "reboot", ok -> {
            callbackThread.complete(Thread.currentThread());
            result.complete(ok);
        });
        assertTrue(result.get(30, TimeUnit.SECONDS), () -> d.history().toString());
        assertEquals(eventThread, callbackThread.get());
        assertEquals("on", Files.readString(status).strip(), "fence_dummy's reboot is off then on");
        FenceEvent e = d.history().get(0);
        assertEquals(FenceState.DONE, e.state());
        assertEquals(List.of("fd-n2"), e.devices());
    }

    @Test
    void offThroughFenceDummyLeavesTheNodeOff() throws Exception {
        Path status = tmp.resolve("n2.status");
        Files.writeString(status, "on");
        FencingDaemon d = daemon(cib(new TestCibs().device("fd-n2", "fence_dummy", "type", "file", "status_file", status.toString(),
                "pcmk_host_list", "n2")));
        FenceEvent e = d.fenceManually("n2", "off", "n3").get(30, TimeUnit.SECONDS);
        assertTrue(e.succeeded(), e.reason());
        assertEquals("off", Files.readString(status).strip());
    }

    @Test
    void aFenceDummyThatCannotPowerOffFailsTheFence() throws Exception {
        FencingDaemon d = daemon(cib(new TestCibs().device("fd-broken", "fence_dummy", "type", "fail", "power_timeout", "1",
                "pcmk_host_list", "n3")));
        FenceEvent e = d.fenceManually("n3", "reboot", "n1").get(60, TimeUnit.SECONDS);
        assertFalse(e.succeeded());
        assertEquals(FenceState.FAILED, e.state());
        assertTrue(e.reason().contains("fd-broken reboot of n3 failed (2 attempts)"), e.reason());
        assertTrue(e.reason().contains("Timed out waiting to power OFF"), e.reason());
    }

    @Test
    void aFailingFenceDummyLevelFallsThroughToAWorkingOne() throws Exception {
        Path status = tmp.resolve("n3.status");
        FencingDaemon d = daemon(cib(new TestCibs()
                .device("fd-broken", "fence_dummy", "type", "fail", "power_timeout", "1", "pcmk_host_list", "n3", "pcmk_reboot_retries", "1")
                .device("fd-ok", "fence_dummy", "type", "file", "status_file", status.toString(), "pcmk_host_list", "n3")
                .level(1, "target=\"n3\"", "fd-broken")
                .level(2, "target=\"n3\"", "fd-ok")));
        FenceEvent e = d.fenceManually("n3", "reboot", "n1").get(60, TimeUnit.SECONDS);
        assertTrue(e.succeeded(), e.reason());
        assertEquals(List.of("fd-ok"), e.devices());
        assertEquals("on", Files.readString(status).strip());
    }
}
