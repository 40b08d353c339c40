package org.vigil.scheduler;

import java.util.List;

/**
 * The state of the cluster as a status display shows it: nodes with their state, and the resource tree with
 * each primitive's role and nodes. Produced for the input (current) and for after the transition (revised).
 */
public record ClusterView(List<NodeLine> nodes, List<ResourceView> resources) {
    public ClusterView {
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
    }

    /** A node: name and state ("online", "offline", "standby", "maintenance", "pending", "UNCLEAN (online)"...). */
    public record NodeLine(String name, String state) {}

    /**
     * One resource. For primitives {@code role} and {@code nodes} tell where it is; collectives have children.
     *
     * @param kind "primitive", "group", "clone", "bundle" (its {@code agent} is the container image, its children
     *             the replicas) or "replica" (a bundle replica: the primitive inside, or the container, with
     *             the node its container runs on)
     */
    public record ResourceView(String id, String kind, String agent, String role, List<String> nodes,
            boolean failed, boolean managed, boolean unique, boolean promotable, boolean orphan, boolean disabled,
            List<ResourceView> children) {
        public ResourceView {
            nodes = List.copyOf(nodes);
            children = List.copyOf(children);
        }
    }
}
