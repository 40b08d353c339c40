package org.vigil.agents;

/** A running action; cancelling it reports a {@link ExecStatus#CANCELLED} result unless it already finished. */
public interface ActionHandle {
    /** Requests cancellation; returns false if the action had already completed. */
    boolean cancel();

    boolean isDone();

    /** The handle of an action that reported before {@code execute} returned: nothing left to cancel. */
    static ActionHandle finished() {
        return Finished.INSTANCE;
    }

    /** See {@link #finished()}. */
    enum Finished implements ActionHandle {
        INSTANCE;

        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }
    }
}
