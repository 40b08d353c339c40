package org.vigil.controller;

import java.time.Instant;
import org.vigil.cib.Cib;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

/**
 * Told by the DC's {@link Controller} what each transition is and does: the transition history and the
 * metrics listen here, so the controller itself keeps no record. Called on the controller's thread; times
 * come from the controller's clock.
 */
public interface TransitionObserver {
    TransitionObserver NONE = new TransitionObserver() {};

    /** A transition starts: the scheduler's input ({@code input} at {@code now}) and what it decided. */
    default void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {}

    /** An action of transition {@code id} finished ({@code detail}: the result as the log says it). */
    default void actionDone(int id, GraphAction action, boolean ok, String detail, Instant at) {}

    /** Transition {@code id} is over: done as planned, or stopped ({@code abortReason}). */
    default void finished(int id, boolean succeeded, String abortReason, Instant at) {}
}
