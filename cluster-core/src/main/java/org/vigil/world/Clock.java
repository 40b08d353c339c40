package org.vigil.world;

import java.time.Instant;

/** The current time, as the component is allowed to see it (like Caffeine's {@code Ticker}). */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The wall clock: production only. */
    static Clock system() {
        return Instant::now;
    }
}
