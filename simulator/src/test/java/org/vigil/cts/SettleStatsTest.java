package org.vigil.cts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettleStatsTest {
    @Test
    void lastLineGivesMedianAndMaxOfSettledFaults() {
        SettleStats s = new SettleStats();
        s.settled("kill-dc", 2.0);
        s.settled("kill-node", 1.0);
        s.settled("kill-dc", 4.0);
        s.unsettled("hang");
        assertEquals("faults: 4, audit failures: 1, settle median 2.00 s, max 4.00 s", s.lastLine(4, 1));
        assertEquals(List.of(
                "  kill-dc           2 faults, settle median 3.00 s, max 4.00 s",
                "  kill-node         1 faults, settle median 1.00 s, max 1.00 s",
                "  hang              1 faults, settle median - s, max - s, 1 did not settle"), s.perKind());
    }
}
