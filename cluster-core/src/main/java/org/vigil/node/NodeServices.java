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
import org.vigil.controller.TransitionObserver;
import org.vigil.history.HistoryStore;
import org.vigil.history.TransitionHistory;
import org.vigil.membership.JGroupsMembership;
import org.vigil.metrics.MetricsServer;
import org.vigil.metrics.VigilMetrics;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;
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
        var svc = c.services();
        try {
            javax.net.ssl.SSLContext tls = svc.metricsTlsCert() == null ? null
                    : org.vigil.metrics.PemTls.serverContext(java.nio.file.Path.of(svc.metricsTlsCert()),
                            java.nio.file.Path.of(svc.metricsTlsKey()));
            org.vigil.metrics.PasswordFile users = null;
            if (svc.metricsUsers() != null) {
                users = org.vigil.metrics.PasswordFile.read(java.nio.file.Path.of(svc.metricsUsers()));
                if (users.isEmpty()) {
                    throw new ConfigException(svc.metricsUsers() + ": no users in it (add one with vigild passwd)");
                }
            }
            server = MetricsServer.start(address, svc.metricsPort(), snapshots(c, self, daemon, rings), tls, users);
        } catch (IOException e) {
            throw new ConfigException("cannot serve metrics on " + where + ":" + c.services().metricsPort() + ": "
                    + e.getMessage());
        }
        log.line("Prometheus metrics on http" + (svc.metricsTlsCert() == null ? "" : "s") + "://" + address.getHostAddress() + ":" + server.port() + "/metrics"
                + (svc.metricsUsers() == null ? "" : " (basic auth: " + svc.metricsUsers() + ")"));
        return server;
    }

    /**
     * Starts the web console through its {@link ConsoleHook} (found on the class path), or refuses clearly when
     * the console is configured but vigild runs without it.
     */
    static ConsoleHook.ConsoleService startConsole(ClusterConfig c, ClusterNode self, java.nio.file.Path stateDir,
            java.nio.file.Path socket, DaemonLog log) throws ConfigException {
        var cc = c.services().console();
        ConsoleHook hook = java.util.ServiceLoader.load(ConsoleHook.class).findFirst().orElseThrow(() ->
                new ConfigException(c.source() + ": the web console is configured (vigil { console ... }) but this"
                        + " vigild has no console on its class path: run it with bin/vigild (cli/target/vigil-cli.jar)"));
        String where = cc.address() != null ? cc.address() : self.address(0);
        InetAddress address;
        try {
            address = InetAddress.getByName(where);
        } catch (UnknownHostException e) {
            throw new ConfigException(c.source() + ": cannot resolve console_address '" + where + "'");
        }
        try {
            ConsoleHook.ConsoleService svc = hook.start(new ConsoleHook.Setup(self.name(), cc, address, stateDir, socket,
                    log::line));
            log.line("web console on https://" + address.getHostAddress() + ":" + svc.port() + "/ (certificate SHA-256 "
                    + svc.fingerprint() + ")");
            return svc;
        } catch (IOException e) {
            throw new ConfigException("cannot serve the web console on " + where + ":" + cc.port() + ": "
                    + e.getMessage());
        }
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

    /**
     * Keeps the transitions this node runs as DC under {@code STATE/pe} and serves the cluster's history;
     * with {@code metrics} also feeds Vigil's own counters. The records are written off the event thread
     * ({@link BackgroundObserver}); what to close on the way out is returned.
     */
    static List<AutoCloseable> observe(ClusterDaemon daemon, JGroupsMembership membership, java.nio.file.Path stateDir,
            MetricsServer metrics, DaemonLog log) throws ConfigException {
        HistoryStore store;
        try {
            store = new HistoryStore(stateDir.resolve("pe"));
        } catch (IOException e) {
            throw new ConfigException("cannot use " + stateDir.resolve("pe") + " for the transition history: "
                    + e.getMessage());
        }
        TransitionHistory history = new TransitionHistory(daemon.node(), store, log::line);
        HistoryDesk desk = new HistoryDesk(daemon.node(), store, membership,
                () -> daemon.view() == null ? List.of() : daemon.view().members(), log::line);
        daemon.serveHistory(desk);
        if (metrics == null) {
            BackgroundObserver recorder = new BackgroundObserver("history", history, log::line);
            daemon.observe(recorder, d -> {}, f -> {}, ok -> {});
            return List.of(desk, recorder);
        }
        VigilMetrics own = metrics.metrics();
        BackgroundObserver recorder = new BackgroundObserver("history", new TransitionObserver() {
            @Override
            public void started(int id, String trigger, Cib input, Instant now, TransitionGraph graph) {
                history.started(id, trigger, input, now, graph);
                own.started(id, trigger, input, now, graph);
            }

            @Override
            public void actionDone(int id, GraphAction action, boolean ok, String detail, Instant at) {
                history.actionDone(id, action, ok, detail, at);
                own.actionDone(id, action, ok, detail, at);
            }

            @Override
            public void finished(int id, boolean succeeded, String abortReason, Instant at) {
                history.finished(id, succeeded, abortReason, at);
                own.finished(id, succeeded, abortReason, at);
            }
        }, log::line);
        daemon.observe(recorder, own::schedulerRan, f -> own.fenced(f.status() == org.vigil.ipc.FenceOutcome.Status.DONE),
                own::committed);
        return List.of(desk, recorder);
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
