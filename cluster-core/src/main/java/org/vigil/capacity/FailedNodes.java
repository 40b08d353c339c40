package org.vigil.capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.cib.Booleans;
import org.vigil.cib.Cib;
import org.vigil.cib.Lrm;
import org.vigil.cib.Node;
import org.vigil.cib.NodeState;
import org.vigil.cib.Status;

/**
 * Rewrites a CIB's status as the scheduler sees it after nodes were fenced: each failed node offline and
 * clean, its operation history and transient attributes erased (as the fencer and attrd erase them), and
 * quorum recomputed by the majority rule. No judgement is made here; the scheduler makes it.
 */
final class FailedNodes {
    private FailedNodes() {}

    /** The cluster (full member) nodes of the configuration, by name, in configuration order. */
    static List<String> clusterNodes(Cib cib) {
        List<String> out = new ArrayList<>();
        for (Node n : cib.configuration().nodes()) {
            if (n.type() == null || n.type().equals("member") || n.type().equals("normal")) {
                out.add(n.uname() == null ? n.id() : n.uname());
            }
        }
        return out;
    }

    /**
     * Nodes the configuration names but the status never saw are taken as online members: a configuration
     * without status (a file being planned) describes a cluster whose nodes are all up.
     */
    static Cib assumeUnseenOnline(Cib cib, List<String> unseen) {
        Status status = cib.status();
        for (Node n : cib.configuration().nodes()) {
            String name = n.uname() == null ? n.id() : n.uname();
            if (unseen.contains(name)) {
                status = status.withNodeState(new NodeState(n.id(), name, "true", "online", "member", "member",
                        Map.of(), null, null, List.of()));
            }
        }
        return cib.withStatus(status);
    }

    /** Cluster nodes without a node_state. */
    static List<String> unseen(Cib cib) {
        List<String> out = new ArrayList<>();
        for (String n : clusterNodes(cib)) {
            if (cib.status().nodeState(n).isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The CIB after {@code failed} were fenced. {@code members} are the nodes in the membership before the
     * failure; the survivors keep quorum when they hold a majority of the cluster nodes' votes (one each), or
     * one of two (corosync's two_node, which two-node clusters run with).
     */
    static Cib fence(Cib cib, Set<String> failed, List<String> members) {
        Status status = cib.status();
        for (NodeState s : cib.status().nodeStates()) {
            if (s.uname() != null && failed.contains(s.uname())) {
                Lrm lrm = s.lrm() == null ? null : new Lrm(s.lrm().id(), s.lrm().otherAttributes(),
                        s.lrm().resourcesId(), List.of());
                Map<String, String> other = new LinkedHashMap<>(s.otherAttributes());
                other.remove("shutdown");
                status = status.withNodeState(new NodeState(s.id(), s.uname(), "false", "offline", "down", "down",
                        other, null, lrm, s.extras()));
            }
        }
        Cib out = cib.withStatus(status);
        String had = cib.attribute("have-quorum");
        if (had == null || Booleans.isTrue(had)) {
            out = out.withAttribute("have-quorum", quorate(failed, members, clusterNodes(cib).size()) ? "1" : "0");
        }
        return out;
    }

    static boolean quorate(Set<String> failed, List<String> members, int clusterSize) {
        long votes = members.stream().filter(m -> !failed.contains(m)).count();
        return votes * 2 > clusterSize || (clusterSize == 2 && votes >= 1);
    }
}
