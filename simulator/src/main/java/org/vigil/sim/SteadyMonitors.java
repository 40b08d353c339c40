package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's recurring monitors whose results are foreseeable, kept off the event queue. A recurring
 * monitor that found what it found last time is not reported by the LRM, so while nothing changes for its
 * resource on its node (ground truth, injected faults, node speed or health, another operation of the
 * resource) each run is invisible: the LRM starts it, the agent takes its time and answers the same, the
 * LRM waits one interval. Such a monitor is held here as a "chain" (first run, period) that costs no event.
 * When something relevant happens, {@link #wake} works out where the chain is at that instant and hands it
 * back to real events: either the next run's timer, or — when a run is under way — that run, started now
 * but finishing when it would have ({@link #startedAt}). So a failure is still found by the first monitor
 * run that starts after it, at the same instant as without chains.
 */
final class SteadyMonitors {
    private final EventLoop loop;
    private Pending armed;
    private final Map<String, List<Chain>> chains = new TreeMap<>();
    private final Map<String, Instant> backdated = new HashMap<>();

    /** The monitor whose unchanged result is being delivered right now; the LRM's next timer is its chain. */
    private record Pending(String rsc, long intervalMs, Duration takes) {}

    private record Chain(String rsc, long intervalMs, Duration takes, NodeTimers.Timer timer, Instant firstRun) {}

    SteadyMonitors(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * The agent is about to deliver a result of {@code rsc}'s recurring monitor that every later run will
     * repeat until something changes; each run takes {@code takes}.
     */
    void arm(String rsc, long intervalMs, Duration takes) {
        armed = new Pending(rsc, intervalMs, takes);
    }

    void disarm() {
        armed = null;
    }

    /** Another operation of {@code rsc} started while its monitor's result was delivered: no chain. */
    void busy(String rsc) {
        if (armed != null && armed.rsc().equals(rsc)) {
            armed = null;
        }
    }

    /** The LRM sets its next-run timer: for an armed monitor that timer becomes a chain instead of an event. */
    boolean adopt(Duration delay, NodeTimers.Timer timer) {
        Pending p = armed;
        if (p == null || delay.toMillis() != p.intervalMs() || delay.toNanos() % 1_000_000 != 0) {
            return false;
        }
        armed = null;
        chains.computeIfAbsent(p.rsc(), k -> new ArrayList<>())
                .add(new Chain(p.rsc(), p.intervalMs(), p.takes(), timer, loop.now().plus(delay)));
        return true;
    }

    /** Something that may change what {@code rsc}'s monitors find here, or when they run, happens now. */
    void wake(String rsc) {
        List<Chain> list = chains.remove(rsc);
        if (list != null) {
            list.forEach(this::resume);
        }
    }

    /** As {@link #wake}, for every resource instance that a fault planned for {@code resource} may hit. */
    void wakeMatching(String resource) {
        List<String> rscs = new ArrayList<>(chains.keySet());
        for (String r : rscs) {
            if (FaultPlan.matches(resource, r)) {
                wake(r);
            }
        }
    }

    /** As {@link #wake}, for every resource on the node (its speed or health changes). */
    void wakeAll() {
        List<String> rscs = new ArrayList<>(chains.keySet());
        rscs.forEach(this::wake);
    }

    /** The node lost power: its monitors are gone with its processes. */
    void forget() {
        chains.clear();
        backdated.clear();
        armed = null;
    }

    /** When the monitor run that the LRM starts now really began, if earlier (consumed by the agent). */
    Instant startedAt(String rsc, long intervalMs) {
        return backdated.remove(key(rsc, intervalMs));
    }

    private void resume(Chain c) {
        if (!c.timer().alive()) {
            return;
        }
        Instant now = loop.now();
        if (now.isBefore(c.firstRun())) {
            c.timer().at(c.firstRun());
            return;
        }
        long period = Duration.ofMillis(c.intervalMs()).plus(c.takes()).toNanos();
        long since = Duration.between(c.firstRun(), now).toNanos();
        Instant run = c.firstRun().plusNanos(since / period * period);
        if (now.isBefore(run.plus(c.takes())) || now.equals(run)) {
            // a run is under way: the LRM starts it now, the agent answers when that run would have
            backdated.put(key(c.rsc(), c.intervalMs()), run);
            c.timer().runNow();
            backdated.remove(key(c.rsc(), c.intervalMs()));
        } else {
            c.timer().at(run.plusNanos(period));
        }
    }

    private static String key(String rsc, long intervalMs) {
        return rsc + "\u0000" + intervalMs;
    }
}
