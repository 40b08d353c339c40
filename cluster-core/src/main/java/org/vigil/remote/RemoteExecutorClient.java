package org.vigil.remote;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.agents.OcfStatus;

/**
 * The cluster node's end of a remote executor connection: an {@link AgentExecutor} whose actions run on the remote
 * node. Every action gets exactly one result: the remote node's, or a timed-out one when none came within the
 * action's timeout plus {@link #RESULT_GRACE}, or an execution error when the connection is lost (Pacemaker's "not
 * connected"). Nothing here blocks the caller: frames are written by a writer thread and read by a reader thread.
 */
public final class RemoteExecutorClient implements AgentExecutor, AutoCloseable {
    /** Allowance past an action's own timeout (the remote node's watchdog reports before that). */
    static final Duration RESULT_GRACE = Duration.ofSeconds(10);
    private static final String TLS = "TLSv1.3";

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String node;
    private final String remoteHost;
    private final ExecutorService writer;
    private final ScheduledExecutorService timers;
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Boolean>> pings = new ConcurrentHashMap<>();
    /** What the remote node's executor said of each agent's reloadable parameters (with its results). */
    private final Map<AgentId, List<String>> restartParameters = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean lost = new AtomicBoolean();
    private final Consumer<String> onLost;
    private volatile String lostReason;

    private RemoteExecutorClient(SSLSocket socket, DataInputStream in, OutputStream out, String node, String remoteHost,
            Consumer<String> onLost) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.node = node;
        this.remoteHost = remoteHost;
        this.onLost = onLost;
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "vigil-remote-write-" + node));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-remote-timer-" + node));
    }

    /**
     * Connects to the remote node at {@code host}:{@code port}, authenticates (TLS 1.3 keyed by the cluster key)
     * and says hello as the cluster's node {@code node}; within {@code timeout} in all.
     *
     * @param onLost told once, with why, when the connection ends other than by {@link #close}
     */
    public static RemoteExecutorClient connect(String host, int port, SSLContext tls, String node, Duration timeout,
            Consumer<String> onLost) throws IOException {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), ms);
            raw.setSoTimeout(ms);
            raw.setTcpNoDelay(true);
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
            ssl.setUseClientMode(true);
            ssl.setEnabledProtocols(new String[] {TLS});
            try {
                ssl.startHandshake();
            } catch (IOException e) {
                throw new IOException("TLS handshake failed (not the same cluster key on both sides?): "
                        + Refusals.brief(e));
            }
            OutputStream out = new BufferedOutputStream(ssl.getOutputStream());
            DataInputStream in = new DataInputStream(ssl.getInputStream());
            Frames.write(out, RemoteMessage.encode(new RemoteMessage.Hello(RemoteMessage.VERSION, node)));
            RemoteMessage answer;
            try {
                answer = RemoteMessage.decode(Frames.read(in, RemoteExecutorServer.MAX_HELLO));
            } catch (IOException e) {
                // a TLS 1.3 server checks the client's certificate after the client's handshake is done: a
                // refused certificate shows here, as the connection closing
                throw new IOException("no welcome (a different cluster key?): " + Refusals.brief(e));
            }
            if (answer instanceof RemoteMessage.Refused r) {
                throw new IOException("refused: " + RemoteMessage.printable(r.reason()));
            }
            if (!(answer instanceof RemoteMessage.Welcome w)) {
                throw new IOException("unexpected answer to hello");
            }
            raw.setSoTimeout(0);
            RemoteExecutorClient c = new RemoteExecutorClient(ssl, in, out, node, RemoteMessage.printable(w.host()),
                    onLost);
            Thread reader = new Thread(c::readLoop, "vigil-remote-read-" + node);
            reader.setDaemon(true);
            reader.start();
            return c;
        } catch (IOException | RuntimeException e) {
            try {
                raw.close();
            } catch (IOException x) {
                // closing
            }
            throw e instanceof IOException io ? io : new IOException(Refusals.brief(e));
        }
    }

    /** The remote node's own host name, as it said in its welcome. */
    public String remoteHost() {
        return remoteHost;
    }

    public boolean alive() {
        return !lost.get();
    }

    /** Why the connection ended (null while alive). */
    public String lostReason() {
        return lostReason;
    }

    /** Completes with true when the remote node answers within {@code timeout}, false otherwise. */
    public CompletableFuture<Boolean> ping(Duration timeout) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        if (lost.get()) {
            f.complete(false);
            return f;
        }
        long id = ids.incrementAndGet();
        pings.put(id, f);
        timers.schedule(() -> {
            if (pings.remove(id) != null) {
                f.complete(false);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        send(new RemoteMessage.Ping(id));
        return f;
    }

    @Override
    public ActionHandle execute(AgentAction action, Consumer<AgentResult> onDone) {
        long id = ids.incrementAndGet();
        Call call = new Call(id, action.agent(), onDone);
        if (lost.get()) {
            // never synchronously: the caller may hold its own state half-updated
            timers.execute(() -> call.report(notConnected()));
            return call;
        }
        calls.put(id, call);
        call.watchdog = timers.schedule(() -> call.report(AgentResult.timedOut("no result from remote node " + node
                + " within " + action.timeout().plus(RESULT_GRACE).toSeconds() + " s", "")),
                action.timeout().plus(RESULT_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        send(new RemoteMessage.Exec(id, action));
        return call;
    }

    /**
     * The agent's parameters that force a restart, as the remote node's executor read them from the agent's
     * meta-data on that node (where the agent is installed); empty until a result said so.
     */
    @Override
    public java.util.Optional<List<String>> restartParameters(AgentId agent) {
        return java.util.Optional.ofNullable(restartParameters.get(agent));
    }

    private AgentResult notConnected() {
        return AgentResult.execError(OcfStatus.ERR_GENERIC, "not connected to remote node " + node
                + (lostReason == null ? "" : " (" + lostReason + ")"));
    }

    private void send(RemoteMessage m) {
        byte[] body = RemoteMessage.encode(m);
        try {
            writer.execute(() -> {
                try {
                    Frames.write(out, body);
                } catch (IOException e) {
                    connectionLost("cannot send: " + Refusals.brief(e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: the calls are answered by close
        }
    }

    private void readLoop() {
        String why = "the remote node closed the connection";
        try {
            while (!lost.get()) {
                RemoteMessage m = RemoteMessage.decode(Frames.read(in, Frames.MAX_FRAME));
                if (m instanceof RemoteMessage.Result r) {
                    Call c = calls.get(r.id());
                    if (c != null) {
                        // known before the result is reported: its history entry records it
                        r.restartParameters().ifPresent(names -> restartParameters.put(c.agent, names));
                        c.report(r.result());
                    }
                } else if (m instanceof RemoteMessage.Pong p) {
                    CompletableFuture<Boolean> f = pings.remove(p.id());
                    if (f != null) {
                        f.complete(true);
                    }
                } else {
                    why = "the remote node sent an unexpected message";
                    break;
                }
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            // the usual end: closed by either side
        } catch (IOException e) {
            why = "protocol error: " + Refusals.brief(e);
        }
        connectionLost(why);
    }

    private void connectionLost(String why) {
        if (!lost.compareAndSet(false, true)) {
            return;
        }
        lostReason = why;
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        List<Call> open = new ArrayList<>(calls.values());
        open.forEach(c -> c.report(notConnected()));
        pings.values().forEach(f -> f.complete(false));
        pings.clear();
        if (onLost != null && !closing) {
            onLost.accept(why);
        }
    }

    private volatile boolean closing;

    @Override
    public void close() {
        closing = true;
        connectionLost("closed by this node");
        writer.shutdownNow();
        timers.shutdownNow();
    }

    /** One action sent: whoever reports first (result, watchdog, cancel, loss) wins. */
    private final class Call implements ActionHandle {
        final long id;
        final AgentId agent;
        final Consumer<AgentResult> onDone;
        final AtomicBoolean reported = new AtomicBoolean();
        volatile ScheduledFuture<?> watchdog;

        Call(long id, AgentId agent, Consumer<AgentResult> onDone) {
            this.id = id;
            this.agent = agent;
            this.onDone = onDone;
        }

        boolean report(AgentResult r) {
            if (!reported.compareAndSet(false, true)) {
                return false;
            }
            calls.remove(id);
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            onDone.accept(r);
            return true;
        }

        @Override
        public boolean cancel() {
            if (!report(AgentResult.cancelled())) {
                return false;
            }
            send(new RemoteMessage.Cancel(id));
            return true;
        }

        @Override
        public boolean isDone() {
            return reported.get();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
