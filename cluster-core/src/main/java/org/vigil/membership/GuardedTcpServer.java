package org.vigil.membership;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.jgroups.Address;
import org.jgroups.blocks.cs.TcpConnection;
import org.jgroups.blocks.cs.TcpServer;
import org.jgroups.util.SocketFactory;
import org.jgroups.util.ThreadFactory;

/**
 * JGroups' TCP server for one ring, with an accept loop that only accepts. JGroups' own loop runs the TLS
 * handshake and reads the peer's address itself, so one silent connection held every other one up for a
 * second. Here each accepted socket goes to a handshake thread with a hard deadline; at most
 * {@link Limits#pendingPerAddress} connections per source address and {@link Limits#pendingTotal} in all may be
 * unauthenticated at once, the rest are closed on arrival. Nothing a peer sends is read before its TLS
 * handshake (when the cluster has a key) succeeded. Every refusal goes to the {@link RefusalLog}, never a
 * stack trace. The connections it makes and accepts are {@link BoundedConnection}s (frames bounded, deadline
 * on outgoing handshakes).
 */
final class GuardedTcpServer extends TcpServer {
    /**
     * @param maxFrame          largest frame accepted from an authenticated peer, in bytes
     * @param handshakeMs       deadline for a connection to authenticate and name itself, either way
     * @param pendingPerAddress unauthenticated connections allowed at once from one address
     * @param pendingTotal      unauthenticated connections allowed at once in all
     */
    record Limits(int maxFrame, int handshakeMs, int pendingPerAddress, int pendingTotal) {
        /**
         * Frames carry one bundle (at most 64,000 bytes, FRAG2 cuts messages to 60,000) and headers: four
         * times that leaves room and still bounds what a frame can cost.
         */
        static final Limits DEFAULT = new Limits(256 * 1024, 2_000, 4, 64);
    }

    private final int ring;
    private final Limits limits;
    private final RefusalLog refusals;
    private final ThreadPoolExecutor handshakes;
    private final ScheduledExecutorService deadlines;
    /** Unauthenticated connections per source address. Guarded by itself. */
    private final Map<InetAddress, Integer> pending = new HashMap<>();

    GuardedTcpServer(int ring, ThreadFactory threads, SocketFactory sockets, InetAddress bind, int port, Limits limits,
            RefusalLog refusals) throws Exception {
        // the listening socket is plain TCP: TLS starts on the handshake thread (see ClusterTls.TlsSockets)
        super(threads, new org.jgroups.util.DefaultSocketFactory(), bind, port, port, null, 0, 0, "vigil.ring" + ring);
        socketFactory(sockets == null ? new org.jgroups.util.DefaultSocketFactory() : sockets);
        this.ring = ring;
        this.limits = limits;
        this.refusals = refusals;
        this.handshakes = new ThreadPoolExecutor(0, limits.pendingTotal(), 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("vigil-ring" + ring + "-handshake"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("vigil-ring" + ring + "-deadlines"));
        // replaces JGroups' acceptor (not started yet): accepting and authenticating come apart
        this.acceptor = threads.newThread(this::acceptLoop, "vigil-ring" + ring + "-accept[" + port + "]");
        setMaxLength(limits.maxFrame());
        logDetails(false);
        setLogAcceptError(false);
        peerAddressReadTimeout(limits.handshakeMs());
    }

    int ring() {
        return ring;
    }

    Limits limits() {
        return limits;
    }

    RefusalLog refusals() {
        return refusals;
    }

    ThreadFactory threads() {
        return factory;
    }

    @Override
    protected TcpConnection createConnection(Address dest) throws Exception {
        return new BoundedConnection(dest, this);
    }

    @Override
    public void stop() {
        super.stop();
        handshakes.shutdownNow();
        deadlines.shutdownNow();
    }

    /** A socket closed when its time is up, unless cancelled first. */
    static final class Deadline {
        private final ScheduledFuture<?> closing;

        private Deadline(ScheduledFuture<?> closing) {
            this.closing = closing;
        }

        /** True when the socket will not be closed by this deadline. */
        boolean cancel() {
            return closing != null && closing.cancel(false);
        }

        /** True when the deadline closed (or is closing) the socket. */
        boolean passed() {
            return closing == null || (closing.isDone() && !closing.isCancelled());
        }
    }

    Deadline closeAt(Socket s, int ms) {
        try {
            return new Deadline(deadlines.schedule(() -> closeQuietly(s), ms, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // the server is stopping: the socket goes with it
            closeQuietly(s);
            return new Deadline(null);
        }
    }

    private void acceptLoop() {
        while (!srv_sock.isClosed() && !Thread.currentThread().isInterrupted()) {
            Socket s;
            try {
                s = srv_sock.accept();
            } catch (IOException e) {
                if (srv_sock.isClosed()) {
                    return;
                }
                // e.g. out of file descriptors: pause instead of spinning on the error
                log.warn("ring %d: cannot accept connections on %s: %s", ring, local_addr, e.getMessage());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            admit(s);
        }
    }

    private void admit(Socket s) {
        InetAddress from = s.getInetAddress();
        if (!reserve(from)) {
            closeQuietly(s);
            refusals.refused(ring, from, false, RefusalLog.LIMIT, "more than " + limits.pendingPerAddress()
                    + " connections from this address are still authenticating; closed at once");
            return;
        }
        try {
            handshakes.execute(() -> authenticate(s, from));
        } catch (RejectedExecutionException e) {
            release(from);
            closeQuietly(s);
            refusals.refused(ring, from, false, RefusalLog.LIMIT, "more than " + limits.pendingTotal()
                    + " connections in all are still authenticating; closed at once");
        }
    }

    /** The handshake thread: TLS first, then JGroups' greeting (the peer's address), all before the deadline. */
    private void authenticate(Socket s, InetAddress from) {
        Deadline deadline = closeAt(s, limits.handshakeMs());
        BoundedConnection conn = null;
        try {
            s.setSoTimeout(limits.handshakeMs());
            Socket peer = s;
            if (socket_factory instanceof ClusterTls.TlsSockets tls) {
                SSLSocket ssl = tls.acceptSide(s);
                ssl.startHandshake();
                peer = ssl;
            }
            conn = new BoundedConnection(peer, this);
            s.setSoTimeout(0);
            if (!deadline.cancel()) {
                throw new SocketTimeoutException("deadline");
            }
            refusals.authenticated(ring, from);
            addConnection(conn.peerAddress(), conn);
        } catch (Exception e) {
            closeQuietly(s);
            boolean late = deadline.passed();
            refusals.refused(ring, from, false, kind(e, late), reason(e, late, limits.handshakeMs()));
        } finally {
            deadline.cancel();
            release(from);
        }
    }

    private boolean reserve(InetAddress from) {
        synchronized (pending) {
            int n = pending.getOrDefault(from, 0);
            if (n >= limits.pendingPerAddress()) {
                return false;
            }
            pending.put(from, n + 1);
            return true;
        }
    }

    private void release(InetAddress from) {
        synchronized (pending) {
            pending.computeIfPresent(from, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    static String kind(Exception e, boolean late) {
        if (late || e instanceof SocketTimeoutException || e instanceof EOFException
                || e instanceof java.net.SocketException) {
            return RefusalLog.SILENCE;
        }
        if (e instanceof SSLException) {
            return RefusalLog.AUTHENTICATION;
        }
        return RefusalLog.PROTOCOL;
    }

    /** One line, in our words: exception texts from the JDK and JGroups may echo what the peer sent. */
    static String reason(Exception e, boolean late, int deadlineMs) {
        if (late || e instanceof SocketTimeoutException) {
            return "did not authenticate within " + deadlineMs + " ms";
        }
        if (e instanceof EOFException || e instanceof java.net.SocketException) {
            return "hung up before authenticating";
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed (no cluster key, or a different one?): " + clean(e.getMessage());
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("cookie")) {
            return "not a cluster peer (wrong greeting)";
        }
        if (m.contains("version")) {
            return "a different JGroups wire version";
        }
        return e.getClass().getSimpleName() + ": " + clean(m);
    }

    /** At most 120 printable characters. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** Closes at once: a reset for the peer, no waiting for anything (TLS close_notify included). */
    static void closeQuietly(Socket s) {
        try {
            if (!(s instanceof SSLSocket)) {
                s.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // closed already
        }
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
