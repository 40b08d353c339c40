package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.CibXml;

/**
 * Recurring monitors held as chains off the event queue must find a failure exactly when running every
 * monitor as events would: at the end of the first run that starts after the fault. vm01 (Xen) is
 * monitored every 30 s and each run takes 200 ms, so after the first recurring run ends at R0, run k starts
 * at R0 + k * 30 s + (k - 1) * 200 ms.
 */
class SteadyMonitorsTest {
    private static final long INTERVAL = 30_000;
    private static final long TAKES = 200;

    private record Outcome(long firstResult, long failureFound, long events) {}

    private static Outcome run(String faultAt) throws Exception {
        Scenario s = new Scenario("steady", null, null, null, null, null,
                List.of("fail monitor of vm01 on node1 at " + faultAt), "60m", List.of(), null);
        List<TimelineEvent> timeline = s.timeline().stream().map(TimelineEvent::parse).toList();
        SimulationRun.Result r = SimulationRun.run(s, CibXml.parse(FailoverSmokeTest.CIB), timeline,
                Duration.ofMinutes(60), 1, SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
        assertTrue(r.violation().isEmpty(), () -> r.violation().get().getMessage());
        long first = -1;
        long failed = -1;
        for (String line : r.trace()) {
            long at = Long.parseLong(line.substring(0, line.indexOf(' '))) - SimulationRun.T0.toEpochMilli();
            if (first < 0 && line.contains("result vm01_monitor_30000 on node1: rc=0")) {
                first = at;
            }
            if (failed < 0 && line.contains("result vm01_monitor_30000 on node1: rc=1")) {
                failed = at;
            }
        }
        assertTrue(first > 0 && failed > 0, () -> String.join("\n", r.trace()));
        return new Outcome(first, failed, r.events());
    }

    /** When run k (k >= 1) of the monitor starts, R0 being when the first run's result reached the DC. */
    private static long start(long r0, int k) {
        return r0 + k * INTERVAL + (k - 1) * TAKES;
    }

    private static void assertFoundByFirstRunStartingAfter(long faultMs, Outcome o) {
        int k = 1;
        while (start(o.firstResult(), k) < faultMs) {
            k++;
        }
        long expected = start(o.firstResult(), k) + TAKES;
        // both results travel to the DC over the simulated network (1 ms plus up to 1 ms jitter)
        assertTrue(Math.abs(o.failureFound() - expected) <= 2,
                "failure found at " + o.failureFound() + " ms, expected about " + expected + " ms");
    }

    @Test
    void faultBetweenRunsIsFoundByTheNextRun() throws Exception {
        Outcome o = run("20m");
        assertFoundByFirstRunStartingAfter(Duration.ofMinutes(20).toMillis(), o);
    }

    @Test
    void faultDuringARunIsFoundByTheRunAfterIt() throws Exception {
        Outcome probe = run("20m");
        // the first run starting after 10 minutes, and a fault 100 ms into it: that run began before the fault
        int k = 1;
        while (start(probe.firstResult(), k) < Duration.ofMinutes(10).toMillis()) {
            k++;
        }
        long during = start(probe.firstResult(), k) + 100;
        Outcome o = run(during + "ms");
        assertEquals(probe.firstResult(), o.firstResult());
        assertFoundByFirstRunStartingAfter(during, o);
        assertTrue(o.failureFound() > start(o.firstResult(), k + 1), "the run under way must not take the fault");
    }

    @Test
    void steadyMonitorsCostNoEvents() throws Exception {
        // an hour of a 30 s monitor would be 240 events on its own; the chain needs a handful
        assertTrue(run("50m").events() < 200);
    }
}
