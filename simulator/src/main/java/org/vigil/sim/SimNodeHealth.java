package org.vigil.sim;

/** The physical state of a simulated node. */
public enum SimNodeHealth {
    /** Running normally. */
    UP,
    /** Frozen (kernel hang, long GC, VM paused): its processes keep their state but do nothing. */
    HUNG,
    /** Powered off: nothing runs, everything in flight is lost. */
    DOWN
}
