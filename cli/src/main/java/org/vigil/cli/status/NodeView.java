package org.vigil.cli.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.scheduler.StatusReader;
import org.vigil.scheduler.StatusReading;

/**
 * What {@code crm status} and the node commands say about a node, as the scheduler's unpack reads it
 * ({@link StatusReader}: membership from node_state, standby and maintenance from attributes).
 */
public record NodeView(String id, String name, boolean online, boolean standby, boolean maintenance,
        boolean unclean, String kind) {
    public static List<NodeView> of(Cib cib) {
        return of(cib, null);
    }

    /**
     * The nodes with membership from the live cluster: the daemon's member list is newer than the CIB's
     * node_state, so where they disagree the members win.
     *
     * @param members the partition's members, or null to go by the CIB alone
     */
    public static List<NodeView> of(Cib cib, Collection<String> members) {
        return of(StatusReader.read(cib, Clock.systemUTC().instant()), members);
    }

    static List<NodeView> of(StatusReading reading, Collection<String> members) {
        List<NodeView> list = new ArrayList<>();
        for (StatusReading.NodeInfo n : live(reading, members)) {
            list.add(new NodeView(n.id(), n.name(), n.online(), n.standby(), n.maintenance(), n.unclean(), n.kind()));
        }
        // crm_mon lists nodes by name
        list.sort(Comparator.comparing(NodeView::name));
        return list;
    }

    /** A full cluster member (not a remote or guest node, which crm_node does not list). */
    public boolean isCluster() {
        return "cluster".equals(kind);
    }

    /**
     * The reading's nodes with the live membership applied: with fencing, a node that is no longer a member but
     * that the CIB still shows up (or expected up) has just left uncleanly and must be fenced first.
     */
    static List<StatusReading.NodeInfo> live(StatusReading reading, Collection<String> members) {
        if (members == null) {
            return reading.nodes();
        }
        List<StatusReading.NodeInfo> nodes = new ArrayList<>();
        for (StatusReading.NodeInfo n : reading.nodes()) {
            if (!n.isCluster()) {
                nodes.add(n); // remote and guest nodes are never members: their connection says whether they are up
                continue;
            }
            boolean online = members.contains(n.name());
            boolean unclean = !online && reading.fencingEnabled() && (n.online() || n.expectedUp() || n.unclean());
            nodes.add(n.withMembership(online, unclean, n.dc()));
        }
        return nodes;
    }
}
