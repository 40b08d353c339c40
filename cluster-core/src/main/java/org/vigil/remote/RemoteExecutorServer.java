package org.vigil.remote;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentResult;
import org.vigil.agents.OcfStatus;
import org.vigil.membership.RefusalLog;

/**
 * The remote node's side of the remote executor protocol ({@code vigild remote}): listens on TCP, authenticates
 * every connection with TLS 1.3 keyed by the cluster key before reading anything from it, and runs the actions an
 * authenticated cluster node sends through its {@link AgentExecutor}, answering each with its result.
 *
 * <p>Accepting only accepts: the handshake (TLS, then the {@link RemoteMessage.Hello}) runs on a handshake thread
 * under a hard deadline; at most {@link Limits#pendingPerAddress} connections per source address and
 * {@link Limits#pendingTotal} in all may be unauthenticated at once, more are reset on arrival. After
 * authentication, frames are bounded ({@link Limits#maxFrame}, checked before allocating), sessions are bounded
 * ({@link Limits#sessions}) and so are actions in flight per session. Every refusal is one rate-limited log line.
 */
public final class RemoteExecutorServer implements AutoCloseable {
    /** Pacemaker Remote's port. */
    public static final int DEFAULT_PORT = 3121;
    /** The protocol version this side speaks (Vigil's own; not Pacemaker's). */
    public static final int PROTOCOL_VERSION = RemoteMessage.VERSION;
    private static final String TLS = "TLSv1.3";

    /**
     * @param handshakeMs       deadline for a connection to authenticate and say hello
     * @param pendingPerAddress unauthenticated connections at once from one address
     * @param pendingTotal      unauthenticated connections at once in all
     * @param sessions          authenticated sessions at once (a cluster uses one; a reconnect may overlap)
     * @param inFlight          actions running at once per session
     * @param maxFrame          largest frame accepted after authentication
     */
    public record Limits(int handshakeMs, int pendingPerAddress, int pendingTotal, int sessions, int inFlight,
            int maxFrame) {
        public static final Limits DEFAULT = new Limits(2_000, 4, 16, 4, 64, Frames.MAX_FRAME);
    }

    /** The largest hello: a version and a node name. */
    static final int MAX_HELLO = 4096;

    private final ServerSocket listener;
    private final SSLContext tls;
    private final Function<String, AgentExecutor> executors;
    private final Limits limits;
    private final Consumer<String> log;
    private final RefusalLog refusals;
    private final ThreadPoolExecutor handshakes;
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;
    /** Unauthenticated connections per source address. Guarded by itself. */
    private final Map<InetAddress, Integer> pending = new HashMap<>();
    private final AtomicInteger pendingTotal = new AtomicInteger();
    private final Map<Session, Boolean> sessions = new ConcurrentHashMap<>();
    private final AtomicLong framesRead = new AtomicLong();
    private volatile boolean closed;

    private RemoteExecutorServer(ServerSocket listener, SSLContext tls, Function<String, AgentExecutor> executors,
            Limits limits, Consumer<String> log) {
        this.listener = listener;
        this.tls = tls;
        this.executors = executors;
        this.limits = limits;
        this.log = log;
        this.refusals = new RefusalLog(log, "remote executor", 60_000, System::currentTimeMillis);
        this.handshakes = new ThreadPoolExecutor(0, limits.pendingTotal(), 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("vigil-remote-handshake"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("vigil-remote-deadlines"));
        this.acceptor = daemon("vigil-remote-accept").newThread(this::acceptLoop);
    }

    /**
     * Listens on {@code bind}:{@code port} (0: any free port).
     *
     * @param executors the executor for the node name a cluster node's hello gives (Pacemaker's remote node takes
     *                  its name from the cluster); null refuses the session with a line saying why
     */
    public static RemoteExecutorServer start(InetAddress bind, int port, SSLContext tls,
            Function<String, AgentExecutor> executors, Limits limits, Consumer<String> log) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(bind, port), 64);
        RemoteExecutorServer server = new RemoteExecutorServer(s, tls, executors, limits, log);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Frames read from peers so far, hellos included (tests: nothing is read from an unauthenticated peer). */
    long framesRead() {
        return framesRead.get();
    }

    int sessionCount() {
        return sessions.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("remote executor: accept failed: " + Refusals.brief(e));
                }
                continue;
            }
            InetAddress peer = s.getInetAddress();
            if (!admit(peer)) {
                refusals.refused(0, peer, false, RefusalLog.LIMIT, "too many unauthenticated connections (at most "
                        + limits.pendingPerAddress() + " per address, " + limits.pendingTotal() + " in all)");
                reset(s);
                continue;
            }
            try {
                handshakes.execute(() -> handshake(s, peer));
            } catch (RejectedExecutionException e) {
                release(peer);
                refusals.refused(0, peer, false, RefusalLog.LIMIT, "no handshake thread free");
                reset(s);
            }
        }
    }

    private boolean admit(InetAddress peer) {
        synchronized (pending) {
            int n = pending.getOrDefault(peer, 0);
            if (n >= limits.pendingPerAddress() || pendingTotal.get() >= limits.pendingTotal()) {
                return false;
            }
            pending.put(peer, n + 1);
            pendingTotal.incrementAndGet();
            return true;
        }
    }

    private void release(InetAddress peer) {
        synchronized (pending) {
            Integer n = pending.get(peer);
            if (n != null) {
                if (n <= 1) {
                    pending.remove(peer);
                } else {
                    pending.put(peer, n - 1);
                }
                pendingTotal.decrementAndGet();
            }
        }
    }

    /** TLS, then the hello, all within the deadline; only then is the connection a session. */
    private void handshake(Socket raw, InetAddress peer) {
        // set before the socket is closed: the handshake may see the close before the deadline's task is done
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            reset(raw);
        }, limits.handshakeMs(), TimeUnit.MILLISECONDS);
        boolean released = false;
        SSLSocket ssl = null;
        try {
            raw.setSoTimeout(limits.handshakeMs());
            raw.setTcpNoDelay(true);
            ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, true);
            ssl.setUseClientMode(false);
            ssl.setEnabledProtocols(new String[] {TLS});
            ssl.setNeedClientAuth(true);
            try {
                ssl.startHandshake();
            } catch (IOException e) {
                boolean silent = expired.get() || e instanceof java.net.SocketTimeoutException
                        || e.getCause() instanceof java.net.SocketTimeoutException;
                refusals.refused(0, peer, false, silent ? RefusalLog.SILENCE : RefusalLog.AUTHENTICATION, silent ? "did not authenticate within "
                        + limits.handshakeMs() + " ms" : "TLS handshake failed (no cluster key, or a different one?): "
                        + Refusals.brief(e));
                return;
            }
            DataInputStream in = new DataInputStream(ssl.getInputStream());
            RemoteMessage hello;
            try {
                byte[] frame = Frames.read(in, MAX_HELLO);
                framesRead.incrementAndGet();
                hello = RemoteMessage.decode(frame);
            } catch (EOFException e) {
                refusals.refused(0, peer, false, RefusalLog.SILENCE, "closed before saying hello");
                return;
            } catch (IOException e) {
                refusals.refused(0, peer, false, expired.get() ? RefusalLog.SILENCE : RefusalLog.PROTOCOL, expired.get()
                        ? "did not say hello within " + limits.handshakeMs() + " ms" : "bad hello: " + Refusals.brief(e));
                return;
            }
            OutputStream out = new BufferedOutputStream(ssl.getOutputStream());
            if (!(hello instanceof RemoteMessage.Hello h)) {
                refusals.refused(0, peer, false, RefusalLog.PROTOCOL, "expected a hello first");
                return;
            }
            String refusal = h.version() != RemoteMessage.VERSION ? "protocol version " + h.version() + " (this node speaks "
                    + RemoteMessage.VERSION + ")" : !validName(h.node()) ? "not a node name: '"
                    + RemoteMessage.printable(h.node()) + "'" : sessions.size() >= limits.sessions()
                    ? "already " + sessions.size() + " sessions (limit " + limits.sessions() + ")" : null;
            AgentExecutor agents = refusal == null ? executors.apply(h.node()) : null;
            if (refusal == null && agents == null) {
                refusal = "this remote node does not serve the name '" + h.node() + "'";
            }
            deadline.cancel(false);
            if (!deadline.isCancelled()) {
                return; // the deadline closed the socket meanwhile
            }
            if (refusal != null) {
                refusals.refused(0, peer, false, RefusalLog.PROTOCOL, refusal);
                try {
                    Frames.write(out, RemoteMessage.encode(new RemoteMessage.Refused(refusal)));
                } catch (IOException e) {
                    // it is being closed anyway
                }
                return;
            }
            raw.setSoTimeout(0);
            release(peer);
            released = true;
            Session session = new Session(ssl, in, out, peer, h.node(), agents);
            sessions.put(session, Boolean.TRUE);
            session.send(new RemoteMessage.Welcome(RemoteMessage.VERSION, hostName()));
            log.accept("remote executor: cluster node at " + peer.getHostAddress() + " connected (this node is '"
                    + h.node() + "' to it)");
            ssl = null; // the session owns it now
            Thread t = new Thread(session::serve, "vigil-remote-session-" + h.node());
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            refusals.refused(0, peer, false, RefusalLog.PROTOCOL, Refusals.brief(e));
        } finally {
            deadline.cancel(false);
            if (!released) {
                release(peer);
            }
            if (ssl != null) {
                reset(raw);
            }
        }
    }

    public static boolean validName(String node) {
        if (node == null || node.isEmpty() || node.length() > 128) {
            return false;
        }
        for (int i = 0; i < node.length(); i++) {
            char c = node.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** One authenticated cluster node: reads its requests until it goes, answers each action once. */
    private final class Session {
        private final SSLSocket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final InetAddress peer;
        private final String node;
        private final AgentExecutor agents;
        private final Map<Long, ActionHandle> running = new ConcurrentHashMap<>();

        Session(SSLSocket socket, DataInputStream in, OutputStream out, InetAddress peer, String node,
                AgentExecutor agents) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.peer = peer;
            this.node = node;
            this.agents = agents;
        }

        void serve() {
            String why = "closed the connection";
            try {
                while (!closed) {
                    byte[] frame = Frames.read(in, limits.maxFrame());
                    framesRead.incrementAndGet();
                    RemoteMessage m = RemoteMessage.decode(frame);
                    if (m instanceof RemoteMessage.Exec e) {
                        exec(e);
                    } else if (m instanceof RemoteMessage.Cancel c) {
                        ActionHandle h = running.get(c.id());
                        if (h != null) {
                            h.cancel();
                        }
                    } else if (m instanceof RemoteMessage.Ping p) {
                        send(new RemoteMessage.Pong(p.id()));
                    } else {
                        why = "sent an unexpected message; closed";
                        break;
                    }
                }
            } catch (EOFException | SocketException e) {
                // gone: the usual way a session ends
            } catch (IOException e) {
                why = "protocol error (" + Refusals.brief(e) + "); closed";
            } finally {
                sessions.remove(this);
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing
                }
                log.accept("remote executor: cluster node at " + peer.getHostAddress() + " " + why + " ("
                        + running.size() + " action(s) still running here finish on their own)");
            }
        }

        private void exec(RemoteMessage.Exec e) {
            if (running.size() >= limits.inFlight()) {
                send(new RemoteMessage.Result(e.id(), AgentResult.execError(OcfStatus.ERR_GENERIC,
                        "remote node '" + node + "' is running " + running.size() + " actions already (limit "
                                + limits.inFlight() + ")")));
                return;
            }
            ActionHandle h = agents.execute(e.action(), r -> {
                running.remove(e.id());
                // what this node's executor learnt of the agent (read after its first successful action) goes
                // back with the result: the cluster node records it in the history as for a local action
                send(new RemoteMessage.Result(e.id(), r, agents.restartParameters(e.action().agent())));
            });
            if (!h.isDone()) {
                running.put(e.id(), h);
                if (h.isDone()) {
                    running.remove(e.id());
                }
            }
        }

        void send(RemoteMessage m) {
            byte[] body = RemoteMessage.encode(m);
            synchronized (out) {
                try {
                    Frames.write(out, body);
                } catch (IOException e) {
                    // the reader notices the connection is gone
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway
        }
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        sessions.keySet().forEach(Session::close);
        handshakes.shutdownNow();
        deadlines.shutdownNow();
    }
}
