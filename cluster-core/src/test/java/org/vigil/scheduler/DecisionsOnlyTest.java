package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.RandomCibs;

class DecisionsOnlyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theControllersSchedulerDecidesAsTheExplainingOneWithoutTheExplanations() {
        int decided = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Cib cib = RandomCibs.cib(seed);
            Transition full;
            try {
                full = new Scheduler().schedule(cib, NOW);
            } catch (RuntimeException e) {
                continue; // a random CIB the scheduler refuses is refused by both; not what this test is about
            }
            Transition lean = Scheduler.decisionsOnly().schedule(cib, NOW);
            assertEquals(full.actions(), lean.actions(), "seed " + seed);
            assertEquals(full.orderings(), lean.orderings(), "seed " + seed);
            assertEquals(full.summary(), lean.summary(), "seed " + seed);
            assertEquals(full.placements(), lean.placements(), "seed " + seed);
            assertEquals(full.roles(), lean.roles(), "seed " + seed);
            assertTrue(lean.scores().isEmpty() && lean.explanations().isEmpty());
            assertNull(lean.current());
            decided++;
        }
        assertTrue(decided >= 30, "most random CIBs are scheduled: " + decided);
    }
}
