package org.vigil.membership;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jgroups.util.SocketFactory;
import org.vigil.world.Clock;

/** Real JGroups members on 127.0.0.1 in this JVM, each on its own port; closes whatever it started. */
final class LocalCluster implements AutoCloseable {
    static final long WAIT_MS = 10_000;
    final List<String> names;
    final QuorumConfig quorum;
    final InetAddress loopback;
    final int basePort;
    final String clusterName;
    /** Ring r of node i is 127.0.(ringBase + r).(i + 1). */
    final int ringBase;
    final Map<String, JGroupsMembership> nodes = new LinkedHashMap<>();
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    LocalCluster(List<String> names) throws IOException {
        this(names, 0);
    }

    /**
     * @param ringBase 2 puts the rings on 127.0.2.x and 127.0.3.x: then a socket that was not bound to its
     *                 ring address shows up as 127.0.0.1 (the kernel's source address on lo)
     */
    LocalCluster(List<String> names, int ringBase) throws IOException {
        this(names, ringBase, freeBase(names.size()));
    }

    /** Joins a cluster another process set up: the same names, ring base and port block. */
    LocalCluster(List<String> names, int ringBase, int basePort) throws IOException {
        this.names = List.copyOf(names);
        this.quorum = QuorumConfig.majority(names);
        this.loopback = InetAddress.getByName("127.0.0.1");
        this.ringBase = ringBase;
        this.basePort = basePort;
        this.clusterName = "vigil-test-" + basePort;
    }

    /** A test cluster key: the same seed, the same key. */
    static byte[] key(long seed) {
        byte[] k = new byte[256];
        new java.util.Random(seed).nextBytes(k);
        return k;
    }

    int port(String name) {
        return basePort + names.indexOf(name);
    }

    JGroupsMembership start(String name) throws Exception {
        return start(name, null);
    }

    JGroupsMembership start(String name, SocketFactory sockets) throws Exception {
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (String n : names) {
            hosts.add(new InetSocketAddress(loopback, port(n)));
        }
        JGroupsMembership m = JGroupsMembership.start(new JGroupsMembership.Settings(name, clusterName, loopback,
                port(name), hosts, quorum, sockets, Clock.system()), line -> log.add(name + ": " + line));
        nodes.put(name, m);
        return m;
    }

    /** Ring 0 on 127.0.0.(i+1), ring 1 on 127.0.1.(i+1): one address per node and ring, as on real networks. */
    InetAddress ringAddress(int ring, String name) throws IOException {
        return InetAddress.getByName("127.0." + (ringBase + ring) + "." + (names.indexOf(name) + 1));
    }

    JGroupsMembership startWithTwoRings(String name) throws Exception {
        return startWithTwoRings(name, null);
    }

    JGroupsMembership startWithTwoRings(String name, SocketFactory sockets) throws Exception {
        List<InetSocketAddress> hosts = new ArrayList<>();
        List<RingTransport.Peer> peers = new ArrayList<>();
        for (String n : names) {
            hosts.add(new InetSocketAddress(ringAddress(0, n), port(n)));
            peers.add(new RingTransport.Peer(n, new InetSocketAddress(ringAddress(0, n), port(n)),
                    new InetSocketAddress(ringAddress(1, n), port(n))));
        }
        JGroupsMembership m = JGroupsMembership.start(new JGroupsMembership.Settings(name, clusterName,
                ringAddress(0, name), port(name), hosts, quorum, sockets, Clock.system(),
                new JGroupsMembership.SecondRing(ringAddress(1, name), port(name), peers)),
                line -> log.add(name + ": " + line));
        nodes.put(name, m);
        return m;
    }

    JGroupsMembership node(String name) {
        return nodes.get(name);
    }

    /** Waits until the node's view satisfies the condition; returns how long that took. */
    long await(String name, Predicate<MembershipView> condition, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            MembershipView v = nodes.get(name).current();
            if (v != null && condition.test(v)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ((System.nanoTime() - start) / 1_000_000 > WAIT_MS) {
                throw new AssertionError(name + ": gave up after " + WAIT_MS + " ms waiting for " + what
                        + "; view is " + v + "; log " + log);
            }
            Thread.sleep(10);
        }
    }

    static Predicate<MembershipView> members(String... names) {
        return v -> v.members().equals(List.of(names));
    }

    static Predicate<MembershipView> settled(String dc, String... names) {
        return v -> v.members().equals(List.of(names)) && dc.equals(v.dc());
    }

    @Override
    public void close() {
        for (JGroupsMembership m : nodes.values()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                // already crashed
            }
        }
        nodes.clear();
    }

    /** A port block free for the members and for FD_SOCK2 (which listens 100 above each member). */
    private static int freeBase(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(2_000) * 10;
            if (free(base, count) && free(base + 100, count + 5)) {
                return base;
            }
        }
        throw new IOException("no free port block found on 127.0.0.1");
    }

    private static boolean free(int from, int count) {
        for (int p = from; p < from + count; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
