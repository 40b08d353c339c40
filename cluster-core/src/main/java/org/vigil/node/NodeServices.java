package org.vigil.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;
import org.vigil.membership.MembershipView;
import org.vigil.metrics.MetricsServer;
import org.vigil.metrics.NodeSnapshot;
import org.vigil.node.config.ClusterConfig;
import org.vigil.node.config.ClusterNode;
import org.vigil.node.config.ConfigException;

/** The services a node offers beside the cluster (corosync.conf's {@code vigil} section), started by vigild. */
final class NodeServices {
    private NodeServices() {}

    /** Serves /metrics as configured and feeds Vigil's own counters from the daemon. */
    static MetricsServer startMetrics(ClusterConfig c, ClusterNode self, ClusterDaemon daemon,
            Supplier<List<String>> rings, DaemonLog log) throws ConfigException {
        String where = c.services().metricsAddress() != null ? c.services().metricsAddress() : self.address(0);
        InetAddress address;
        try {
            address = InetAddress.getByName(where);
        } catch (UnknownHostException e) {
            throw new ConfigException(c.source() + ": cannot resolve metrics_address '" + where + "'");
        }
        MetricsServer server;
        try {
            server = MetricsServer.start(address, c.services().metricsPort(), snapshots(c, self, daemon, rings));
        } catch (IOException e) {
            throw new ConfigException("cannot serve metrics on " + where + ":" + c.services().metricsPort() + ": "
                    + e.getMessage());
        }
        daemon.observe(server.metrics(), server.metrics()::schedulerRan,
                f -> server.metrics().fenced(f.status() == org.vigil.ipc.FenceOutcome.Status.DONE),
                server.metrics()::committed);
        log.line("Prometheus metrics on http://" + address.getHostAddress() + ":" + server.port() + "/metrics");
        return server;
    }

    static Supplier<NodeSnapshot> snapshots(ClusterConfig c, ClusterNode self, ClusterDaemon daemon,
            Supplier<List<String>> rings) {
        List<NodeSnapshot.Member> nodelist = new ArrayList<>();
        for (ClusterNode n : c.nodes()) {
            nodelist.add(new NodeSnapshot.Member(n.name(), n.nodeId(), n.votes()));
        }
        List<String> ringAddresses = self.addresses().subList(0, Math.min(self.addresses().size(), c.links().size()));
        // when this node first saw the configuration version it holds: Pacemaker's cib-last-written
        AtomicReference<CibVersion> seen = new AtomicReference<>();
        AtomicReference<Instant> changedAt = new AtomicReference<>(Instant.now());
        return () -> {
            Cib cib = daemon.cib();
            if (cib == null) {
                return null;
            }
            CibVersion v = cib.version();
            CibVersion last = seen.get();
            if (last == null || last.adminEpoch() != v.adminEpoch() || last.epoch() != v.epoch()) {
                seen.set(v);
                if (last != null) {
                    changedAt.set(Instant.now());
                }
            }
            MembershipView view = daemon.view();
            return new NodeSnapshot(self.name(), cib, view == null ? null : view.quorum(),
                    view == null ? List.of(self.name()) : view.members(), nodelist, ringAddresses, rings.get(),
                    changedAt.get());
        };
    }

    static void closeAll(List<AutoCloseable> services) {
        for (AutoCloseable s : services) {
            try {
                s.close();
            } catch (Exception e) {
                // closing on the way out of a failed start: nothing more to do
            }
        }
    }
}
