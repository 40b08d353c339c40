package org.vigil.membership;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.jgroups.Address;
import org.jgroups.blocks.cs.TcpConnection;
import org.jgroups.stack.IpAddress;

/**
 * A JGroups TCP connection whose reader checks each frame's length against the limit before it allocates
 * (JGroups reads the stream straight into its message parser), and whose outgoing TLS handshake has a
 * deadline (JGroups waits forever for a peer that accepted and then hung). Whether the peer or this node
 * closed it is remembered: only the first says anything about the peer.
 */
final class BoundedConnection extends TcpConnection {
    private final GuardedTcpServer guard;
    private volatile boolean closedHere;
    private volatile boolean endedByPeer;

    /** An outgoing connection, not yet connected. */
    BoundedConnection(Address peer, GuardedTcpServer server) throws Exception {
        super(peer, server);
        this.guard = server;
    }

    /** An accepted connection, already authenticated: reads the peer's address. */
    BoundedConnection(Socket s, GuardedTcpServer server) throws Exception {
        super(s, server);
        this.guard = server;
    }

    /** True when the peer ended the connection (or it broke), false when this node closed it. */
    boolean closedByPeer() {
        return endedByPeer;
    }

    @Override
    protected void connect(Address dest, boolean sendLocalAddress) throws Exception {
        int ms = guard.limits().handshakeMs();
        GuardedTcpServer.Deadline deadline = guard.closeAt(sock, ms);
        try {
            sock.setSoTimeout(ms);
            super.connect(dest, sendLocalAddress);
            sock.setSoTimeout(0);
            if (!deadline.cancel()) {
                throw new SocketTimeoutException("deadline");
            }
        } catch (Exception e) {
            closedHere = true;
            boolean late = deadline.passed();
            InetAddress to = dest instanceof IpAddress ip ? ip.getIpAddress() : null;
            // a peer that is down refuses or times out the connect: that is not news, the view says it
            if (to != null && !(e instanceof java.net.ConnectException) && !(e instanceof java.net.NoRouteToHostException)
                    && !(e instanceof SocketTimeoutException && !sock.isConnected())) {
                guard.refusals().refused(guard.ring(), to, true, GuardedTcpServer.kind(e, late),
                        GuardedTcpServer.reason(e, late, ms));
            }
            throw e;
        } finally {
            deadline.cancel();
        }
        if (dest instanceof IpAddress ip) {
            guard.refusals().authenticated(guard.ring(), ip.getIpAddress());
        }
    }

    @Override
    public void start() {
        if (receiver != null) {
            receiver.stop();
        }
        receiver = new FrameReader().start();
    }

    @Override
    public void close() throws IOException {
        closedHere = true;
        super.close();
    }

    /** Reads length-prefixed frames; a length out of bounds ends the connection with one log line. */
    private final class FrameReader extends Receiver {
        FrameReader() {
            super(guard.threads());
        }

        @Override
        public void run() {
            try {
                while (canRun()) {
                    int length = in.readInt();
                    if (length <= 0 || length > guard.limits().maxFrame()) {
                        refuse("a frame of " + Integer.toUnsignedString(length) + " bytes (limit "
                                + guard.limits().maxFrame() + "); connection closed");
                        return;
                    }
                    byte[] frame = new byte[length];
                    in.readFully(frame);
                    updateLastAccessed();
                    server.receive(peer_addr, frame, 0, length);
                }
            } catch (EOFException | SocketException e) {
                // the peer closed the connection, or this node did
            } catch (SSLException e) {
                if (!closedHere) {
                    refuse("TLS failed: " + GuardedTcpServer.clean(e.getMessage()));
                }
            } catch (IOException | RuntimeException e) {
                refuse(e.getClass().getSimpleName() + ": " + GuardedTcpServer.clean(e.getMessage()));
            } finally {
                // decided before anyone is told: the server's own listener closes the connection too
                endedByPeer = !closedHere;
                Socket s = sock;
                if (s != null && !s.isClosed()) {
                    GuardedTcpServer.closeQuietly(s);
                }
                server.notifyConnectionClosed(BoundedConnection.this);
            }
        }

        private void refuse(String reason) {
            InetAddress from = sock.getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
            if (from != null) {
                guard.refusals().refused(guard.ring(), from, false, RefusalLog.PROTOCOL, reason);
            }
        }
    }
}
