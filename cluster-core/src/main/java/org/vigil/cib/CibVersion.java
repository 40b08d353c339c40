package org.vigil.cib;

import java.util.Comparator;

/** Pacemaker's CIB version triple; the higher one wins when partitions merge. */
public record CibVersion(long adminEpoch, long epoch, long numUpdates) implements Comparable<CibVersion> {
    public static final CibVersion ZERO = new CibVersion(0, 0, 0);

    private static final Comparator<CibVersion> ORDER = Comparator.comparingLong(CibVersion::adminEpoch)
            .thenComparingLong(CibVersion::epoch)
            .thenComparingLong(CibVersion::numUpdates);

    @Override
    public int compareTo(CibVersion other) {
        return ORDER.compare(this, other);
    }

    /** A configuration change: epoch goes up and num_updates starts again. */
    public CibVersion nextEpoch() {
        return new CibVersion(adminEpoch, epoch + 1, 0);
    }

    /** A status change. */
    public CibVersion nextUpdate() {
        return new CibVersion(adminEpoch, epoch, numUpdates + 1);
    }

    @Override
    public String toString() {
        return adminEpoch + ":" + epoch + ":" + numUpdates;
    }
}
