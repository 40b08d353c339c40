package org.vigil.membership;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one node knows about its partition.
 *
 * @param viewId   the transport's view number (grows with every membership change)
 * @param members  the partition's node names, sorted
 * @param strangers members whose names are not in the nodelist (they have no votes)
 * @param quorum   votequorum's decision for this partition
 * @param dc       the designated controller, once the partition has agreed on one (null while electing)
 * @param merged   this view joined partitions that had been apart
 * @param evicted  the others had excluded this node while it believed it was still with them: whatever it
 *                 did meanwhile is stale, so the daemon stops acting and rejoins fresh
 */
public record MembershipView(long viewId, List<String> members, Set<String> strangers, QuorumState quorum,
        String dc, boolean merged, boolean evicted) {
    public MembershipView {
        members = List.copyOf(members);
        strangers = Set.copyOf(strangers);
    }

    public Optional<String> designatedController() {
        return Optional.ofNullable(dc);
    }

    public boolean isDc(String node) {
        return node.equals(dc);
    }
}
