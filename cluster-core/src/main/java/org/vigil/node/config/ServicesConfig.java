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
 * @param console        the web console's settings ({@link ConsoleConfig#OFF} when not configured)
 */
public record ServicesConfig(int metricsPort, String metricsAddress, String metricsTlsCert, String metricsTlsKey,
        String metricsUsers, ConsoleConfig console) {
    public static final ServicesConfig NONE = new ServicesConfig(0, null, null, null, null, ConsoleConfig.OFF);

    public ServicesConfig {
        console = console == null ? ConsoleConfig.OFF : console;
    }

    public ServicesConfig(int metricsPort, String metricsAddress, String metricsTlsCert, String metricsTlsKey,
            String metricsUsers) {
        this(metricsPort, metricsAddress, metricsTlsCert, metricsTlsKey, metricsUsers, ConsoleConfig.OFF);
    }

    public boolean metricsOn() {
        return metricsPort > 0;
    }

    /**
     * The web console (HTTPS, as Hawk on 7630), from {@code console_*} keys of the {@code vigil} section.
     *
     * @param port    0 when off
     * @param address where it listens; null: the node's ring 0 address
     * @param tlsCert PEM certificate chain, or null: one is generated under the state directory at first start
     * @param tlsKey  its PKCS#8 key (with tlsCert)
     * @param users   the users file ({@code crm console user add}); null: STATE/console/users
     * @param audit   the audit log; null: STATE/console/audit.log
     */
    public record ConsoleConfig(int port, String address, String tlsCert, String tlsKey, String users, String audit) {
        public static final int DEFAULT_PORT = 7630;
        public static final ConsoleConfig OFF = new ConsoleConfig(0, null, null, null, null, null);

        public boolean on() {
            return port > 0;
        }
    }
}
