package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinScenariosTest {
    static Stream<String> builtins() {
        return ScenarioLoader.builtinNames().stream();
    }

    private static SimulationRun.Result run(String name, long seed) throws Exception {
        ScenarioLoader.Loaded l = ScenarioLoader.load(name);
        return SimulationRun.run(l.scenario(), l.cib(), l.timeline(), l.duration(), seed,
                SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
    }

    /** Scenario name -> why it does not pass yet (see known-scenario-gaps.txt). */
    static java.util.Map<String, String> knownGaps() throws java.io.IOException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        try (var in = BuiltinScenariosTest.class.getResourceAsStream("/known-scenario-gaps.txt")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int colon = line.indexOf(':');
                    out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void builtinScenarioMeetsItsExpectations(String name) throws Exception {
        SimulationRun.Result r = run(name, 1);
        String gap = knownGaps().get(name);
        if (gap != null) {
            org.junit.jupiter.api.Assertions.assertFalse(r.passed(), name + " passes now: remove it from"
                    + " known-scenario-gaps.txt");
            org.junit.jupiter.api.Assumptions.abort("known gap: " + gap);
        }
        assertTrue(r.passed(), () -> name + ": " + r.violation().map(Throwable::getMessage).orElse("")
                + " " + r.failedExpectations() + "\n" + String.join("\n", r.trace()));
    }

    @Test
    void randomFaultRunsOfTheXenClusterKeepEveryInvariant() throws Exception {
        // A bounded set of seeds for CI; `vigil-sim run xen-4node-random --runs 1000` is the long version.
        ScenarioLoader.Loaded l = ScenarioLoader.load("xen-4node-random");
        var resources = org.vigil.cib.Resources.primitives(l.cib().configuration().resources()).stream()
                .map(org.vigil.cib.Primitive::id).toList();
        var nodes = SimulationRun.nodeNames(l.scenario(), l.cib());
        for (long seed = 1; seed <= 8; seed++) {
            var timeline = SimMain.timeline(l, resources, nodes, seed);
            assertTrue(timeline.size() > 10, "random faults are generated");
            SimulationRun.Result r = SimulationRun.run(l.scenario(), l.cib(), timeline, l.duration(), seed,
                    SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.violation().map(Throwable::getMessage).orElse("")
                    + " " + r.failedExpectations());
        }
    }

    @Test
    void sameSeedGivesTheSameTraceHash() throws Exception {
        assertEquals(run("split-brain-fencing", 7).traceHash(), run("split-brain-fencing", 7).traceHash());
    }

    @Test
    void withoutFencingTheCheckerCatchesTheDoubleActivation() throws Exception {
        SimulationRun.Result r = run("split-brain-no-fencing", 1);
        assertEquals("double-activation", r.violation().orElseThrow().invariant());
    }

    @Test
    void withFencingTheVmNeverRunsTwice() throws Exception {
        SimulationRun.Result r = run("split-brain-fencing", 1);
        assertFalse(r.violation().isPresent());
        assertEquals(List.of(), r.failedExpectations());
    }

    @Test
    void maintenanceByStandbyLiveMigratesWithZeroDowntime() throws Exception {
        SimulationRun.Result r = run("isp-maintenance-standby", 1);
        assertEquals(java.time.Duration.ZERO, r.availability().downtime("VM.1"));
        assertTrue(r.trace().stream().anyMatch(l -> l.contains("migrate_to")), "the VM must live-migrate");
    }

    @Test
    void listIncludesTheNamedScenarios() {
        assertTrue(ScenarioLoader.builtinNames().containsAll(List.of("isp-power-off", "split-brain-fencing",
                "split-brain-no-fencing")));
    }
}
