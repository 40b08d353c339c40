/**
 * The remote executor protocol: a cluster node runs agent actions on a Pacemaker Remote style node
 * ({@code vigild remote}) over TLS 1.3 keyed by the cluster key. {@link org.vigil.remote.RemoteExecutorServer} is the
 * remote side, {@link org.vigil.remote.RemoteExecutorClient} the cluster side (an {@link org.vigil.agents.AgentExecutor}).
 * This is Vigil's own protocol: it does not speak to Pacemaker's pacemaker-remoted, nor the other way round.
 */
package org.vigil.remote;
