package org.vigil.agents.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.TestHosts;

/**
 * The native stand-ins answer every step of an action sequence with the same OCF code as the
 * reference shell agents from Debian's packages (differential test).
 */
class NativeStandInDifferentialTest {
    @TempDir
    Path tmp;

    private List<Integer> codes(String agent, boolean nativeAgent, List<ActionName> steps) {
        Path dir = tmp.resolve(nativeAgent ? "native" : "script");
        HostEnvironment host = TestHosts.host(dir);
        AgentRegistry registry = AgentRegistry.load();
        if (nativeAgent) {
            // without an OCF root the script-first native agent stands in
            host = host.withOcfRoot(dir.resolve("no-ocf"));
        }
        List<Integer> out = new ArrayList<>();
        try (LocalAgentExecutor ex = new LocalAgentExecutor(registry, host)) {
            for (ActionName step : steps) {
                out.add(TestHosts.run(ex, AgentAction.of(AgentId.parse(agent), "rsc", step, Map.of(), Duration.ofSeconds(20))).exitCode());
            }
        }
        return out;
    }

    private static void assumeScript(String relative) {
        assumeTrue(Files.isExecutable(TestHosts.DEBIAN_OCF_ROOT.resolve("resource.d").resolve(relative)),
                "Debian agent " + relative + " not installed (resource-agents / pacemaker packages)");
    }

    @Test
    void nativeDummyAnswersLikeDebiansDummy() {
        assumeScript("heartbeat/Dummy");
        List<ActionName> steps = List.of(ActionName.MONITOR, ActionName.START, ActionName.START, ActionName.MONITOR,
                ActionName.VALIDATE_ALL, ActionName.RELOAD, ActionName.MIGRATE_TO, ActionName.MONITOR,
                ActionName.MIGRATE_FROM, ActionName.MONITOR, ActionName.STOP, ActionName.STOP, ActionName.MONITOR);
        assertEquals(codes("ocf:heartbeat:Dummy", false, steps), codes("ocf:heartbeat:Dummy", true, steps));
    }

    @Test
    void nativeStatefulAnswersLikePacemakersStateful() {
        assumeScript("pacemaker/Stateful");
        List<ActionName> steps = List.of(ActionName.MONITOR, ActionName.START, ActionName.MONITOR, ActionName.PROMOTE,
                ActionName.MONITOR, ActionName.STOP, ActionName.DEMOTE, ActionName.MONITOR, ActionName.STOP, ActionName.MONITOR);
        assertEquals(codes("ocf:pacemaker:Stateful", false, steps), codes("ocf:pacemaker:Stateful", true, steps));
    }
}
