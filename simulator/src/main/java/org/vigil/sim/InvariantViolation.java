package org.vigil.sim;

/** A safety or liveness property broke; the run stops here. */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String invariant;

    public InvariantViolation(String invariant, String message) {
        super(invariant + ": " + message, null, false, false);
        this.invariant = invariant;
    }

    /** Short name: double-activation, too-many-instances, no-quorum-action, order, liveness, ... */
    public String invariant() {
        return invariant;
    }
}
