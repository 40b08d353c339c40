package org.vigil.metrics;

import java.time.Instant;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.membership.QuorumState;

/**
 * What one node knows at the moment of a scrape: everything {@code /metrics} reports is derived from it.
 *
 * @param quorum        this node's quorum calculation, null before its first view
 * @param nodelist      the configured nodes with their ids and votes
 * @param ringAddresses this node's address on each ring, ring 0 first
 * @param ringLines     corosync-cfgtool-style lines for this node's rings ({@code ring 1: FAULTY: ...})
 * @param configChanged when this node first saw the current configuration version
 */
public record NodeSnapshot(String self, Cib cib, QuorumState quorum, List<String> members, List<Member> nodelist,
        List<String> ringAddresses, List<String> ringLines, Instant configChanged) {
    public NodeSnapshot {
        members = List.copyOf(members);
        nodelist = List.copyOf(nodelist);
        ringAddresses = List.copyOf(ringAddresses);
        ringLines = List.copyOf(ringLines);
    }

    /** A configured node: corosync's nodeid and quorum votes. */
    public record Member(String name, int nodeId, int votes) {}
}
