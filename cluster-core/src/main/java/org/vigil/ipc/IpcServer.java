package org.vigil.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's end of the crm IPC: a Unix domain socket, readable only by root, the daemon's user and the
 * configured group, one JSON request and one JSON response per line (docs/crm.md, "Live mode"). Connections
 * are read and answered by one I/O thread ({@link ConnectionLoop}); each complete request is handled by a small
 * fixed pool of threads, each call going to the {@link DaemonService}.
 */
public final class IpcServer implements AutoCloseable {
    /**
     * @param socket          the socket file, e.g. /run/vigil/vigil.sock
     * @param group           the group allowed besides root and the daemon's user (socket mode 0660 and owned by
     *                        it); null: nobody else (mode 0600)
     * @param readTimeout     how long a connection may take to send a complete request (and stay idle between
     *                        requests); each connection has its own deadline
     * @param maxRequestBytes the largest request accepted (CIBs can be big)
     * @param threads         requests handled at once; more wait their turn (reading and writing never occupy
     *                        a thread, so a slow client holds none)
     * @param maxClients      connections open at once; at the limit the one waiting longest for a request is
     *                        closed to make room
     * @param progressEvery   how often a client waiting for its answer hears that vigild is still working on it
     * @param log             where refusals and failures are reported, one line each
     */
    public record Config(Path socket, String group, Duration readTimeout, long maxRequestBytes, int threads,
            int maxClients, Duration progressEvery, Consumer<String> log) {
        public static final Path DEFAULT_SOCKET = Path.of("/run/vigil/vigil.sock");

        public Config {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(progressEvery, "progressEvery");
            Objects.requireNonNull(log, "log");
            if (threads < 1 || maxRequestBytes < 1 || maxClients < 1) {
                throw new IllegalArgumentException("threads, maxClients and maxRequestBytes must be positive");
            }
        }

        public static Config of(Path socket) {
            return new Config(socket, null, Duration.ofSeconds(30), 64L << 20, 4, 64, Duration.ofSeconds(2),
                    line -> System.getLogger("org.vigil.ipc").log(System.Logger.Level.WARNING, line));
        }

        public Config withGroup(String g) {
            return new Config(socket, g, readTimeout, maxRequestBytes, threads, maxClients, progressEvery, log);
        }

        public Config withReadTimeout(Duration d) {
            return new Config(socket, group, d, maxRequestBytes, threads, maxClients, progressEvery, log);
        }

        public Config withMaxRequestBytes(long max) {
            return new Config(socket, group, readTimeout, max, threads, maxClients, progressEvery, log);
        }

        public Config withMaxClients(int max) {
            return new Config(socket, group, readTimeout, maxRequestBytes, threads, max, progressEvery, log);
        }

        public Config withProgressEvery(Duration d) {
            return new Config(socket, group, readTimeout, maxRequestBytes, threads, maxClients, d, log);
        }

        public Config withLog(Consumer<String> l) {
            return new Config(socket, group, readTimeout, maxRequestBytes, threads, maxClients, progressEvery, l);
        }
    }

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final Config config;
    private final DaemonService service;
    private final Predicate<UnixDomainPrincipal> allowed;
    private final String whoIsAllowed;
    private final ServerSocketChannel server;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Object socketKey;
    private final ExecutorService workers;
    private final ConnectionLoop loop;
    private final Thread io;
    private volatile boolean closed;

    private IpcServer(Config config, DaemonService service, Predicate<UnixDomainPrincipal> allowed,
            String whoIsAllowed, ServerSocketChannel server, FileChannel lockChannel, FileLock lock, Object socketKey)
            throws IOException {
        this.config = config;
        this.service = service;
        this.allowed = allowed;
        this.whoIsAllowed = whoIsAllowed;
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.socketKey = socketKey;
        AtomicInteger n = new AtomicInteger();
        // each connection has at most one request in the pool, so the queue is bounded by maxClients
        this.workers = Executors.newFixedThreadPool(config.threads(),
                r -> daemonThread(r, "vigil-ipc-" + n.incrementAndGet()));
        this.loop = new ConnectionLoop(config, server, this::refusal, line -> Protocol.line(handle(line)), workers,
                WRITE_TIMEOUT);
        this.io = daemonThread(loop, "vigil-ipc-io");
    }

    /** Binds the socket with the policy of {@link PeerPolicy#forThisProcess} and starts serving. */
    public static IpcServer start(Config config, DaemonService service) throws IOException {
        return start(config, service, PeerPolicy.forThisProcess(config.group()));
    }

    public static IpcServer start(Config config, DaemonService service, PeerPolicy policy) throws IOException {
        String users = "root".equals(policy.daemonUser()) ? "root" : "root, user " + policy.daemonUser();
        return start(config, service, policy::allows,
                users + (policy.group() == null ? "" : " and members of group " + policy.group()));
    }

    /**
     * Binds the socket and starts serving; {@code allowed} decides on each peer, {@code whoIsAllowed} says
     * in the refusal who would have been.
     *
     * @throws IOException with a one-line message when the directory or socket cannot be set up, the group
     *                     does not exist, or another daemon is already listening on the socket
     */
    static IpcServer start(Config config, DaemonService service, Predicate<UnixDomainPrincipal> allowed,
            String whoIsAllowed) throws IOException {
        Path socket = config.socket().toAbsolutePath();
        Path dir = socket.getParent();
        GroupPrincipal group = null;
        if (config.group() != null) {
            try {
                group = socket.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(config.group());
            } catch (UserPrincipalNotFoundException e) {
                throw new IOException("IPC group " + config.group() + " does not exist");
            }
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            if (group != null) {
                Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group);
            }
        }
        // two daemons starting together must not both decide the socket is stale and replace each other's
        Path lockFile = dir.resolve(socket.getFileName() + ".lock");
        // owner-only like every file vigild makes (it holds nothing, but nothing of vigild's is open to others)
        FileChannel lockChannel = FileChannel.open(lockFile, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this very process (file locks are per process)
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another vigild is starting or running with the socket " + socket);
        }
        try {
            removeStaleSocket(socket, config.log());
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket), 64);
                // connections made before the chmod are still checked by their peer credentials
                Files.setPosixFilePermissions(socket,
                        PosixFilePermissions.fromString(group == null ? "rw-------" : "rw-rw----"));
                if (group != null) {
                    Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
                }
                Object key = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
                IpcServer s = new IpcServer(config, service, allowed, whoIsAllowed, server, lockChannel, lock, key);
                s.io.start();
                return s;
            } catch (IOException | RuntimeException e) {
                server.close();
                Files.deleteIfExists(socket);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** A socket file left by a daemon that died is replaced; one somebody still listens on is not. */
    private static void removeStaleSocket(Path socket, Consumer<String> log) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            throw new IOException(socket + " exists and is not a socket; refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("another vigild is already listening on " + socket);
        } catch (java.net.SocketException e) {
            // connection refused: nobody listens; the file is stale
        }
        Files.delete(socket);
        log.accept("removed the stale IPC socket " + socket + " (left by a daemon that is no longer running)");
    }

    public Path socket() {
        return config.socket();
    }

    /** The peer check, made on the connection's kernel credentials before anything it sends is read. */
    private String refusal(SocketChannel ch) throws IOException {
        UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (allowed.test(peer)) {
            return null;
        }
        config.log().accept("IPC access denied to " + PeerPolicy.describe(peer));
        return Protocol.line(Protocol.error(ServiceException.Kind.ACCESS_DENIED, "access denied: vigild accepts "
                + whoIsAllowed + "; you are " + PeerPolicy.describe(peer)));
    }

    /** One request line to one response; never throws, so a bad request gets an answer, not a dropped line. */
    ObjectNode handle(String line) {
        try {
            return dispatch(Protocol.parse(line, ServiceException.Kind.BAD_REQUEST, "the request"));
        } catch (ServiceException e) {
            return Protocol.error(e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            config.log().accept("IPC request failed inside vigild: " + e);
            return Protocol.error(ServiceException.Kind.INTERNAL, "internal error in vigild: " + e.getMessage());
        }
    }

    private ObjectNode dispatch(JsonNode req) throws ServiceException {
        ServiceException.Kind bad = ServiceException.Kind.BAD_REQUEST;
        JsonNode v = req.get("v");
        if (v == null || !v.canConvertToInt() || v.asInt() != Protocol.VERSION) {
            throw new ServiceException(bad, "protocol version " + (v == null ? "missing" : v.toString())
                    + " not supported; this vigild speaks version " + Protocol.VERSION);
        }
        String op = Protocol.text(req, "op", bad);
        ObjectNode ok = Protocol.ok();
        switch (op) {
            case "cib" -> ok.put("cib", Protocol.cibText(service.cib()));
            case "commit" -> {
                var proposed = Protocol.cib(req, "cib", bad);
                var basedOn = Protocol.version(req.get("basedOn"), bad);
                ok.put("cib", Protocol.cibText(service.commit(proposed, basedOn)));
            }
            case "state" -> ok.set("state", Protocol.state(service.state()));
            case "fence" -> {
                String node = Protocol.text(req, "node", bad);
                String action = Protocol.text(req, "action", bad);
                if (!action.equals("reboot") && !action.equals("off")) {
                    throw new ServiceException(bad, "fence action must be reboot or off, not " + action);
                }
                long ms = Protocol.number(req, "timeoutMs", bad);
                if (ms <= 0) {
                    throw new ServiceException(bad, "timeoutMs must be positive");
                }
                ok.set("fence", Protocol.fence(service.fence(node, action, Duration.ofMillis(ms))));
            }
            case "history" -> ok.set("history", Protocol.JSON.valueToTree(service.history()));
            case "transition" -> ok.put("cib", Protocol.cibText(service.transitionInput(Protocol.text(req, "dc", bad),
                    Protocol.number(req, "number", bad))));
            default -> throw new ServiceException(bad, "unknown op '" + op
                    + "' (expected cib, commit, state, fence, history, transition)");
        }
        return ok;
    }

    /** Stops accepting, ends every connection and its thread, and removes the socket file (if still ours). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.stop();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
        try {
            io.join(2000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path socket = config.socket().toAbsolutePath();
        try {
            Object key = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(key, socketKey)) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
