package org.vigil.membership;

import java.io.DataInput;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.blocks.cs.Receiver;
import org.jgroups.blocks.cs.TcpServer;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.IpAddress;

/**
 * Redundant rings in one channel: JGroups' TCP on ring 0, plus a second TCP server on ring 1, and every frame
 * sent on both (each ring on its own sender thread, so a dead link never holds the other up). Frames from
 * either ring go up the same stack, where NAKACK2/UNICAST3 drop the duplicates; heartbeats count from
 * whichever ring brings them. So the view is one view, the same on every node, and a node stays a member
 * while any one of its links works.
 */
public final class RingTransport extends TCP {
    /** A peer's two addresses. */
    public record Peer(String name, InetSocketAddress ring0, InetSocketAddress ring1) {}

    /** How a ring looks from here: when each peer was last heard on it (ms since the epoch, 0 = never). */
    public record RingStatus(int ring, Map<String, Long> lastHeard) {}

    private static final int QUEUE = 10_000;

    private final InetAddress ring1Bind;
    private final int ring1Port;
    private final Map<IpAddress, IpAddress> ring1Of = new ConcurrentHashMap<>();
    /** Per ring, node by source IP: each side binds its outgoing connections to its own ring address. */
    private final List<Map<InetAddress, String>> nameOf = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    private final List<Map<String, Long>> heard = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    private final ThreadPoolExecutor[] senders = new ThreadPoolExecutor[2];
    private TcpServer ring1;

    public RingTransport(InetAddress ring1Bind, int ring1Port, List<Peer> peers) {
        this.ring1Bind = ring1Bind;
        this.ring1Port = ring1Port;
        for (Peer p : peers) {
            IpAddress r0 = new IpAddress(p.ring0());
            IpAddress r1 = new IpAddress(p.ring1());
            ring1Of.put(r0, r1);
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

    @Override
    public void start() throws Exception {
        super.start();
        ring1 = new TcpServer(getThreadFactory(), getSocketFactory(), ring1Bind, ring1Port, ring1Port, null, 0, 0,
                "vigil.ring1.server");
        ring1.receiver(new Receiver() {
            @Override
            public void receive(Address sender, byte[] buf, int offset, int length) {
                noteHeard(1, sender);
                RingTransport.super.receive(sender, buf, offset, length);
            }

            @Override
            public void receive(Address sender, DataInput in, int length) throws Exception {
                noteHeard(1, sender);
                RingTransport.super.receive(sender, in, length);
            }
        });
        ring1.socketConnectionTimeout(sock_conn_timeout).tcpNodelay(true).linger(linger).clientBindAddress(ring1Bind);
        ring1.start();
        for (int r = 0; r < 2; r++) {
            int ring = r;
            senders[r] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), t -> {
                Thread th = new Thread(t, "vigil-ring" + ring + "-sender");
                th.setDaemon(true);
                return th;
            }, new ThreadPoolExecutor.DiscardPolicy());
        }
    }

    @Override
    public void stop() {
        for (ThreadPoolExecutor s : senders) {
            if (s != null) {
                s.shutdownNow();
            }
        }
        if (ring1 != null) {
            ring1.stop();
        }
        super.stop();
    }

    @Override
    public void sendUnicast(PhysicalAddress dest, byte[] data, int offset, int length) throws Exception {
        byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
        senders[0].execute(() -> {
            try {
                RingTransport.super.sendUnicast(dest, copy, 0, copy.length);
            } catch (Exception e) {
                // ring 0 to this peer is down; ring 1 carries the frame
            }
        });
        IpAddress other = dest instanceof IpAddress ip ? ring1Of.get(ip) : null;
        if (other != null && ring1 != null) {
            senders[1].execute(() -> {
                try {
                    ring1.send(other, copy, 0, copy.length);
                } catch (Exception e) {
                    // ring 1 to this peer is down; ring 0 carries the frame
                }
            });
        }
    }

    @Override
    public void receive(Address sender, byte[] data, int offset, int length) {
        noteHeard(0, sender);
        super.receive(sender, data, offset, length);
    }

    @Override
    public void receive(Address sender, DataInput in, int length) throws Exception {
        noteHeard(0, sender);
        super.receive(sender, in, length);
    }

    private void noteHeard(int ring, Address sender) {
        String name = sender instanceof IpAddress ip ? nameOf.get(ring).get(ip.getIpAddress()) : null;
        if (name != null && !name.isEmpty()) {
            heard.get(ring).put(name, System.currentTimeMillis());
        }
    }

    /** Per ring, when each peer was last heard on it. */
    public List<RingStatus> status() {
        return List.of(new RingStatus(0, new LinkedHashMap<>(heard.get(0))),
                new RingStatus(1, new LinkedHashMap<>(heard.get(1))));
    }

    /** For tests: the link of this node on one ring goes dead (as a pulled cable): nothing in, nothing out. */
    void failRing(int ring) {
        if (ring == 0) {
            srv.stop();
        } else {
            ring1.stop();
        }
        senders[ring].shutdownNow();
    }
}
