package org.vigil.node.config;

/**
 * One ring (corosync 2 "interface" / corosync 3 "link").
 *
 * @param bindNetAddr the network whose local address the node binds to, or null to bind the node's own ring address
 * @param port        the TCP port Vigil listens on for this ring (corosync's mcastport; 5405 by default)
 */
public record LinkConfig(int number, String bindNetAddr, int port) {}
