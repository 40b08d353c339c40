package org.vigil.world;

import java.time.Duration;

/** Runs a task after a delay. Tasks run one at a time on the owner's event thread (or the simulator loop). */
@FunctionalInterface
public interface Timers {
    Cancellable schedule(Duration delay, Runnable task);
}
