package org.vigil.membership;

import java.util.Set;

/**
 * What a node's quorum calculation says about its partition, in corosync-quorumtool's terms.
 *
 * @param reason why the partition is (not) quorate, in plain words
 */
public record QuorumState(
        boolean quorate, int expectedVotes, int totalVotes, int quorum, Set<String> members, String reason) {
    public QuorumState {
        members = Set.copyOf(members);
    }
}
