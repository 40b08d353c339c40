package org.vigil.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vigil.world.RandomSource;

/**
 * For any topology and any set of working/broken devices: the fence is confirmed exactly when some
 * level has only working devices, the first such level is the one recorded, and the agents run are
 * the levels' devices in order, each level up to its first broken device.
 */
class TopologyProperties {
    private static final List<String> DEVICES = List.of("d0", "d1", "d2", "d3");

    record Case(List<List<String>> levels, List<Boolean> works) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> level = Arbitraries.of(DEVICES).list().ofMinSize(1).ofMaxSize(3);
        return level.list().ofMinSize(1).ofMaxSize(4)
                .flatMap(levels -> Arbitraries.of(true, false).list().ofSize(DEVICES.size()).map(w -> new Case(levels, w)));
    }

    @Property(tries = 100)
    void firstLevelWithOnlyWorkingDevicesConfirmsTheFence(@ForAll("cases") Case c) {
        VirtualWorld world = new VirtualWorld();
        FakeAgents agents = new FakeAgents(world);
        TestCibs cib = new TestCibs();
        for (int i = 0; i < DEVICES.size(); i++) {
            boolean works = c.works().get(i);
            String type = "fence_" + DEVICES.get(i);
            agents.agent(type, r -> works ? FakeAgents.Reply.ok() : FakeAgents.Reply.failed("broken"));
            cib.device(DEVICES.get(i), type, "pcmk_host_check", "none", "pcmk_off_retries", "1");
        }
        for (int i = 0; i < c.levels().size(); i++) {
            cib.level(i + 1, "target=\"n2\"", String.join(",", c.levels().get(i)));
        }
        var built = cib.build();
        FencingDaemon d = new FencingDaemon("n1", () -> built, agents, world, world, world, RandomSource.seeded(1));
        var result = d.fenceManually("n2", "off", "n1");
        world.runUntilIdle();

        Optional<List<String>> winner = Optional.empty();
        List<String> expectedCalls = new ArrayList<>();
        for (List<String> level : c.levels()) {
            boolean all = true;
            for (String dev : level) {
                expectedCalls.add("fence_" + dev + " off n2");
                if (!c.works().get(DEVICES.indexOf(dev))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                winner = Optional.of(level);
                break;
            }
        }
        FenceEvent e = result.join();
        assertEquals(winner.isPresent(), e.succeeded(), e.reason());
        winner.ifPresent(w -> assertEquals(w, e.devices()));
        assertEquals(expectedCalls, agents.powerCalls());
    }
}
