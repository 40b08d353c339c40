package org.vigil.ipc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Every IPC connection on one selector thread: requests are read and answers written without blocking, each
 * connection against its own deadlines, so a client that sends half a request and stops (or never reads its
 * answer) costs a buffer until its deadline, never a thread or another client's time. A complete request goes
 * to the worker pool; while it is handled the client hears a progress line now and then (when it asked for
 * them), so crm can tell a busy daemon from a hung one.
 */
final class ConnectionLoop implements Runnable {
    /** What happens to a new connection before its first byte is read. */
    interface Gate {
        /** Null to serve the peer, else the (one-line JSON) refusal it is sent before the connection ends. */
        String refusal(SocketChannel ch) throws IOException;
    }

    private static final long TICK_MS = 200;
    private static final String PROGRESS_LINE = Protocol.PROGRESS + "\n";

    private final IpcServer.Config config;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Gate gate;
    private final Function<String, String> handler;
    private final ExecutorService workers;
    private final long writeTimeoutNanos;
    private final Queue<Runnable> fromWorkers = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final LogThrottle throttle;
    private long buffered;

    ConnectionLoop(IpcServer.Config config, ServerSocketChannel server, Gate gate, Function<String, String> handler,
            ExecutorService workers, java.time.Duration writeTimeout) throws IOException {
        this.config = config;
        this.server = server;
        this.gate = gate;
        this.handler = handler;
        this.workers = workers;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.throttle = new LogThrottle(config.log(), 10_000_000_000L);
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Ends the loop and every connection. */
    void stop() {
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        try {
            while (selector.isOpen()) {
                selector.select(TICK_MS);
                long now = System.nanoTime();
                for (SelectionKey k : selector.selectedKeys()) {
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept(now);
                    } else if (k.attachment() instanceof Connection c) {
                        if (k.isReadable()) {
                            read(c, now);
                        }
                        if (c.open() && k.isValid() && k.isWritable()) {
                            flush(c, now);
                        }
                    }
                }
                selector.selectedKeys().clear();
                for (Runnable r; (r = fromWorkers.poll()) != null; ) {
                    r.run();
                }
                checkDeadlines(System.nanoTime());
            }
        } catch (ClosedSelectorException e) {
            // stopped
        } catch (IOException | RuntimeException e) {
            if (selector.isOpen()) {
                config.log().accept("IPC stopped serving after an unexpected failure: " + e);
            }
        } finally {
            for (Connection c : new ArrayList<>(connections)) {
                close(c);
            }
        }
    }

    private void accept(long now) {
        SocketChannel ch;
        try {
            ch = server.accept();
        } catch (IOException e) {
            throttle.line("accept", "IPC accept failed: " + e.getMessage());
            return; // e.g. out of file descriptors: the next tick tries again
        }
        if (ch == null) {
            return;
        }
        try {
            ch.configureBlocking(false);
            Connection c = new Connection(ch, ch.register(selector, 0), now);
            c.key.attach(c);
            connections.add(c);
            String refusal = gate.refusal(ch);
            if (refusal != null) {
                c.closeAfterWrite = true;
                send(c, refusal + "\n", now);
                return;
            }
            if (connections.size() > config.maxClients() && !makeRoom(c)) {
                c.closeAfterWrite = true;
                send(c, Protocol.line(Protocol.error(ServiceException.Kind.UNAVAILABLE, "vigild is busy: "
                        + config.maxClients() + " crm connections are being served; try again")) + "\n", now);
                throttle.line("full", "IPC connection refused: " + config.maxClients()
                        + " connections open, every one with a request in progress");
                return;
            }
            c.key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            throttle.line("setup", "IPC connection could not be set up: " + e.getMessage());
            closeQuietly(ch);
            connections.removeIf(x -> x.channel == ch);
        }
    }

    /** Closes the connection that has waited longest for a request (idle or stalled), not one being answered. */
    private boolean makeRoom(Connection newcomer) {
        Connection oldest = connections.stream()
                .filter(c -> c != newcomer && c.state == State.READING)
                .min(Comparator.comparingLong(c -> c.phaseStart)).orElse(null);
        if (oldest == null) {
            return false;
        }
        throttle.line("evict", "IPC: " + config.maxClients() + " connections open; closed the one waiting longest for "
                + "a request (" + oldest.request.size() + " bytes received)");
        close(oldest);
        return true;
    }

    private void read(Connection c, long now) {
        if (c.state != State.READING) {
            return;
        }
        while (true) {
            readBuffer.clear();
            int n;
            try {
                n = c.channel.read(readBuffer);
            } catch (IOException e) {
                close(c);
                return;
            }
            if (n < 0) {
                if (c.request.size() > 0) {
                    throttle.line("eof", "IPC connection ended in the middle of a request (" + c.request.size()
                            + " bytes)");
                }
                close(c);
                return;
            }
            if (n == 0) {
                return;
            }
            readBuffer.flip();
            if (!take(c, now)) {
                return;
            }
        }
    }

    /** Moves the read bytes into the connection's request; false once the connection stops reading. */
    private boolean take(Connection c, long now) {
        byte[] a = readBuffer.array();
        int start = readBuffer.position();
        int end = readBuffer.limit();
        for (int i = start; i < end; i++) {
            if (a[i] == '\n') {
                if (!append(c, a, start, i - start, now)) {
                    return false;
                }
                // anything after the line waits until the answer is out (requests are answered in order)
                c.pipelined.write(a, i + 1, end - i - 1);
                buffered += end - i - 1;
                dispatch(c, now);
                return false;
            }
        }
        return append(c, a, start, end - start, now);
    }

    private boolean append(Connection c, byte[] a, int off, int len, long now) {
        if (c.request.size() + (long) len > config.maxRequestBytes()) {
            refuse(c, "request larger than " + config.maxRequestBytes() + " bytes", now);
            return false;
        }
        // many big requests at once must not add up to more than a few requests' worth of heap
        if (buffered + len > 2 * config.maxRequestBytes()) {
            c.closeAfterWrite = true;
            send(c, Protocol.line(Protocol.error(ServiceException.Kind.UNAVAILABLE, "vigild is busy receiving other "
                    + "large requests; try again")) + "\n", now);
            throttle.line("memory", "IPC request refused: other connections hold " + buffered
                    + " bytes of unfinished requests");
            return false;
        }
        c.request.write(a, off, len);
        buffered += len;
        return true;
    }

    private void refuse(Connection c, String why, long now) {
        config.log().accept("IPC request refused: " + why);
        c.closeAfterWrite = true;
        send(c, Protocol.line(Protocol.error(ServiceException.Kind.BAD_REQUEST, why + "; refused")) + "\n", now);
    }

    private void dispatch(Connection c, long now) {
        String line = c.request.toString(StandardCharsets.UTF_8);
        buffered -= c.request.size();
        c.request.reset();
        c.state = State.SERVING;
        c.wantsProgress = Protocol.asksForProgress(line);
        c.nextProgress = now + config.progressEvery().toNanos();
        c.key.interestOps(0);
        try {
            workers.execute(() -> {
                String answer = handler.apply(line);
                fromWorkers.add(() -> answered(c, answer));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            close(c); // shutting down
        }
    }

    private void answered(Connection c, String answer) {
        if (!c.open()) {
            return;
        }
        c.state = State.WRITING;
        send(c, answer + "\n", System.nanoTime());
    }

    private void send(Connection c, String text, long now) {
        if (c.out.isEmpty()) {
            c.writeDeadline = now + writeTimeoutNanos;
        }
        c.out.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        flush(c, now);
    }

    private void flush(Connection c, long now) {
        try {
            while (!c.out.isEmpty()) {
                ByteBuffer b = c.out.peek();
                c.channel.write(b);
                if (b.hasRemaining()) {
                    c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                c.out.remove();
                c.writeDeadline = now + writeTimeoutNanos;
            }
        } catch (IOException e) {
            close(c);
            return;
        }
        if (c.closeAfterWrite) {
            close(c);
            return;
        }
        c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_WRITE);
        if (c.state == State.WRITING) {
            nextRequest(c, now);
        }
    }

    /** The answer is out: the connection may send its next request, starting with any bytes already here. */
    private void nextRequest(Connection c, long now) {
        c.state = State.READING;
        c.phaseStart = now;
        byte[] rest = c.pipelined.toByteArray();
        buffered -= rest.length;
        c.pipelined.reset();
        c.key.interestOps(SelectionKey.OP_READ);
        if (rest.length > readBuffer.capacity()) {
            // a client that pipelines more than a buffer's worth is not crm: one request at a time
            refuse(c, "more than one request sent before the first answer", now);
        } else if (rest.length > 0) {
            readBuffer.clear();
            readBuffer.put(rest).flip();
            take(c, now);
        }
    }

    private void checkDeadlines(long now) {
        long readLimit = config.readTimeout().toNanos();
        for (Connection c : new ArrayList<>(connections)) {
            if (!c.open()) {
                continue;
            }
            if (!c.out.isEmpty() && now - c.writeDeadline > 0) {
                throttle.line("write", "IPC connection closed: the client did not read its answer within "
                        + writeTimeoutNanos / 1_000_000_000 + " s");
                close(c);
            } else if (c.state == State.READING && now - c.phaseStart > readLimit) {
                if (c.request.size() > 0) {
                    throttle.line("slow", "IPC connection closed: " + c.request.size() + " bytes of a request and "
                            + "no end of line within " + config.readTimeout().toMillis() / 1000.0 + " s");
                }
                close(c); // idle ones go quietly: the client reconnects when it wants more
            } else if (c.state == State.SERVING && c.wantsProgress && now - c.nextProgress >= 0) {
                c.nextProgress = now + config.progressEvery().toNanos();
                if (c.out.isEmpty()) {
                    send(c, PROGRESS_LINE, now);
                }
            }
        }
    }

    private void close(Connection c) {
        if (!c.open()) {
            return;
        }
        c.closed = true;
        buffered -= c.request.size() + c.pipelined.size();
        connections.remove(c);
        c.key.cancel();
        closeQuietly(c.channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private enum State { READING, SERVING, WRITING }

    /** One client; touched only by the loop's thread. */
    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        final ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
        final Queue<ByteBuffer> out = new ArrayDeque<>();
        State state = State.READING;
        long phaseStart;
        long writeDeadline;
        long nextProgress;
        boolean wantsProgress;
        boolean closeAfterWrite;
        boolean closed;

        Connection(SocketChannel channel, SelectionKey key, long now) {
            this.channel = channel;
            this.key = key;
            this.phaseStart = now;
        }

        boolean open() {
            return !closed;
        }
    }
}
