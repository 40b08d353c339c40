package org.vigil.fencing;

/** Where a fencing operation stands. */
public enum FenceState {
    PENDING, DONE, FAILED
}
