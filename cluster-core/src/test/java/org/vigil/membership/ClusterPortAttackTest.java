package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jgroups.Version;
import org.jgroups.stack.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks of the hardening pass, replayed against real members on loopback: whoever can reach a cluster
 * port must not get a member dropped (and so fenced), stall its accepting, or flood its log.
 */
@Timeout(90)
public class ClusterPortAttackTest {
    /** Where the attacker connects from: not an address of any member. */
    private static final String ATTACKER = "127.0.0.99";

    /**
     * What FD_SOCK2 took as a greeting and a frame: JGroups' cookie, version, an address, then a length of just
     * under 2 GiB (the largest array a JVM allocates). About 30 bytes.
     */
    public static byte[] hugeFrameHeader() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.write(new byte[] {'b', 'e', 'l', 'a'});
        out.writeShort(Version.version);
        IpAddress addr = new IpAddress(InetAddress.getByName(ATTACKER), 4444);
        out.writeShort(addr.serializedSize());
        addr.writeTo(out);
        out.writeInt(Integer.MAX_VALUE - 8);
        out.write(new byte[] {1, 2, 3, 4});
        return b.toByteArray();
    }

    private static Socket connectFromAttacker(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(ATTACKER), 0));
        s.connect(to, 1000);
        return s;
    }

    /** The attacker's connect; null when the node reset it at once. */
    private static Socket tryConnect(InetSocketAddress to) {
        try {
            return connectFromAttacker(to);
        } catch (IOException e) {
            return null;
        }
    }

    private static long heapUsed() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void hugeFrameHeadersOnEveryPortNeitherCostMemoryNorTheNodesMembership() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("a", "b", "c")) {
                c.start(n, ClusterTls.socketFactory(LocalCluster.key(11), c.clusterName));
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("a", "a", "b", "c"), "all three over TLS");
            }
            long before = heapUsed();
            // every port c might listen on: its ring port and where FD_SOCK2 listened (ring port + 100..103)
            List<Socket> attack = new ArrayList<>();
            int open = 0;
            for (int port : new int[] {c.port("c"), c.port("c") + 100, c.port("c") + 101, c.port("c") + 102,
                    c.port("c") + 103}) {
                for (int i = 0; i < 4; i++) {
                    try {
                        Socket s = connectFromAttacker(new InetSocketAddress(c.loopback, port));
                        s.getOutputStream().write(hugeFrameHeader());
                        s.getOutputStream().flush();
                        attack.add(s);
                        open++;
                    } catch (IOException e) {
                        // nothing listens there (or it hung up): nothing to attack
                    }
                }
            }
            assertTrue(open >= 4, "the ring port at least took the attack");
            try {
                Thread.sleep(20_000);
                for (String n : List.of("a", "b", "c")) {
                    assertEquals(List.of("a", "b", "c"), c.node(n).current().members(), n + "'s view 20 s on");
                }
                long grown = heapUsed() - before;
                System.out.println("frame attack on " + open + " connections: heap grew " + grown / 1_000_000 + " MB");
                assertTrue(grown < 300_000_000L, "heap grew " + grown + " bytes");
            } finally {
                for (Socket s : attack) {
                    s.close();
                }
            }
        }
    }

    @Test
    void frameClaimingTwoGibibytesFromAPlainPeerIsRefusedBeforeAllocating() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b"))) {
            c.start("a");
            c.await("a", LocalCluster.settled("a", "a"), "a up, no key");
            long before = heapUsed();
            try (Socket s = connectFromAttacker(new InetSocketAddress(c.loopback, c.port("a")))) {
                s.getOutputStream().write(hugeFrameHeader());
                s.getOutputStream().flush();
                // the node hangs up on the frame (a reset, or an end of stream)
                s.setSoTimeout(5_000);
                try {
                    assertEquals(-1, s.getInputStream().read());
                } catch (java.net.SocketException reset) {
                    // hung up
                }
            }
            assertTrue(heapUsed() - before < 100_000_000L, "no 2 GiB buffer");
            assertTrue(c.log.stream().anyMatch(l -> l.contains("refused a connection from " + ATTACKER)
                    && l.contains("a frame of 2147483639 bytes")), "refusal logged: " + c.log);
        }
    }

    @Test
    void sixtyIdleConnectionsDoNotKeepAMemberWaiting() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b"))) {
            c.start("a", ClusterTls.socketFactory(LocalCluster.key(12), c.clusterName));
            c.await("a", LocalCluster.settled("a", "a"), "a up");
            InetSocketAddress target = new InetSocketAddress(c.loopback, c.port("a"));
            List<Socket> idle = new ArrayList<>();
            AtomicBoolean attacking = new AtomicBoolean(true);
            for (int i = 0; i < 60; i++) {
                idle.add(tryConnect(target));
            }
            // the attacker reopens whatever the node closes, so 60 sit there for the whole test
            Thread keeper = new Thread(() -> {
                for (int round = 0; round < 200 && attacking.get(); round++) {
                    synchronized (idle) {
                        for (int i = 0; i < idle.size(); i++) {
                            try {
                                Socket s = idle.get(i);
                                if (s == null) {
                                    idle.set(i, tryConnect(target));
                                    continue;
                                }
                                s.setSoTimeout(1);
                                if (s.getInputStream().read() < 0) {
                                    s.close();
                                    idle.set(i, tryConnect(target));
                                }
                            } catch (java.net.SocketTimeoutException e) {
                                // still open
                            } catch (IOException e) {
                                idle.set(i, tryConnect(target));
                            }
                        }
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "idle-attacker");
            keeper.start();
            try {
                long start = System.nanoTime();
                c.start("b", ClusterTls.socketFactory(LocalCluster.key(12), c.clusterName));
                c.await("b", LocalCluster.settled("a", "a", "b"), "b joins a beside 60 idle connections");
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.println("join beside 60 idle connections: " + ms + " ms");
                assertTrue(ms < 5_000, "joined after " + ms + " ms");
                try (Socket fresh = new Socket()) {
                    long t = System.nanoTime();
                    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) ClusterTls
                            .socketFactory(LocalCluster.key(12), c.clusterName).createSocket("test");
                    tls.connect(target, 1000);
                    tls.setSoTimeout(5_000);
                    tls.startHandshake();
                    long handshake = (System.nanoTime() - t) / 1_000_000;
                    System.out.println("fresh TLS handshake beside 60 idle connections: " + handshake + " ms");
                    assertTrue(handshake < 5_000, "handshake took " + handshake + " ms");
                    tls.close();
                }
            } finally {
                attacking.set(false);
                keeper.join(5_000);
                synchronized (idle) {
                    for (Socket s : idle) {
                        if (s != null) {
                            s.close();
                        }
                    }
                }
            }
            assertTrue(c.log.stream().filter(l -> l.contains(ATTACKER)).count() <= 3,
                    "refusals of the attacker logged once per kind: " + c.log);
        }
    }

    @Test
    void garbageConnectionAddsAFewLinesAndNoStackTrace() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b")); LogCapture jgroups = new LogCapture()) {
            c.start("a", ClusterTls.socketFactory(LocalCluster.key(13), c.clusterName));
            c.start("b");
            c.await("a", LocalCluster.settled("a", "a"), "a up with a key");
            c.await("b", LocalCluster.settled("b", "b"), "b up without");
            int before = c.log.size();
            byte[] garbage = new byte[100];
            new java.util.Random(5).nextBytes(garbage);
            for (String n : List.of("a", "b")) {
                try (Socket s = connectFromAttacker(new InetSocketAddress(c.loopback, c.port(n)))) {
                    OutputStream out = s.getOutputStream();
                    out.write(garbage);
                    out.flush();
                    s.setSoTimeout(5_000);
                    try {
                        while (s.getInputStream().read() >= 0) {
                            // whatever the node answers, until it hangs up
                        }
                    } catch (IOException e) {
                        // reset: hung up
                    }
                }
            }
            Thread.sleep(500);
            List<String> added = new ArrayList<>(c.log.subList(before, c.log.size()));
            added.removeIf(l -> !l.contains(ATTACKER));
            System.out.println("garbage connection logged: " + added + " and " + jgroups.lines() + " library lines");
            assertEquals(2, added.size(), "one refusal per node: " + added);
            assertTrue(added.get(0).contains("TLS handshake failed") || added.get(1).contains("TLS handshake failed"));
            assertTrue(jgroups.withStackTraces().isEmpty(), "no stack traces: " + jgroups.events());
            assertTrue(jgroups.lines() <= 2, "library lines: " + jgroups.events());
        }
    }

    @Test
    void nodeWithAnotherKeyIsRefusedQuietlyAndKnowsItIsIsolated() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"), 4); LogCapture jgroups = new LogCapture()) {
            c.startWithTwoRings("a", ClusterTls.socketFactory(LocalCluster.key(14), c.clusterName));
            c.startWithTwoRings("b", ClusterTls.socketFactory(LocalCluster.key(14), c.clusterName));
            for (String n : List.of("a", "b")) {
                c.await(n, LocalCluster.settled("a", "a", "b"), "a and b over TLS");
            }
            c.startWithTwoRings("c", ClusterTls.socketFactory(LocalCluster.key(15), c.clusterName));
            c.await("c", LocalCluster.settled("c", "c"), "c (another key) alone");
            // c keeps trying (discovery, merging) for these seconds
            Thread.sleep(6_000);
            String cAddress = c.ringAddress(0, "c").getHostAddress();
            long aLines = c.log.stream().filter(l -> l.startsWith("a: ") && l.contains(cAddress)).count();
            long cLines = c.log.stream().filter(l -> l.startsWith("c: ")).count();
            System.out.println("wrong key, 6 s: a logged " + aLines + " lines about c, c logged " + cLines
                    + ", the library " + jgroups.lines() + "; log " + c.log);
            assertTrue(aLines >= 1 && aLines <= 2, "a names c once per ring: " + c.log);
            assertTrue(cLines <= 8, "c says once per ring, peer and direction that it cannot authenticate: " + c.log);
            assertTrue(jgroups.lines() <= 4, "library lines: " + jgroups.events());
            assertEquals(List.of("a", "b"), c.node("a").current().members());
            List<String> report = c.node("c").ringReport(java.time.Instant.now(), java.time.Duration.ofSeconds(3));
            System.out.println("c's ring report: " + report);
            assertTrue(report.stream().anyMatch(l -> l.startsWith("ring 0: FAULTY: isolated, cannot authenticate with")),
                    "c's report: " + report);
            assertTrue(report.stream().noneMatch(l -> l.contains("active with no faults")), "c's report: " + report);
            List<String> aReport = c.node("a").ringReport(java.time.Instant.now(), java.time.Duration.ofSeconds(3));
            assertTrue(aReport.contains("ring 0: active with no faults"), "a's report: " + aReport);
            assertTrue(aReport.stream().anyMatch(l -> l.startsWith("ring 0: cannot authenticate with " + cAddress)),
                    "a's report: " + aReport);
        }
    }
}
