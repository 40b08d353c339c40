package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingReportTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:30Z");

    @Test
    void ringsHeardFromEveryMemberAreActiveAndSilentOnesFaulty() {
        long t = NOW.toEpochMilli();
        List<RingTransport.RingStatus> rings = List.of(
                new RingTransport.RingStatus(0, Map.of("b", t - 200, "c", t - 12_000)),
                new RingTransport.RingStatus(1, Map.of("b", t - 100, "c", t - 900)));
        assertEquals(List.of("ring 0: FAULTY: c silent for 12 s", "ring 1: active with no faults"),
                RingReport.lines("a", List.of("a", "b", "c"), rings, NOW, Duration.ofSeconds(3)));
    }

    @Test
    void memberNeverHeardOnARingIsAFault() {
        List<RingTransport.RingStatus> rings = List.of(new RingTransport.RingStatus(0, Map.of()),
                new RingTransport.RingStatus(1, Map.of()));
        assertEquals(List.of("ring 0: FAULTY: b never heard", "ring 1: FAULTY: b never heard"),
                RingReport.lines("a", List.of("a", "b"), rings, NOW, Duration.ofSeconds(3)));
    }

    @Test
    void singleRingSaysSo() {
        assertEquals(List.of("ring 0: the only ring (no redundancy configured)"),
                RingReport.lines("a", List.of("a"), List.of(), NOW, Duration.ofSeconds(3)));
    }
}
