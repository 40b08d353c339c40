package org.vigil.node;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.agents.OcfStatus;
import org.vigil.remote.RemoteExecutorClient;
import org.vigil.remote.RemoteExecutorServer;

/**
 * The connection resource agent, {@code ocf:pacemaker:remote}, as a cluster node runs it: start opens the TLS
 * connection to the remote node's {@code vigild remote} ({@code server}, default the resource's id, and {@code port},
 * default 3121), monitor checks it answers, stop closes it. While a connection is up, the {@link Listener} gets the
 * remote node's executor, through which the node runs the DC's actions for that remote node.
 */
final class RemoteConnections implements AgentExecutor, AutoCloseable {
    /** The TLS context for remote connections (from the cluster key), read when a connection starts. */
    @FunctionalInterface
    interface Tls {
        SSLContext context() throws IOException;
    }

    /** Told of connections coming up and ending (from any thread). */
    interface Listener {
        void connected(String node, AgentExecutor agents);

        void disconnected(String node, String why);
    }

    /** A monitor waits this long for the remote node's answer at most (less when the action's timeout is shorter). */
    static final Duration PING_LIMIT = Duration.ofSeconds(10);

    private final Tls tls;
    private final Listener listener;
    private final Consumer<String> log;
    private final Map<String, RemoteExecutorClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vigil-remote-connect");
        t.setDaemon(true);
        return t;
    });

    RemoteConnections(Tls tls, Listener listener, Consumer<String> log) {
        this.tls = tls;
        this.listener = listener;
        this.log = log;
    }

    /** Between connection attempts of a start. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    static boolean handles(AgentId agent) {
        return "ocf".equals(agent.standard()) && "pacemaker".equals(agent.provider()) && "remote".equals(agent.type());
    }

    @Override
    public ActionHandle execute(AgentAction action, Consumer<AgentResult> onDone) {
        AtomicBoolean reported = new AtomicBoolean();
        Consumer<AgentResult> once = r -> {
            if (reported.compareAndSet(false, true)) {
                onDone.accept(r);
            }
        };
        Future<?> work = workers.submit(() -> once.accept(run(action)));
        return new ActionHandle() {
            @Override
            public boolean cancel() {
                if (reported.get()) {
                    return false;
                }
                work.cancel(true);
                once.accept(AgentResult.cancelled());
                return true;
            }

            @Override
            public boolean isDone() {
                return reported.get();
            }
        };
    }

    private AgentResult run(AgentAction action) {
        String node = action.resourceInstance();
        switch (action.action()) {
            case START, MIGRATE_FROM:
                return start(node, action);
            case STOP:
                stop(node, "stopped");
                return AgentResult.success();
            case MIGRATE_TO:
                // the target connects (migrate_from); this side's connection ends with the stop that follows
                return AgentResult.success();
            case MONITOR:
                return monitor(node, action);
            case VALIDATE_ALL:
                return AgentResult.success();
            default:
                return AgentResult.of(OcfStatus.ERR_UNIMPLEMENTED, "ocf:pacemaker:remote does not implement "
                        + action.action().ocfName());
        }
    }

    private AgentResult start(String node, AgentAction action) {
        RemoteExecutorClient current = clients.get(node);
        if (current != null && current.alive()) {
            return AgentResult.success();
        }
        // "addr" is what Pacemaker's generated guest connections carry (its remote_lrmd_ra reads both)
        String server = action.params().getOrDefault("server", action.params().getOrDefault("addr", node));
        int port;
        try {
            port = Integer.parseInt(action.params().getOrDefault("port",
                    Integer.toString(RemoteExecutorServer.DEFAULT_PORT)).trim());
        } catch (NumberFormatException e) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "port '" + action.params().get("port")
                    + "' is not a port number");
        }
        Duration limit = action.timeout().compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                : action.timeout();
        // As Pacemaker's remote_lrmd_ra, a guest's connection keeps trying while its start's timeout lasts: the
        // guest's executor comes up some time after its container reports started (the machine still boots). A
        // remote node's connection answers at once: it is up or it is not.
        boolean guest = action.meta().containsKey(org.vigil.cib.GuestConnection.CONTAINER_META);
        long deadline = guest ? System.nanoTime() + action.timeout().toNanos() - RETRY_PAUSE.toNanos() : 0;
        RemoteExecutorClient client;
        while (true) {
            try {
                client = RemoteExecutorClient.connect(server, port, tls.context(), node, limit,
                        why -> lost(node, why));
                break;
            } catch (IOException e) {
                if (guest && System.nanoTime() + RETRY_PAUSE.toNanos() - deadline < 0) {
                    try {
                        Thread.sleep(RETRY_PAUSE.toMillis());
                        continue;
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return AgentResult.cancelled();
                    }
                }
                String why = "cannot connect to remote node " + node + " at " + server + ":" + port + ": "
                        + e.getMessage();
                log.accept(why);
                return AgentResult.of(OcfStatus.ERR_GENERIC, why);
            }
        }
        RemoteExecutorClient old = clients.put(node, client);
        if (old != null) {
            old.close();
        }
        log.accept("connected to remote node " + node + " at " + server + ":" + port + " (host "
                + client.remoteHost() + ")");
        listener.connected(node, client);
        return AgentResult.success();
    }

    private void lost(String node, String why) {
        log.accept("lost the connection to remote node " + node + ": " + why);
        listener.disconnected(node, why);
    }

    private void stop(String node, String why) {
        RemoteExecutorClient c = clients.remove(node);
        if (c != null) {
            c.close();
            listener.disconnected(node, why);
        }
    }

    private AgentResult monitor(String node, AgentAction action) {
        RemoteExecutorClient c = clients.get(node);
        if (c == null) {
            return AgentResult.notRunning();
        }
        if (!c.alive()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "connection to remote node " + node + " lost: " + c.lostReason());
        }
        Duration wait = action.timeout().compareTo(PING_LIMIT) < 0 ? action.timeout() : PING_LIMIT;
        try {
            if (c.ping(wait).get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                return AgentResult.success();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AgentResult.cancelled();
        } catch (Exception e) {
            // no answer
        }
        return AgentResult.of(OcfStatus.ERR_GENERIC, "remote node " + node + " did not answer within "
                + wait.toMillis() + " ms");
    }

    @Override
    public void close() {
        clients.values().forEach(RemoteExecutorClient::close);
        clients.clear();
        workers.shutdownNow();
    }
}
