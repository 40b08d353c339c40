package org.vigil.membership;

/** A node's view of the cluster membership. Listeners are called one at a time, in order of changes. */
public interface Membership extends AutoCloseable {
    /** The latest view, or null before the first one. */
    MembershipView current();

    void addListener(MembershipListener listener);

    /** Leaves the cluster (a clean leave: the others see this node go at once). */
    @Override
    void close();
}
