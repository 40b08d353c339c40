package org.vigil.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlannerTest {
    static final FaultPlanner.Facts ALL_UP = new FaultPlanner.Facts(3, 3, false, true);
    static final FaultPlanner.Facts ONE_DOWN = new FaultPlanner.Facts(3, 2, true, true);

    @Test
    void sameSeedSameFaults() {
        FaultPlanner a = new FaultPlanner(1, EnumSet.allOf(FaultKind.class));
        FaultPlanner b = new FaultPlanner(1, EnumSet.allOf(FaultKind.class));
        List<FaultPlanner.Step> sa = IntStream.range(0, 50).mapToObj(i -> a.next(i % 3 == 0 ? ONE_DOWN : ALL_UP)).toList();
        List<FaultPlanner.Step> sb = IntStream.range(0, 50).mapToObj(i -> b.next(i % 3 == 0 ? ONE_DOWN : ALL_UP)).toList();
        assertEquals(sa, sb);
        assertTrue(sa.stream().map(FaultPlanner.Step::kind).distinct().count() > 5, "a mix of kinds: " + sa);
    }

    @Test
    void noNodeGoesDownWhenTheRestWouldLoseQuorum() {
        FaultPlanner p = new FaultPlanner(7, EnumSet.allOf(FaultKind.class));
        List<FaultKind> eligible = p.eligible(ONE_DOWN);
        assertTrue(eligible.contains(FaultKind.REJOIN));
        assertFalse(eligible.stream().anyMatch(k -> k.takesNodeDown), eligible.toString());
        assertFalse(p.eligible(ALL_UP).contains(FaultKind.REJOIN), "nothing to rejoin");
        assertTrue(p.eligible(ALL_UP).contains(FaultKind.KILL_DC));
    }

    @Test
    void cutsAndUnchosenKindsAreLeftOut() {
        FaultPlanner p = new FaultPlanner(7, EnumSet.of(FaultKind.PARTITION_DC, FaultKind.KILL_NODE));
        assertEquals(List.of(FaultKind.KILL_NODE), p.eligible(new FaultPlanner.Facts(3, 3, false, false)));
        assertEquals(List.of(FaultKind.KILL_NODE, FaultKind.PARTITION_DC), p.eligible(ALL_UP));
    }
}
