package org.vigil.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void pacemakerSpellingsReadAsMilliseconds() {
        assertEquals(30_000, Durations.parseIntervalMs("30s"));
        assertEquals(20_000, Durations.parseIntervalMs("20"));
        assertEquals(300_000, Durations.parseIntervalMs("5min"));
        assertEquals(300_000, Durations.parseIntervalMs("5M"));
        assertEquals(7_200_000, Durations.parseIntervalMs("2h"));
        assertEquals(1500, Durations.parseIntervalMs("1500ms"));
        assertEquals(2, Durations.parseIntervalMs("2500us"));
        assertEquals(10_000, Durations.parseIntervalMs(" 10 s "));
        assertEquals(90_000, Durations.parseIntervalMs("PT1M30S"));
        assertEquals(0, Durations.parseIntervalMs(""));
        assertEquals(0, Durations.parseIntervalMs(null));
    }

    @Test
    void isoDurationsReadAsPacemakerReadsThemWithOrWithoutT() {
        assertEquals(30_000, Durations.parseIntervalMs("P30S"));
        assertEquals(30_000, Durations.parseIntervalMs("PT30S"));
        assertEquals(90_000, Durations.parseIntervalMs("PT1M30S"));
        assertEquals(3_600_000, Durations.parseIntervalMs("P1H"));
        assertEquals(86_400_000L + 60_000, Durations.parseIntervalMs("P1DT1M"));
        assertEquals(-1, Durations.parseIntervalMs("P1X"));
        assertEquals(-1, Durations.parseIntervalMs("P30"));
    }

    @Test
    void somethingElseIsNotADuration() {
        assertEquals(-1, Durations.parseIntervalMs("10 fortnights"));
        assertEquals(-1, Durations.parseIntervalMs("1.5s"));
        assertEquals(-1, Durations.parseIntervalMs("s"));
        assertEquals(-1, Durations.parseIntervalMs("-5s"));
    }
}
