package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.world.Cancellable;

class EventLoopTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eventsRunInTimeOrderAndSameInstantInSchedulingOrder() {
        EventLoop loop = new EventLoop(T0, new Trace(100));
        List<String> seen = new ArrayList<>();
        loop.schedule(Duration.ofSeconds(5), () -> seen.add("b"));
        loop.schedule(Duration.ofSeconds(1), () -> seen.add("a"));
        loop.schedule(Duration.ofSeconds(5), () -> seen.add("c"));
        loop.runUntil(T0.plusSeconds(10), 100);
        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(T0.plusSeconds(10), loop.now());
    }

    @Test
    void clockShowsTheEventsOwnTimeWhileItRuns() {
        EventLoop loop = new EventLoop(T0, new Trace(100));
        List<Instant> times = new ArrayList<>();
        loop.schedule(Duration.ofMillis(1500), () -> times.add(loop.now()));
        loop.runUntil(T0.plusSeconds(2), 100);
        assertEquals(List.of(T0.plusMillis(1500)), times);
    }

    @Test
    void cancelledEventNeverRuns() {
        EventLoop loop = new EventLoop(T0, new Trace(100));
        List<String> seen = new ArrayList<>();
        Cancellable c = loop.schedule(Duration.ofSeconds(1), () -> seen.add("x"));
        c.cancel();
        loop.runUntil(T0.plusSeconds(2), 100);
        assertEquals(List.of(), seen);
    }

    @Test
    void eventsBeyondTheEndWaitForTheNextRun() {
        EventLoop loop = new EventLoop(T0, new Trace(100));
        List<String> seen = new ArrayList<>();
        loop.schedule(Duration.ofSeconds(30), () -> seen.add("late"));
        loop.runUntil(T0.plusSeconds(10), 100);
        assertEquals(List.of(), seen);
        loop.runUntil(T0.plusSeconds(40), 100);
        assertEquals(List.of("late"), seen);
    }

    @Test
    void eventsAreOrderedByNanosecondsAndCenturiesAlike() {
        EventLoop loop = new EventLoop(T0.plusNanos(700), new Trace(100));
        List<String> seen = new ArrayList<>();
        Duration centuries = Duration.ofDays(365L * 400);
        loop.schedule(centuries.plusNanos(2), () -> seen.add("far+2ns"));
        loop.schedule(centuries.plusNanos(1), () -> seen.add("far+1ns"));
        loop.schedule(centuries.plusNanos(1), () -> seen.add("far+1ns again"));
        loop.schedule(Duration.ofNanos(400), () -> seen.add("400ns"));
        loop.schedule(Duration.ofSeconds(1).minusNanos(800), () -> seen.add("1s-800ns"));
        loop.schedule(Duration.ofNanos(300), () -> seen.add("300ns"));
        loop.runUntil(T0.plus(centuries).plusSeconds(1), 100);
        assertEquals(List.of("300ns", "400ns", "1s-800ns", "far+1ns", "far+1ns again", "far+2ns"), seen);
    }

    @Test
    void labelledEventsAreTracedWithTheirTime() {
        EventLoop loop = new EventLoop(T0, new Trace(100));
        loop.at(T0.plusMillis(1500), "power on node1", () -> { });
        loop.schedule(Duration.ofSeconds(2), () -> { });
        loop.runUntil(T0.plusSeconds(3), 10);
        assertEquals(List.of((T0.toEpochMilli() + 1500) + " power on node1"), loop.trace().lines());
    }

    @Test
    void selfReschedulingWithoutProgressIsStoppedByTheEventBudget() {
        EventLoop loop = new EventLoop(T0, new Trace(100));
        Runnable[] spin = new Runnable[1];
        spin[0] = () -> loop.schedule(Duration.ZERO, spin[0]);
        loop.schedule(Duration.ZERO, spin[0]);
        assertThrows(IllegalStateException.class, () -> loop.runUntil(T0.plusSeconds(1), 1000));
    }

    @Test
    void sameLabelledEventsGiveTheSameTraceHash() {
        assertEquals(run("a", "b"), run("a", "b"));
        assertNotEquals(run("a", "b"), run("b", "a"));
    }

    private static String run(String first, String second) {
        EventLoop loop = new EventLoop(T0, new Trace(10));
        loop.at(T0.plusSeconds(1), first, () -> { });
        loop.at(T0.plusSeconds(2), second, () -> { });
        loop.runUntil(T0.plusSeconds(3), 10);
        return loop.trace().hash();
    }
}
