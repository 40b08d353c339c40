package org.vigil.scheduler.node;

/** What a node is: a full cluster member, a Pacemaker Remote node, or a guest node (a VM or container). */
public enum NodeKind {
    CLUSTER("cluster"),
    REMOTE("remote"),
    GUEST("container");

    /** The value of the node's {@code #kind} attribute, as Pacemaker sets it. */
    final String attribute;

    NodeKind(String attribute) {
        this.attribute = attribute;
    }
}
