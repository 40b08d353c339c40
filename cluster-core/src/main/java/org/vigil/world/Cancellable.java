package org.vigil.world;

/** Something scheduled that may be called off; cancelling twice, or after it ran, does nothing. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
