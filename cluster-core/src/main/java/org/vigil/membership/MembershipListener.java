package org.vigil.membership;

/** Told of every change: a new view, then the same view again once its DC is agreed, quorum changes. */
@FunctionalInterface
public interface MembershipListener {
    void changed(MembershipView view);
}
