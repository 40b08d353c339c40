package org.vigil.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;

/**
 * crm's end of the IPC: one connection per request to the local vigild's socket. Implements
 * {@link DaemonService}, so callers cannot tell it from the daemon itself except by the IPC's own failures
 * ({@code UNAVAILABLE}, {@code ACCESS_DENIED}, {@code PROTOCOL}, {@code TIMEOUT}), each a clear line.
 */
public final class IpcClient implements DaemonService {
    /** Responses can carry a whole CIB; this is only a guard against a runaway peer. */
    private static final long MAX_RESPONSE_BYTES = 512L << 20;

    /**
     * vigild sends a progress line every 2 s while it works on a request; three missed ones mean it is hung (crm
     * then gives up well within 10 s, however long the request itself may take).
     */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(6);

    private final Path socket;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration silence;

    /**
     * @param readTimeout how long to wait for an answer (a commit goes through the DC); a fence request waits
     *                    its own timeout plus this
     * @param silence     how long vigild may send nothing at all (neither answer nor progress) before it is
     *                    taken for hung
     */
    public IpcClient(Path socket, Duration connectTimeout, Duration readTimeout, Duration silence) {
        this.socket = socket;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.silence = silence;
    }

    public IpcClient(Path socket, Duration connectTimeout, Duration readTimeout) {
        this(socket, connectTimeout, readTimeout, DEFAULT_SILENCE);
    }

    public IpcClient(Path socket) {
        this(socket, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public Path socket() {
        return socket;
    }

    @Override
    public Cib cib() throws ServiceException {
        return Protocol.cib(call(Protocol.request("cib"), readTimeout), "cib", ServiceException.Kind.PROTOCOL);
    }

    @Override
    public Cib commit(Cib proposed, CibVersion basedOn) throws ServiceException {
        ObjectNode req = Protocol.request("commit");
        req.put("cib", Protocol.cibText(proposed));
        req.set("basedOn", Protocol.version(basedOn));
        return Protocol.cib(call(req, readTimeout), "cib", ServiceException.Kind.PROTOCOL);
    }

    @Override
    public ClusterState state() throws ServiceException {
        return Protocol.state(call(Protocol.request("state"), readTimeout).get("state"));
    }

    @Override
    public FenceOutcome fence(String node, String action, Duration timeout) throws ServiceException {
        ObjectNode req = Protocol.request("fence");
        req.put("node", node);
        req.put("action", action);
        req.put("timeoutMs", timeout.toMillis());
        return Protocol.fence(call(req, timeout.plus(readTimeout)).get("fence"));
    }

    /** The members are asked in turn for at most this long; the answer may take that much longer. */
    static final Duration HISTORY_WAIT = Duration.ofSeconds(6);

    @Override
    public org.vigil.history.HistoryListing history() throws ServiceException {
        JsonNode h = call(Protocol.request("history"), readTimeout.plus(HISTORY_WAIT)).get("history");
        try {
            return Protocol.JSON.treeToValue(h, org.vigil.history.HistoryListing.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ServiceException(ServiceException.Kind.PROTOCOL, "vigild sent an unreadable history");
        }
    }

    @Override
    public Cib transitionInput(String dc, long number) throws ServiceException {
        ObjectNode req = Protocol.request("transition");
        req.put("dc", dc);
        req.put("number", number);
        return Protocol.cib(call(req, readTimeout.plus(HISTORY_WAIT)), "cib", ServiceException.Kind.PROTOCOL);
    }

    /** Sends one request line and returns the successful response, or throws the daemon's refusal. */
    JsonNode call(ObjectNode request, Duration timeout) throws ServiceException {
        String answer;
        try (LineChannel lc = connect()) {
            IOException sendFailure = null;
            try {
                lc.writeLine(Protocol.line(request), silence.compareTo(timeout) < 0 ? silence : timeout);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("vigild is not responding: " + socket + " took no data for "
                        + seconds(silence) + " (hung or stopped? see its log)");
            } catch (IOException e) {
                // the daemon may have refused the request and closed: its answer can still be waiting
                sendFailure = e;
            }
            try {
                answer = awaitAnswer(lc, timeout);
            } catch (EOFException e) {
                throw new ServiceException(ServiceException.Kind.PROTOCOL,
                        "vigild closed the connection in the middle of its answer (socket " + socket + ")");
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                answer = null;
                if (sendFailure == null) {
                    sendFailure = e;
                }
            }
            if (answer == null) {
                throw new ServiceException(ServiceException.Kind.PROTOCOL, "vigild closed the connection without "
                        + "answering" + (sendFailure == null ? "" : " (" + sendFailure.getMessage() + ")")
                        + "; see its log (socket " + socket + ")");
            }
        } catch (SocketTimeoutException e) {
            throw new ServiceException(ServiceException.Kind.TIMEOUT, e.getMessage());
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Kind.PROTOCOL, "connection to vigild failed: " + e.getMessage());
        }
        JsonNode n;
        try {
            n = Protocol.parse(answer, ServiceException.Kind.PROTOCOL, "vigild's answer");
        } catch (ServiceException e) {
            throw new ServiceException(e.kind(), "malformed answer from vigild: " + e.getMessage());
        }
        if (n.path("ok").asBoolean(false)) {
            return n;
        }
        ServiceException.Kind kind;
        try {
            kind = ServiceException.Kind.valueOf(n.path("kind").asText());
        } catch (IllegalArgumentException e) {
            kind = ServiceException.Kind.INTERNAL;
        }
        String message = n.path("message").asText("");
        throw new ServiceException(kind, message.isEmpty() ? "vigild refused the request (" + kind + ")" : message);
    }

    /**
     * The answer line, skipping progress lines; gives up when vigild is silent for {@link #silence} (hung or
     * stopped) or the whole request takes longer than {@code timeout}.
     */
    private String awaitAnswer(LineChannel lc, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Duration wait = Duration.ofNanos(Math.max(1, Math.min(left, silence.toNanos())));
            String line;
            try {
                line = lc.readLine(MAX_RESPONSE_BYTES, wait);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException(left <= silence.toNanos()
                        ? "vigild did not answer within " + seconds(timeout) + " (socket " + socket + ")"
                        : "vigild is not responding: nothing from " + socket + " for " + seconds(silence)
                                + " (hung or stopped? see its log)");
            }
            if (line == null || !line.equals(Protocol.PROGRESS)) {
                return line;
            }
        }
    }

    private LineChannel connect() throws ServiceException {
        if (!Files.exists(socket) && !Files.notExists(socket)) {
            throw new ServiceException(ServiceException.Kind.ACCESS_DENIED, "permission denied: cannot reach " + socket
                    + " (its directory is closed to you); crm must run as root or in vigild's IPC group");
        }
        if (Files.notExists(socket)) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "vigild is not running on this node (no "
                    + "socket at " + socket + "); set CIB_file=/path/to/cib.xml to work on a CIB file (offline mode)");
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.configureBlocking(false);
            if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                try (Selector sel = Selector.open()) {
                    ch.register(sel, SelectionKey.OP_CONNECT);
                    if (sel.select(Math.max(1, connectTimeout.toMillis())) == 0) {
                        throw new ServiceException(ServiceException.Kind.TIMEOUT, "vigild did not accept the "
                                + "connection within " + seconds(connectTimeout) + " (socket " + socket + ")");
                    }
                }
                ch.finishConnect();
            }
            return new LineChannel(ch);
        } catch (ServiceException e) {
            closeQuietly(ch);
            throw e;
        } catch (SocketException e) {
            closeQuietly(ch);
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("permission denied") || m.contains("access denied")) {
                throw new ServiceException(ServiceException.Kind.ACCESS_DENIED, "permission denied on " + socket
                        + ": crm must run as root or as a member of the group vigild gives the socket to");
            }
            if (m.contains("refused")) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "vigild is not running on this node "
                        + "(nothing listens on " + socket + "); set CIB_file=/path/to/cib.xml for offline mode");
            }
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot connect to vigild at " + socket
                    + ": " + e.getMessage());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot connect to vigild at " + socket
                    + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
