package org.vigil.agents;

/** A running action; cancelling it reports a {@link ExecStatus#CANCELLED} result unless it already finished. */
public interface ActionHandle {
    /** Requests cancellation; returns false if the action had already completed. */
    boolean cancel();

    boolean isDone();
}
