package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * A single-threaded discrete-event loop over virtual time. Events at the same instant run in the order
 * they were scheduled, so a run is a pure function of what was scheduled: no threads, no wall clock.
 */
public final class EventLoop implements Clock, Timers {
    /** Seconds from the origin past which event times no longer fit a long count of nanoseconds. */
    private static final long FAR = 9_000_000_000L;

    private final EventQueue queue = new EventQueue();
    private final Trace trace;
    /** Events are ordered by their time as nanoseconds since this instant: one long comparison. */
    private final Instant origin;
    private Instant now;
    private long sequence;
    private long executed;
    private Runnable afterEach = () -> { };

    public EventLoop(Instant start, Trace trace) {
        this.now = start;
        this.origin = start;
        this.trace = trace;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return at(now.plus(delay.isNegative() ? Duration.ZERO : delay), null, task);
    }

    /** Schedules {@code task} at {@code when}; a non-null {@code label} is written to the trace when it runs. */
    public Cancellable at(Instant when, String label, Runnable task) {
        Instant at = when.isBefore(now) ? now : when;
        Event e = new Event(at, key(at), sequence++, label, task);
        queue.add(e);
        return e;
    }

    /** Runs events until none is left before {@code end}, then leaves the clock at {@code end}. */
    public void runUntil(Instant end, long maxEvents) {
        while (!queue.isEmpty() && !queue.peek().when.isAfter(end)) {
            if (executed >= maxEvents) {
                throw new IllegalStateException("more than " + maxEvents + " events before " + end
                        + ": a component is rescheduling itself without making progress");
            }
            Event e = (Event) queue.poll();
            now = e.when;
            executed++;
            if (e.label != null) {
                trace.record(now.toEpochMilli(), e.label);
            }
            e.task.run();
            afterEach.run();
        }
        if (end.isAfter(now)) {
            now = end;
        }
    }

    /** Runs after every event, e.g. the invariant checker. */
    public void afterEach(Runnable hook) {
        this.afterEach = hook;
    }

    public long executedEvents() {
        return executed;
    }

    public Trace trace() {
        return trace;
    }

    /**
     * Nanoseconds from the origin to {@code at} (never before the origin: nothing is scheduled in the past);
     * {@link Long#MAX_VALUE} from about 290 years on, where the instants themselves decide.
     */
    private long key(Instant at) {
        long seconds = at.getEpochSecond() - origin.getEpochSecond();
        if (seconds >= FAR) {
            return Long.MAX_VALUE;
        }
        return seconds * 1_000_000_000L + (at.getNano() - origin.getNano());
    }

    private final class Event extends EventQueue.Entry implements Cancellable {
        final String label;
        final Runnable task;

        Event(Instant when, long key, long seq, String label, Runnable task) {
            super(when, key, seq);
            this.label = label;
            this.task = task;
        }

        @Override
        public void cancel() {
            queue.remove(this);
        }
    }
}
