package org.vigil.node;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jgroups.util.SocketFactory;
import org.vigil.membership.ClusterTls;
import org.vigil.membership.JGroupsMembership;
import org.vigil.membership.RingTransport;
import org.vigil.membership.MembershipView;
import org.vigil.node.config.ClusterConfig;
import org.vigil.node.config.ClusterConfigReader;
import org.vigil.node.config.ClusterNode;
import org.vigil.node.config.ConfigCheck;
import org.vigil.node.config.ConfigException;
import org.vigil.node.config.CorosyncParser;
import org.vigil.world.Clock;

/**
 * Runs the daemon on this machine: reads the configuration, works out which node this is, loads the stored
 * CIB, joins the cluster and runs the {@link ClusterDaemon} (controller, LRM, CIB replication) until stopped.
 */
final class NodeRunner {
    private NodeRunner() {}

    /** Where the daemon keeps its state and how long a clean stop may take. */
    /**
     * @param rsctmp where agents keep their run-time state (HA_RSCTMP); it must not outlive a reboot, so the
     *               command's default is Pacemaker's {@code /run/resource-agents}; null: under the state dir
     */
    record Options(Path stateDir, java.time.Duration shutdownLimit, String socket, String socketGroup, Path rsctmp) {
        static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/vigil");
        static final Path DEFAULT_RSCTMP = Path.of("/run/resource-agents");

        Options(Path stateDir, java.time.Duration shutdownLimit, String socket) {
            this(stateDir, shutdownLimit, socket, null, null);
        }

        static Options defaults() {
            return new Options(DEFAULT_STATE_DIR, java.time.Duration.ofMinutes(5), null, null, DEFAULT_RSCTMP);
        }

        Path socketPath() {
            return socket == null ? org.vigil.ipc.IpcServer.Config.DEFAULT_SOCKET : Path.of(socket);
        }
    }

    /** A running node: its membership and daemon; close to leave the cluster. */
    record Running(String node, JGroupsMembership membership, java.util.concurrent.ScheduledExecutorService ringWatch,
            ClusterDaemon daemon, org.vigil.agents.LocalAgentExecutor agents, DaemonLog log,
            org.vigil.ipc.IpcServer ipc, List<AutoCloseable> services)
            implements AutoCloseable {
        /** corosync-cfgtool -s style lines for this node's rings. */
        List<String> rings() {
            return membership.ringReport(java.time.Instant.now(), RING_FAULT_AFTER);
        }

        /**
         * A clean stop: resources move away first (bounded by {@code limit}), then the node leaves the
         * membership.
         */
        void stop(java.time.Duration limit) {
            log.line("shutting down: moving resources away from " + node);
            try {
                List<String> left = daemon.shutdown(limit).get(limit.toMillis() + 5000,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                if (!left.isEmpty()) {
                    log.line("shutdown limit reached; still active here: " + left);
                }
            } catch (Exception e) {
                log.line("shutdown did not drain cleanly: " + e);
            }
            close();
            log.line("stopped");
        }

        @Override
        public void close() {
            for (AutoCloseable s : services) {
                try {
                    s.close();
                } catch (Exception e) {
                    log.line("closing " + s + ": " + e.getMessage());
                }
            }
            ipc.close();
            ringWatch.shutdownNow();
            membership.close();
            daemon.close();
            agents.close();
        }
    }

    static final java.time.Duration RING_FAULT_AFTER = java.time.Duration.ofSeconds(3);

    static int run(Path config, String node, Options options, PrintStream out, PrintStream err) {
        Running running;
        try {
            running = start(config, node, options, DaemonLog.logback());
        } catch (ConfigException e) {
            err.println("vigild: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop(options.shutdownLimit());
            stopped.countDown();
        }, "vigild-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Reads the configuration, works out which node this is and joins; every problem is one line. */
    static Running start(Path config, String node, Options options, DaemonLog log) throws ConfigException {
        ConfigCheck check = ClusterConfigReader.read(CorosyncParser.parse(config), config.toString());
        if (!check.usable()) {
            check.warnings().forEach(log::line);
            throw new ConfigException(check.errors().get(0));
        }
        ClusterConfig c = check.config();
        try {
            log.configure(c.logging().toStderr(), c.logging().logFile() == null ? null : Path.of(c.logging().logFile()));
        } catch (IOException e) {
            throw new ConfigException(c.source() + ": cannot open logfile " + c.logging().logFile() + ": " + e.getMessage());
        }
        check.warnings().forEach(log::line);
        ClusterNode self = self(c, node);
        int port = c.links().get(0).port();
        InetAddress bind = resolve(self.address(0), c);
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (ClusterNode n : c.nodes()) {
            hosts.add(new InetSocketAddress(resolve(n.address(0), c), port));
        }
        SocketFactory sockets = null;
        if (c.authenticated()) {
            try {
                sockets = ClusterTls.socketFactory(ClusterKey.forConfig(c.keyFile()), c.clusterName());
            } catch (GeneralSecurityException e) {
                throw new ConfigException("cannot set up TLS from the cluster key: " + e.getMessage());
            }
        } else {
            log.line("warning: traffic between nodes is neither authenticated nor encrypted (no secauth/crypto_cipher)");
        }
        JGroupsMembership.SecondRing ring1 = null;
        if (c.links().size() > 1) {
            int port1 = c.links().get(1).port();
            List<RingTransport.Peer> peers = new ArrayList<>();
            for (ClusterNode n : c.nodes()) {
                peers.add(new RingTransport.Peer(n.name(), new InetSocketAddress(resolve(n.address(0), c), port),
                        new InetSocketAddress(resolve(n.address(1), c), port1)));
            }
            ring1 = new JGroupsMembership.SecondRing(resolve(self.address(1), c), port1, peers);
        }
        log.line("node " + self.name() + " joins cluster " + c.clusterName() + " on " + bind.getHostAddress() + ":" + port
                + (ring1 == null ? "" : " and " + ring1.bindAddress().getHostAddress() + ":" + ring1.port())
                + (c.authenticated() ? " (mutual TLS 1.3)" : ""));
        CibStore store;
        org.vigil.cib.Cib initial;
        try {
            store = new CibStore(options.stateDir().resolve("cib"), 10, options.socketGroup(), log::line);
            java.util.Optional<CibStore.Loaded> loaded = store.load();
            if (loaded.isPresent()) {
                loaded.get().rejected().forEach(r -> log.line("CIB store: passed over " + r));
                initial = loaded.get().cib();
                log.line("loaded the CIB " + initial.version() + " from " + loaded.get().file());
            } else {
                initial = org.vigil.cib.Cib.empty();
                log.line("no stored CIB in " + store.directory() + ": starting with an empty configuration");
            }
        } catch (IOException e) {
            throw new ConfigException("cannot use the state directory " + options.stateDir() + ": " + e.getMessage());
        }
        JGroupsMembership m;
        try {
            m = JGroupsMembership.create(new JGroupsMembership.Settings(self.name(), c.clusterName(), bind, port, hosts,
                    c.quorum(), sockets, Clock.system(), ring1), log::line);
        } catch (Exception e) {
            throw new ConfigException("cannot set up the cluster channel on " + bind.getHostAddress() + ":" + port + ": "
                    + e.getMessage());
        }
        m.addListener(v -> log.line(describe(v)));
        java.util.Map<String, Integer> nodeIds = new java.util.TreeMap<>();
        for (ClusterNode n : c.nodes()) {
            nodeIds.put(n.name(), n.nodeId());
        }
        java.util.concurrent.atomic.AtomicReference<ClusterDaemon> daemonRef = new java.util.concurrent.atomic.AtomicReference<>();
        org.vigil.agents.LocalAgentExecutor agents = new org.vigil.agents.LocalAgentExecutor(
                org.vigil.agents.AgentRegistry.load(), host(self.name(), options, new CibNodeAttributes(
                        () -> daemonRef.get() == null ? null : daemonRef.get().cib())));
        String keyFile = c.keyFile() != null ? c.keyFile() : org.vigil.node.config.ClusterConfig.DEFAULT_KEY_FILE;
        ClusterDaemon daemon = new ClusterDaemon(self.name(), nodeIds, m, store, initial, agents,
                org.vigil.fencing.FenceAgentRunner.using(agents), () -> {
                    try {
                        return ClusterTls.remoteExecutorContext(ClusterKey.read(Path.of(keyFile)));
                    } catch (IOException e) {
                        throw new IOException("cannot read the cluster key " + keyFile + ": " + e.getMessage());
                    } catch (GeneralSecurityException e) {
                        throw new IOException("cannot set up TLS from the cluster key: " + e.getMessage());
                    }
                }, log::line);
        daemonRef.set(daemon);
        java.util.concurrent.atomic.AtomicReference<Running> self0 = new java.util.concurrent.atomic.AtomicReference<>();
        List<AutoCloseable> services = new ArrayList<>();
        org.vigil.metrics.MetricsServer metrics = null;
        if (c.services().metricsOn()) {
            metrics = NodeServices.startMetrics(c, self, daemon,
                    () -> self0.get() == null ? List.of() : self0.get().rings(), log);
            services.add(metrics);
        }
        try {
            services.addAll(NodeServices.observe(daemon, m, options.stateDir(), metrics, log));
        } catch (ConfigException e) {
            NodeServices.closeAll(services);
            m.close();
            daemon.close();
            agents.close();
            throw e;
        }
        // listening before joining: nothing the others send from the first view on is missed
        daemon.start();
        try {
            m.connect();
        } catch (Exception e) {
            NodeServices.closeAll(services);
            daemon.close();
            agents.close();
            throw new ConfigException("cannot join the cluster on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage());
        }
        java.util.concurrent.ScheduledExecutorService watch = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "vigild-rings");
                    t.setDaemon(true);
                    return t;
                });
        org.vigil.ipc.IpcServer ipc;
        try {
            ipc = org.vigil.ipc.IpcServer.start(org.vigil.ipc.IpcServer.Config.of(options.socketPath())
                    .withGroup(options.socketGroup()).withLog(log::line),
                    new DaemonIpc(daemon, () -> self0.get() == null ? List.of() : self0.get().rings()));
        } catch (IOException | RuntimeException e) {
            watch.shutdownNow();
            NodeServices.closeAll(services);
            m.close();
            daemon.close();
            agents.close();
            throw new ConfigException("cannot serve crm on " + options.socketPath() + ": " + e.getMessage());
        }
        log.line("crm talks to this node on " + ipc.socket());
        if (c.services().console().on()) {
            try {
                services.add(NodeServices.startConsole(c, self, options.stateDir(), ipc.socket(), log));
            } catch (ConfigException e) {
                ipc.close();
                watch.shutdownNow();
                NodeServices.closeAll(services);
                m.close();
                daemon.close();
                agents.close();
                throw e;
            }
        }
        Running running = new Running(self.name(), m, watch, daemon, agents, log, ipc, services);
        self0.set(running);
        if (ring1 != null) {
            // log the rings' state whenever it changes, as corosync logs a ring marked faulty
            List<List<String>> last = new ArrayList<>(List.of(List.of()));
            watch.scheduleWithFixedDelay(() -> {
                List<String> now = running.rings();
                if (!now.equals(last.get(0))) {
                    last.set(0, now);
                    now.forEach(log::line);
                }
            }, RING_FAULT_AFTER.toMillis(), 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return running;
    }

    /**
     * The machine as agents see it: this node's name, the resource state directory (HA_RSCTMP when set, else
     * the configured one), and fence agents also from VIGIL_FENCE_AGENT_DIRS.
     */
    static org.vigil.agents.HostEnvironment host(String node, Options options,
            org.vigil.agents.NodeAttributes attributes) {
        org.vigil.agents.HostEnvironment h = org.vigil.agents.HostEnvironment.system();
        Path rsctmp = System.getenv("HA_RSCTMP") != null ? h.stateDir()
                : options.rsctmp() != null ? options.rsctmp() : options.stateDir().resolve("rsctmp");
        List<Path> fenceDirs = new ArrayList<>();
        String extra = System.getenv("VIGIL_FENCE_AGENT_DIRS");
        if (extra != null) {
            for (String d : extra.split(":")) {
                if (!d.isBlank()) {
                    fenceDirs.add(Path.of(d));
                }
            }
        }
        fenceDirs.addAll(h.fenceAgentDirs());
        return new org.vigil.agents.HostEnvironment(h.env(), node, h.ocfRoot(), rsctmp, h.procMounts(), h.devRoot(),
                fenceDirs, attributes, h.pollInterval());
    }

    static String describe(MembershipView v) {
        return "view " + v.viewId() + (v.merged() ? " (merge)" : "") + ": " + v.members()
                + (v.strangers().isEmpty() ? "" : " strangers " + v.strangers())
                + (v.quorum().quorate() ? ", quorate" : ", NOT quorate") + " (" + v.quorum().reason() + ")"
                + (v.dc() == null ? ", electing DC" : ", DC " + v.dc())
                + (v.evicted() ? "; EVICTED: this node had been excluded, its state is stale" : "");
    }

    private static ClusterNode self(ClusterConfig c, String node) throws ConfigException {
        if (node != null) {
            return c.node(node).orElseThrow(() -> new ConfigException(c.source() + ": node '" + node
                    + "' is not in the nodelist"));
        }
        List<ClusterNode> local = new ArrayList<>();
        for (ClusterNode n : c.nodes()) {
            try {
                if (NetworkInterface.getByInetAddress(InetAddress.getByName(n.address(0))) != null) {
                    local.add(n);
                }
            } catch (UnknownHostException | SocketException e) {
                // not resolvable here: not this machine
            }
        }
        if (local.size() != 1) {
            throw new ConfigException(c.source() + ": cannot tell which node this is: " + (local.isEmpty()
                    ? "no" : local.size()) + " ring0 addresses of the nodelist are on this machine; use --node NAME");
        }
        return local.get(0);
    }

    private static InetAddress resolve(String address, ClusterConfig c) throws ConfigException {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new ConfigException(c.source() + ": cannot resolve node address '" + address + "'");
        }
    }
}
