package org.vigil.scheduler;

import java.util.List;
import java.util.Map;
import org.vigil.cib.LrmRscOp;

/**
 * The cluster as status displays ({@code crm status}, {@code crm_mon}, {@code crm_resource}) show it, read
 * through the scheduler's own unpack stages so that they and {@code crm simulate} agree: node states,
 * each resource's role and nodes with Pacemaker's flags, and the failed operations.
 *
 * @param properties the cluster options in effect (rules evaluated)
 * @param failedOps failed operations in the order Pacemaker lists them
 * @param frozen ids of the primitives that only a lost ticket's loss-policy=freeze blocked: the displays show them
 *     blocked, but the summary's count of resources blocked by a failure leaves them out (Pacemaker counts at
 *     unpack, before the tickets)
 */
public record StatusReading(Map<String, String> properties, boolean fencingEnabled, boolean symmetric,
        boolean maintenanceMode, List<NodeInfo> nodes, List<Item> resources, List<FailedOp> failedOps,
        java.util.Set<String> frozen) {
    public StatusReading {
        properties = Map.copyOf(properties);
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        failedOps = List.copyOf(failedOps);
        frozen = java.util.Set.copyOf(frozen);
    }

    /** A reading without tickets applied (nothing frozen by a lost ticket). */
    public StatusReading(Map<String, String> properties, boolean fencingEnabled, boolean symmetric,
            boolean maintenanceMode, List<NodeInfo> nodes, List<Item> resources, List<FailedOp> failedOps) {
        this(properties, fencingEnabled, symmetric, maintenanceMode, nodes, resources, failedOps, java.util.Set.of());
    }

    /**
     * A node as the scheduler sees it (configuration order, then the remote and guest nodes that connection
     * resources make).
     *
     * @param kind "cluster", "remote" (Pacemaker Remote) or "guest" (a resource that is itself a node)
     * @param host for a guest node, the node its container runs on (null otherwise, or when it is stopped)
     * @param container for a guest node, the id of the resource it runs in (null otherwise)
     * @param attributes the node's attributes as the scheduler reads them: configured ones (their rules
     *     evaluated), then transient ones, and the built-in {@code #} ones
     */
    public record NodeInfo(String name, String id, boolean online, boolean standby, boolean maintenance,
            boolean pending, boolean unclean, boolean shutdown, boolean expectedUp, boolean dc,
            int resourcesRunning, String kind, String host, String container, Map<String, String> attributes) {
        public NodeInfo {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }

        /** A cluster node. */
        public NodeInfo(String name, String id, boolean online, boolean standby, boolean maintenance,
                boolean pending, boolean unclean, boolean shutdown, boolean expectedUp, boolean dc,
                int resourcesRunning) {
            this(name, id, online, standby, maintenance, pending, unclean, shutdown, expectedUp, dc, resourcesRunning,
                    "cluster", null, null, Map.of());
        }

        /** The same node with a different membership, as the live cluster reports it. */
        public NodeInfo withMembership(boolean online, boolean unclean, boolean dc) {
            return new NodeInfo(name, id, online, standby, maintenance, pending, unclean, shutdown, expectedUp, dc,
                    resourcesRunning, kind, host, container, attributes);
        }

        public boolean isCluster() {
            return "cluster".equals(kind);
        }
    }

    /**
     * A resource: a primitive (or clone instance), a group or a clone, with its children.
     *
     * @param kind "primitive", "group" or "clone"
     * @param role the displayable role (Unpromoted for a started instance of a promotable clone)
     * @param nodes where it is active, in the order the history found it
     * @param targetRole the configured target-role meta attribute, or null
     * @param pendingTask an operation still in flight (not a probe), or null
     * @param pendingNode the node it runs on, or null
     * @param lockedTo the node a shutdown lock holds it to (shutdown-lock), or null
     * @param allowedNodes nodes a clone may run on as status sees them (for its Stopped list)
     * @param migrationThreshold failures on a node before it is banned there (INFINITY: 1000000)
     * @param bundle for a bundle, its container image and replicas (its children are the replicas' parts); else
     *     null
     */
    public record Item(String id, String kind, String resourceClass, String provider, String type, String role,
            List<String> nodes, boolean failed, boolean managed, boolean blocked, boolean maintenance,
            boolean orphan, boolean failureIgnored, String targetRole, boolean unique, boolean promotable,
            String pendingTask, String pendingNode, String lockedTo, String description, List<String> allowedNodes, int cloneMax, int migrationThreshold,
            List<Item> children, Bundle bundle) {
        public Item {
            nodes = List.copyOf(nodes);
            allowedNodes = List.copyOf(allowedNodes);
            children = List.copyOf(children);
        }

        public boolean active() {
            return !nodes.isEmpty() || children.stream().anyMatch(Item::active);
        }

        /** Pacemaker's active(rsc, all=TRUE): every member active (a primitive: active). */
        public boolean fullyActive() {
            return kind.equals("primitive") ? !nodes.isEmpty()
                    : !children.isEmpty() && children.stream().allMatch(Item::fullyActive);
        }
    }

    /**
     * A bundle's container runtime ({@code docker}, {@code podman}, {@code rkt}), image and replicas.
     *
     * @param unique more than one replica per host (Pacemaker's unique flag on the bundle)
     */
    public record Bundle(String runtime, String image, boolean unique, List<Replica> replicas) {
        public Bundle {
            replicas = List.copyOf(replicas);
        }
    }

    /** One replica: its address (or null) and its parts, each null when absent but the container. */
    public record Replica(int offset, String address, Item ip, Item child, Item container, Item remote) {}

    /** A failed operation: on which node, of which resource, under which operation key. */
    public record FailedOp(String node, String resource, String operationKey, LrmRscOp op) {}
}
