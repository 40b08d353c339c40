package org.vigil.agents;

/** A native agent ran out of its action timeout while running a tool or waiting. */
public final class ActionTimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ActionTimedOut(String message) {
        super(message);
    }
}
