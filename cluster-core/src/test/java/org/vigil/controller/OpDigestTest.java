package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values were checked against Pacemaker 2.1.5's crm_simulate (no restart with the right digest). */
class OpDigestTest {
    @Test
    void oneShotDigestMatchesPacemakerForSortedParameters() {
        assertEquals("1af908bd9a630f43595467820c763b08", OpDigest.of(Map.of("zeta", "1", "alpha", "2"), 0, 20000));
    }

    @Test
    void digestOfNoParametersMatchesPacemaker() {
        assertEquals("f2317cad3d54cec5d7d7aa7d0bf35cf8", OpDigest.of(Map.of(), 0, 20000));
    }

    @Test
    void recurringDigestIncludesTheTimeout() {
        assertEquals("4811cef7f7f94e3a35a70be7916cb2fd", OpDigest.of(Map.of(), 10000, 20000));
    }
}
