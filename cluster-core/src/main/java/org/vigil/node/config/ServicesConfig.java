package org.vigil.node.config;

/**
 * The services vigild offers besides the cluster itself, from corosync.conf's {@code vigil { ... }} section
 * (corosync itself keeps sections it does not know in its map and leaves them alone). Each is off unless
 * its port is given.
 *
 * @param metricsPort    Prometheus {@code /metrics} (ha_cluster_exporter's port is 9664), 0 when off
 * @param metricsAddress where /metrics listens; null: the node's ring 0 address
 * @param historyKeep    how many transitions (scheduler inputs and what they did) the DC keeps, when the
 *                       cluster properties {@code pe-*-series-max} do not say
 */
public record ServicesConfig(int metricsPort, String metricsAddress) {
    public static final ServicesConfig NONE = new ServicesConfig(0, null);

    public boolean metricsOn() {
        return metricsPort > 0;
    }
}
