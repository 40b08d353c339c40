package org.vigil.ipc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lines of UTF-8 text over a socket channel, each read and write bounded in time. Unix domain socket channels
 * have no socket adaptor (so no SO_TIMEOUT); a selector per connection gives the timeouts instead.
 */
final class LineChannel implements Closeable {
    /** A line longer than the cap: the rest of the stream cannot be trusted, so the connection must end. */
    static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLongException(long max) {
            super("request larger than " + max + " bytes");
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();

    LineChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * The next line without its line break, or null when the peer closed the connection between lines.
     *
     * @throws TooLongException      when the line exceeds {@code maxBytes}
     * @throws SocketTimeoutException when no complete line arrived within {@code timeout}
     * @throws EOFException           when the peer closed the connection in the middle of a line
     */
    String readLine(long maxBytes, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int start = buffer.position();
            int end = buffer.limit();
            int nl = start;
            while (nl < end && buffer.get(nl) != '\n') {
                nl++;
            }
            if (line.size() + (nl - start) > maxBytes) {
                throw new TooLongException(maxBytes);
            }
            line.write(buffer.array(), start, nl - start);
            if (nl < end) {
                buffer.position(nl + 1);
                return line.toString(StandardCharsets.UTF_8);
            }
            buffer.position(end);
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a message");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
        }
    }

    void writeLine(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private void await(int op, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        try {
            key.interestOps(op);
            try {
                selector.select(Math.max(1, left / 1_000_000));
            } finally {
                key.interestOps(0);
            }
        } catch (java.nio.channels.CancelledKeyException | java.nio.channels.ClosedSelectorException e) {
            // the connection was closed under us (the server shutting down): an ordinary end of the connection
            throw new java.nio.channels.ClosedChannelException();
        }
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
