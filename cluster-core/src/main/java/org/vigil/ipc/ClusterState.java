package org.vigil.ipc;

import java.util.List;
import java.util.Objects;

/**
 * What the local daemon knows about the cluster beyond the CIB: membership, quorum, the DC, the rings and
 * fencing. Everything {@code crm status} and {@code crm cluster} show that is not in the CIB.
 *
 * @param localNode      this node's name (as in the nodelist and the CIB)
 * @param dc             the designated controller's name; null while an election is running
 * @param quorate        whether this node's partition has quorum
 * @param votes          votes of the partition's members (votequorum's "Total votes")
 * @param expectedVotes  votequorum's expected votes
 * @param members        names of the nodes in this partition (this node included), sorted
 * @param strangers      members not in the nodelist (they have no votes), sorted
 * @param rings          one line per ring, corosync-cfgtool style ({@code ring 0: active with no faults})
 * @param fencingHistory fencing actions this daemon knows of, oldest first
 * @param version        the daemon's Vigil version
 */
public record ClusterState(String localNode, String dc, boolean quorate, int votes, int expectedVotes,
        List<String> members, List<String> strangers, List<String> rings, List<FenceOutcome> fencingHistory,
        String version) {
    public ClusterState {
        Objects.requireNonNull(localNode, "localNode");
        members = List.copyOf(members);
        strangers = List.copyOf(strangers);
        rings = List.copyOf(rings);
        fencingHistory = List.copyOf(fencingHistory);
        version = version == null ? "unknown" : version;
    }

    public boolean isMember(String node) {
        return members.contains(node);
    }
}
