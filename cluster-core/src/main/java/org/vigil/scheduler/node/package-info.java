/**
 * Nodes as the scheduler sees them: {@code SchedNode} (membership state, attributes, what is assigned),
 * {@code NodeKind} (cluster member, remote or guest node), {@code NodeScores} (a resource's allowed nodes and
 * their scores), {@code RemoteNodes} (which resources are connections of remote and guest nodes, and whether
 * those nodes are online) and {@code UnpackNodesStage}, the pipeline stage that reads the nodes and their
 * state (online, unclean, standby, shutdown, maintenance, pending).
 */
package org.vigil.scheduler.node;
