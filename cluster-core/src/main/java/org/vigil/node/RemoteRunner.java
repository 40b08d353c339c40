package org.vigil.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.NodeAttributes;
import org.vigil.membership.ClusterTls;
import org.vigil.node.config.ConfigException;
import org.vigil.remote.RemoteExecutorServer;

/**
 * {@code vigild remote}: a Pacemaker Remote style node. No membership, no CIB, no controller: only the executor,
 * serving the remote executor protocol to the cluster node that holds this node's connection resource
 * ({@code ocf:pacemaker:remote}). Its name is the one the cluster gives it (the connection resource's id), learnt
 * from the first cluster node that connects unless {@code --node} fixes it; agents see that name as their node.
 */
final class RemoteRunner {
    private RemoteRunner() {}

    /** What {@code vigild remote} was asked for. */
    record Options(Path keyFile, String listen, int port, String node, Path rsctmp) {
        static Options defaults() {
            return new Options(Path.of(org.vigil.node.config.ClusterConfig.DEFAULT_KEY_FILE), "0.0.0.0",
                    RemoteExecutorServer.DEFAULT_PORT, null, NodeRunner.Options.DEFAULT_RSCTMP);
        }
    }

    /** A running remote node; close to stop serving (agents' resources are left as they are, as pacemaker-remoted). */
    record Running(RemoteExecutorServer server, AtomicReference<LocalAgentExecutor> agents) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            LocalAgentExecutor a = agents.get();
            if (a != null) {
                a.close();
            }
        }
    }

    static Running start(Options o, DaemonLog log) throws ConfigException {
        byte[] key;
        try {
            key = ClusterKey.read(o.keyFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read the cluster key " + o.keyFile() + ": " + e.getMessage()
                    + " (copy the cluster's key here: remote nodes need the same key as the cluster nodes)");
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(o.listen());
        } catch (UnknownHostException e) {
            throw new ConfigException("cannot resolve the listen address '" + o.listen() + "'");
        }
        javax.net.ssl.SSLContext tls;
        try {
            tls = ClusterTls.remoteExecutorContext(key);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS from the cluster key: " + e.getMessage());
        }
        AtomicReference<LocalAgentExecutor> agents = new AtomicReference<>();
        AtomicReference<String> name = new AtomicReference<>(o.node());
        AgentRegistry registry = AgentRegistry.load();
        java.util.function.Function<String, AgentExecutor> executors = asked -> {
            synchronized (agents) {
                if (name.get() == null) {
                    name.set(asked);
                    log.line("this remote node is '" + asked + "' (the name the cluster gave it)");
                }
                if (!name.get().equals(asked)) {
                    return null;
                }
                if (agents.get() == null) {
                    agents.set(new LocalAgentExecutor(registry, host(asked, o.rsctmp())));
                }
                return agents.get();
            }
        };
        RemoteExecutorServer server;
        try {
            server = RemoteExecutorServer.start(bind, o.port(), tls, executors, RemoteExecutorServer.Limits.DEFAULT,
                    log::line);
        } catch (IOException e) {
            throw new ConfigException("cannot listen on " + o.listen() + ":" + o.port() + ": " + e.getMessage());
        }
        log.line("remote node listening on " + bind.getHostAddress() + ":" + server.port()
                + " (TLS 1.3, cluster key " + o.keyFile() + ")" + (o.node() == null ? "" : " as '" + o.node() + "'"));
        log.line("note: " + PROTOCOL_NOTE);
        return new Running(server, agents);
    }

    static final String PROTOCOL_NOTE = "Vigil's own remote executor protocol (version "
            + RemoteExecutorServer.PROTOCOL_VERSION + ") is spoken here, not Pacemaker's: Pacemaker cluster nodes cannot use this node, and a Vigil cluster"
            + " cannot use pacemaker-remoted";

    static HostEnvironment host(String node, Path rsctmp) {
        HostEnvironment h = HostEnvironment.system();
        Path dir = System.getenv("HA_RSCTMP") != null ? h.stateDir() : rsctmp;
        return new HostEnvironment(h.env(), node, h.ocfRoot(), dir, h.procMounts(), h.devRoot(), h.fenceAgentDirs(),
                NodeAttributes.none(), h.pollInterval());
    }

    static int run(Options o, java.io.PrintStream err) {
        DaemonLog log = DaemonLog.logback();
        try {
            log.configure(true, null);
        } catch (IOException e) {
            // stderr needs nothing opened
        }
        Running running;
        try {
            running = start(o, log);
        } catch (ConfigException e) {
            err.println("vigild: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            log.line("remote node stopped");
            stopped.countDown();
        }, "vigild-remote-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
