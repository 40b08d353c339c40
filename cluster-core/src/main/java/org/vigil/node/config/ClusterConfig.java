package org.vigil.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.vigil.membership.QuorumConfig;

/**
 * What Vigil understood from a corosync.conf file.
 *
 * @param keyFile       where the cluster key is, when the configuration asks for authenticated traffic
 *                      (secauth / crypto_*), else null: traffic between nodes is then neither authenticated nor encrypted
 * @param token         corosync's token timeout, reported but not used: Vigil's failure detection has its own timers
 */
public record ClusterConfig(
        String source,
        String clusterName,
        List<ClusterNode> nodes,
        List<LinkConfig> links,
        String keyFile,
        Duration token,
        QuorumConfig quorum,
        LoggingConfig logging,
        ServicesConfig services) {
    public static final String DEFAULT_KEY_FILE = "/etc/vigil/authkey";

    public ClusterConfig(String source, String clusterName, List<ClusterNode> nodes, List<LinkConfig> links,
            String keyFile, Duration token, QuorumConfig quorum, LoggingConfig logging) {
        this(source, clusterName, nodes, links, keyFile, token, quorum, logging, ServicesConfig.NONE);
    }

    public ClusterConfig {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        services = services == null ? ServicesConfig.NONE : services;
    }

    public Optional<ClusterNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public boolean authenticated() {
        return keyFile != null;
    }

    /** Reads and checks a file; the first error becomes the exception's message. */
    public static ClusterConfig load(Path file) throws ConfigException {
        ConfigCheck check = ClusterConfigReader.read(CorosyncParser.parse(file), file.toString());
        if (!check.usable()) {
            throw new ConfigException(check.errors().get(0));
        }
        return check.config();
    }
}
