package org.vigil.node.config;

import java.util.List;

/**
 * A node of the nodelist.
 *
 * @param addresses ring0_addr, ring1_addr, ... in ring order (a name or an address, as written)
 */
public record ClusterNode(int nodeId, String name, List<String> addresses, int votes) {
    public ClusterNode {
        addresses = List.copyOf(addresses);
    }

    public String address(int ring) {
        return addresses.get(ring);
    }
}
