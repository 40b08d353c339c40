package org.vigil.membership;

import java.io.DataInput;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.PhysicalAddress;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.blocks.cs.ConnectionListener;
import org.jgroups.blocks.cs.Receiver;
import org.jgroups.protocols.BasicTCP;
import org.jgroups.stack.IpAddress;

/**
 * The cluster transport: JGroups' TCP for ring 0 and, with redundant rings, a second server on ring 1, every
 * frame sent on both. Frames from either ring go up the same stack, where NAKACK2/UNICAST3 drop the
 * duplicates; heartbeats count from whichever ring brings them. So the view is one view, the same on every
 * node, and a node stays a member while any one of its links works.
 *
 * <p>What it changes in JGroups' TCP, and why:
 * <ul>
 * <li>each ring's server is a {@link GuardedTcpServer}: handshakes off the accept thread with a deadline,
 * a cap on unauthenticated connections, frames bounded before anything is allocated, refusals logged once;
 * <li>every socket of a ring, outgoing ones included, is bound to that ring's address (address-based
 * firewall rules then cut exactly the link they name, and the peers tell the rings apart by source);
 * <li>one sender per ring and destination ({@link PeerSenders}): a hung peer holds up only its own frames;
 * <li>failure detection over these authenticated connections: a peer whose connection it ended (a crashed
 * process's sockets close) is suspected at once, and VERIFY_SUSPECT2 (over both rings) confirms it. This
 * replaces FD_SOCK2, which listened on an unauthenticated port and only on ring 0.
 * </ul>
 */
public final class RingTransport extends BasicTCP {
    /** A peer's two addresses. */
    public record Peer(String name, InetSocketAddress ring0, InetSocketAddress ring1) {}

    /** How a ring looks from here: when each peer was last heard on it (ms since the epoch, 0 = never). */
    public record RingStatus(int ring, Map<String, Long> lastHeard) {}

    /** Frames queued per destination and ring: 5 s of heartbeats and acknowledgements and then some. */
    private static final int QUEUE = 2_000;

    private final InetAddress ring1Bind;
    private final int ring1Port;
    private final GuardedTcpServer.Limits limits;
    private final RefusalLog refusals;
    private final Map<IpAddress, IpAddress> ring1Of = new ConcurrentHashMap<>();
    private final Map<IpAddress, IpAddress> ring0Of = new ConcurrentHashMap<>();
    /** Per ring, node by source IP: each side binds its outgoing connections to its own ring address. */
    private final List<Map<InetAddress, String>> nameOf = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    private final List<Map<String, Long>> heard = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    private final GuardedTcpServer[] servers = new GuardedTcpServer[2];
    /** For tests: a ring whose link was made to fail. */
    private final java.util.concurrent.atomic.AtomicIntegerArray failed = new java.util.concurrent.atomic.AtomicIntegerArray(2);
    private final PeerSenders senders = new PeerSenders(QUEUE);
    private volatile boolean stopping;
    private volatile boolean detecting = true;

    /**
     * @param ring1Bind null for a single ring
     * @param peers     every node's addresses on both rings (empty for a single ring)
     */
    public RingTransport(InetAddress ring1Bind, int ring1Port, List<Peer> peers, GuardedTcpServer.Limits limits,
            RefusalLog refusals) {
        this.ring1Bind = ring1Bind;
        this.ring1Port = ring1Port;
        this.limits = limits;
        this.refusals = refusals;
        for (Peer p : peers) {
            IpAddress r0 = new IpAddress(p.ring0());
            IpAddress r1 = new IpAddress(p.ring1());
            ring1Of.put(r0, r1);
            ring0Of.put(r1, r0);
            learn(0, p.ring0().getAddress(), p.name());
            learn(1, p.ring1().getAddress(), p.name());
        }
    }

    /** An address shared by several nodes (all on one test machine) cannot tell them apart: no status then. */
    private void learn(int ring, InetAddress address, String name) {
        Map<InetAddress, String> m = nameOf.get(ring);
        String before = m.putIfAbsent(address, name);
        if (before != null && !before.equals(name)) {
            m.put(address, "");
        }
    }

    boolean twoRings() {
        return ring1Bind != null;
    }

    /** JGroups' default bundle size, set here because the frame limit is derived from it. */
    static final int BUNDLE_BYTES = 64_000;

    @Override
    public void init() throws Exception {
        super.init();
        getBundler().setMaxSize(BUNDLE_BYTES);
    }

    @Override
    public void start() throws Exception {
        stopping = false;
        servers[0] = server(0, bind_addr, bind_port, new Receiver() {
            @Override
            public void receive(Address sender, byte[] buf, int offset, int length) {
                RingTransport.this.receive(0, sender, buf, offset, length);
            }

            @Override
            public void receive(Address sender, DataInput in, int length) throws Exception {
                // BoundedConnection hands over whole frames only
                throw new IllegalStateException("unbounded read");
            }
        });
        if (twoRings()) {
            servers[1] = server(1, ring1Bind, ring1Port, new Receiver() {
                @Override
                public void receive(Address sender, byte[] buf, int offset, int length) {
                    RingTransport.this.receive(1, sender, buf, offset, length);
                }

                @Override
                public void receive(Address sender, DataInput in, int length) throws Exception {
                    throw new IllegalStateException("unbounded read");
                }
            });
        }
        super.start();
    }

    private GuardedTcpServer server(int ring, InetAddress bind, int port, Receiver receiver) throws Exception {
        GuardedTcpServer s = new GuardedTcpServer(ring, getThreadFactory(), getSocketFactory(), bind, port, limits,
                refusals);
        s.usePeerConnections(true);
        s.receiver(receiver);
        s.timeService(time_service);
        s.socketConnectionTimeout(sock_conn_timeout);
        s.tcpNodelay(true);
        s.linger(linger);
        // every socket of a ring leaves from that ring's address
        s.clientBindAddress(bind);
        s.log(this.log);
        s.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed(Connection conn) {
                linkClosed(ring, conn);
            }

            @Override
            public void connectionEstablished(Connection conn) {
                // nothing to do: the first frame counts as heard
            }
        });
        return s;
    }

    @Override
    public void stop() {
        stopping = true;
        senders.shutdown();
        super.stop();
        for (GuardedTcpServer s : servers) {
            if (s != null) {
                s.stop();
            }
        }
    }

    @Override
    protected void handleConnect() throws Exception {
        for (GuardedTcpServer s : servers) {
            if (s != null) {
                s.start();
            }
        }
    }

    @Override
    protected void handleDisconnect() {
        stopping = true;
        for (GuardedTcpServer s : servers) {
            if (s != null) {
                s.stop();
            }
        }
    }

    @Override
    protected PhysicalAddress getPhysicalAddress() {
        return servers[0] != null ? (PhysicalAddress) servers[0].localAddress() : null;
    }

    @Override
    public String printConnections() {
        StringBuilder b = new StringBuilder();
        for (GuardedTcpServer s : servers) {
            if (s != null) {
                b.append("ring ").append(s.ring()).append(':').append(s.printConnections());
            }
        }
        return b.toString();
    }

    @Override
    public void send(Address dest, byte[] data, int offset, int length) throws Exception {
        sendUnicast((PhysicalAddress) dest, data, offset, length);
    }

    @Override
    public void sendUnicast(PhysicalAddress dest, byte[] data, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
        sendOn(0, dest, copy);
        IpAddress other = dest instanceof IpAddress ip ? ring1Of.get(ip) : null;
        if (other != null && servers[1] != null) {
            sendOn(1, other, copy);
        }
    }

    private void sendOn(int ring, Address dest, byte[] frame) {
        GuardedTcpServer s = servers[ring];
        if (s == null || failed.get(ring) != 0) {
            return;
        }
        senders.submit(ring, dest, () -> {
            try {
                s.send(dest, frame, 0, frame.length);
            } catch (Exception e) {
                // this ring to this peer is down (refusals are logged where they happen); the other ring,
                // or the reliable layers' retransmission, carries the frame
            }
        });
    }

    @Override
    public void retainAll(Collection<Address> members) {
        servers[0].retainAll(members);
        if (servers[1] != null) {
            List<Address> ring1 = new ArrayList<>();
            for (Address a : members) {
                IpAddress r1 = a instanceof IpAddress ip ? ring1Of.get(ip) : null;
                if (r1 != null) {
                    ring1.add(r1);
                }
            }
            servers[1].retainAll(ring1);
        }
    }

    private void receive(int ring, Address sender, byte[] data, int offset, int length) {
        if (failed.get(ring) != 0) {
            return;
        }
        noteHeard(ring, sender);
        super.receive(sender, data, offset, length);
    }

    /**
     * A member's connection ended on the member's side: a crashed process's sockets close, so it is suspected
     * at once (VERIFY_SUSPECT2 checks it over both rings before the view changes). Connections this node
     * closed, and non-members, say nothing.
     */
    private void linkClosed(int ring, Connection conn) {
        if (stopping || !detecting || !(conn instanceof BoundedConnection b) || !b.closedByPeer()) {
            return;
        }
        Address physical = conn.peerAddress();
        if (ring == 1) {
            physical = physical == null ? null : ring0Of.get(physical);
        }
        Address peer = physical instanceof PhysicalAddress p ? logical_addr_cache.getByValue(p) : null;
        if (peer == null || peer.equals(local_addr) || !members.contains(peer)) {
            return;
        }
        Event suspect = new Event(Event.SUSPECT, List.of(peer));
        Runnable r = () -> up_prot.up(suspect);
        if (!thread_pool.execute(r)) {
            getThreadFactory().newThread(r, "vigil-suspect").start();
        }
    }

    private void noteHeard(int ring, Address sender) {
        String name = sender instanceof IpAddress ip ? nameOf.get(ring).get(ip.getIpAddress()) : null;
        if (name != null && !name.isEmpty()) {
            heard.get(ring).put(name, System.currentTimeMillis());
        }
    }

    /** Per ring, when each peer was last heard on it; empty with a single ring. */
    public List<RingStatus> status() {
        if (!twoRings()) {
            return List.of();
        }
        return List.of(new RingStatus(0, new LinkedHashMap<>(heard.get(0))),
                new RingStatus(1, new LinkedHashMap<>(heard.get(1))));
    }

    /** For tests: the local socket addresses of every connection, per ring. */
    List<List<InetSocketAddress>> connectionEnds() {
        List<List<InetSocketAddress>> out = new ArrayList<>();
        for (GuardedTcpServer s : servers) {
            List<InetSocketAddress> ends = new ArrayList<>();
            if (s != null) {
                s.forAllConnections((peer, c) -> {
                    Address local = c.localAddress();
                    if (local instanceof IpAddress ip) {
                        ends.add(new InetSocketAddress(ip.getIpAddress(), ip.getPort()));
                    }
                });
            }
            out.add(ends);
        }
        return out;
    }

    /** For tests: a frozen node suspects nobody (as FD_ALL3's stopFailureDetection). */
    void stopFailureDetection() {
        detecting = false;
    }

    /** For tests: the link of this node on one ring goes dead (as a pulled cable): nothing in, nothing out. */
    void failRing(int ring) {
        failed.set(ring, 1);
        servers[ring].stop();
    }
}
