package org.vigil.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.cib.Cib;
import org.vigil.world.Clock;
import org.vigil.world.RandomSource;

/** The production agent path (LocalAgentExecutor, worker threads) with the built-in stonith:fence_vigil_file. */
class NativeFenceAgentTest {
    @TempDir
    Path tmp;

    @Test
    void dynamicListOfTheNativeFileAgentFindsTheNodeAndOffIsRecorded() throws Exception {
        Path states = tmp.resolve("power");
        Cib cib = new TestCibs().device("file-fence", "fence_vigil_file", "state_dir", states.toString(), "hosts", "n2 n3").build();
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        try (LocalAgentExecutor executor = new LocalAgentExecutor(AgentRegistry.load(), HostEnvironment.system().withStateDir(tmp))) {
            FencingDaemon d = new FencingDaemon("n1", () -> cib, FenceAgentRunner.using(executor), Clock.system(),
                    (delay, task) -> {
                        var f = thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                        return () -> f.cancel(false);
                    }, thread, RandomSource.seeded(5));
            FenceEvent off = d.fenceManually("n3", "off", "n2").get(20, TimeUnit.SECONDS);
            assertTrue(off.succeeded(), off.reason());
            assertEquals(List.of("file-fence"), off.devices());
            assertEquals("off", Files.readString(states.resolve("n3")).strip());
            FenceEvent unknown = d.fenceManually("n9", "off", "n2").get(20, TimeUnit.SECONDS);
            assertEquals(FenceState.FAILED, unknown.state());
            assertEquals("no fence device can fence n9: file-fence cannot fence n9: 'n9' is not in the list the agent reports",
                    unknown.reason());
        } finally {
            thread.shutdownNow();
        }
    }
}
