package org.vigil.node.config;

/**
 * The services vigild offers besides the cluster itself, from corosync.conf's {@code vigil { ... }} section
 * (corosync itself keeps sections it does not know in its map and leaves them alone). Each is off unless
 * its port is given.
 *
 * @param metricsPort    Prometheus {@code /metrics} (ha_cluster_exporter's port is 9664), 0 when off
 * @param metricsAddress where /metrics listens; null: the node's ring 0 address
 * @param metricsTlsCert with {@code metricsTlsKey}: /metrics over HTTPS (PEM certificate chain), else null
 * @param metricsTlsKey  the certificate's PKCS#8 PEM private key, else null
 * @param metricsUsers   a password file ({@code vigild passwd}): /metrics then asks for HTTP basic auth; else null
 */
public record ServicesConfig(int metricsPort, String metricsAddress, String metricsTlsCert, String metricsTlsKey,
        String metricsUsers) {
    public static final ServicesConfig NONE = new ServicesConfig(0, null, null, null, null);

    public boolean metricsOn() {
        return metricsPort > 0;
    }
}
