package org.vigil.scheduler;

/** An ordering between two actions, with Pacemaker's propagation flags. */
public record Edge(Action first, Action then, int flags) {
    /** Plain ordering: only affects execution order. */
    public static final int OPTIONAL = 1;
    /** first required =&gt; then required. */
    public static final int IMPLIES_THEN = 2;
    /** then required =&gt; first required. */
    public static final int IMPLIES_FIRST = 4;
    /** first unrunnable =&gt; then unrunnable. */
    public static final int RUNNABLE_LEFT = 8;
    /** then required or unrunnable =&gt; first (a stop) required: restarts propagate. */
    public static final int RESTART = 16;
    /** Only serialises, never requires. */
    public static final int SERIALIZE = 32;
    /** then is runnable if at least one of its "first"s is (clone-min, require-all=false). */
    public static final int ONE_OR_MORE = 64;
    /** Only applies when both actions are on the same node (interleaving). */
    static final int SAME_NODE = 128;
    /** symmetrical=false: never stops a "then" resource that is already active alongside "first". */
    public static final int ASYMMETRIC = 256;
    /**
     * A configured ordering of a group or clone carried to one of its members' actions: Pacemaker applies it
     * through the collective's own action, so a member re-examining its predecessors does not see it.
     */
    public static final int VIA_COLLECTIVE = 512;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
