package org.vigil.agents.drbd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.vigil.agents.AgentFailure;

/**
 * One resource's state from {@code drbdsetup status RES --json} (DRBD 9): the local role, the
 * local disk state of each volume, and per connection the connection state, peer role and peer
 * disk states.
 */
record DrbdStatus(String resource, String role, List<String> diskStates, List<Peer> peers) {
    record Peer(String name, String connectionState, String peerRole, List<String> peerDiskStates) {
        boolean connected() {
            return connectionState.equals("Connected");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    DrbdStatus {
        diskStates = List.copyOf(diskStates);
        peers = List.copyOf(peers);
    }

    static DrbdStatus parse(String resource, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw AgentFailure.generic("drbdsetup status " + resource + " --json printed invalid JSON (expected an array of resources): " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw AgentFailure.generic("drbdsetup status " + resource + " --json: expected a JSON array of resources");
        }
        for (JsonNode res : root) {
            if (!resource.equals(res.path("name").asText())) {
                continue;
            }
            List<String> disks = new ArrayList<>();
            for (JsonNode dev : res.path("devices")) {
                disks.add(dev.path("disk-state").asText("DUnknown"));
            }
            List<Peer> peers = new ArrayList<>();
            for (JsonNode c : res.path("connections")) {
                List<String> peerDisks = new ArrayList<>();
                for (JsonNode pd : c.path("peer_devices")) {
                    peerDisks.add(pd.path("peer-disk-state").asText("DUnknown"));
                }
                peers.add(new Peer(c.path("name").asText(""), c.path("connection-state").asText("StandAlone"),
                        c.path("peer-role").asText("Unknown"), peerDisks));
            }
            return new DrbdStatus(resource, res.path("role").asText("Unknown"), disks, peers);
        }
        throw AgentFailure.generic("drbdsetup status --json has no entry for resource " + resource);
    }

    boolean primary() {
        return role.equals("Primary");
    }

    /** The weakest local disk state across volumes decides (all volumes must be usable). */
    boolean allDisks(String state) {
        return !diskStates.isEmpty() && diskStates.stream().allMatch(state::equals);
    }

    boolean anyDisk(String state) {
        return diskStates.stream().anyMatch(state::equals);
    }

    boolean anyPeerPrimary() {
        return peers.stream().anyMatch(p -> p.peerRole().equals("Primary"));
    }

    boolean anyPeerUpToDate() {
        return peers.stream().anyMatch(p -> p.connected() && !p.peerDiskStates().isEmpty()
                && p.peerDiskStates().stream().allMatch("UpToDate"::equals));
    }

    boolean peerStateKnown() {
        return peers.stream().anyMatch(Peer::connected);
    }

    boolean standAlone() {
        return !peers.isEmpty() && peers.stream().allMatch(p -> p.connectionState().equals("StandAlone"));
    }
}
