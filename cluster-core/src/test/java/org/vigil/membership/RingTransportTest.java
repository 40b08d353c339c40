package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RingTransportTest {
    private static RingTransport transport(LocalCluster c, String node) {
        return (RingTransport) c.node(node).channel().getProtocolStack().getTransport();
    }

    private static long heardAgoMs(LocalCluster c, String node, int ring, String peer) {
        Long at = c.node(node).ringStatus().get(ring).lastHeard().get(peer);
        return at == null ? Long.MAX_VALUE : System.currentTimeMillis() - at;
    }

    @Test
    void memberStaysWhileOneRingWorksAndLeavesWhenBothFail() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("a", "b", "c")) {
                c.startWithTwoRings(n);
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("a", "a", "b", "c"), "all three on two rings");
            }
            Thread.sleep(500);
            assertTrue(heardAgoMs(c, "a", 0, "c") < 1_000, "a hears c on ring 0");
            assertTrue(heardAgoMs(c, "a", 1, "c") < 1_000, "a hears c on ring 1");

            transport(c, "c").failRing(0);
            // longer than a hang takes to detect (~2 s): c must stay, carried by ring 1
            Thread.sleep(4_000);
            assertEquals(List.of("a", "b", "c"), c.node("a").current().members());
            assertEquals(List.of("a", "b", "c"), c.node("c").current().members());
            assertTrue(heardAgoMs(c, "a", 0, "c") > 2_000, "ring 0 from c is silent");
            assertTrue(heardAgoMs(c, "a", 1, "c") < 1_000, "ring 1 from c still carries frames");

            transport(c, "c").failRing(1);
            long ms = c.await("a", LocalCluster.members("a", "b"), "c gone once both rings failed");
            System.out.println("both rings of a member failed: dropped after " + ms + " ms");
        }
    }

    /**
     * Every socket of a ring, the failure detector's included, leaves from that ring's address. The rings sit
     * on 127.0.2.x and 127.0.3.x, so an unbound socket shows up in ss with the kernel's default 127.0.0.1.
     */
    @Test
    void everyClusterSocketIsBoundToItsRingAddress() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"), 2)) {
            for (String n : List.of("a", "b", "c")) {
                c.startWithTwoRings(n, ClusterTls.socketFactory(LocalCluster.key(21), c.clusterName));
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("a", "a", "b", "c"), "all three on two rings");
            }
            Thread.sleep(1_000);
            for (String n : List.of("a", "b", "c")) {
                List<List<java.net.InetSocketAddress>> ends = transport(c, n).connectionEnds();
                for (int ring = 0; ring < 2; ring++) {
                    assertTrue(ends.get(ring).size() >= 2, n + " ring " + ring + " connections: " + ends);
                    for (java.net.InetSocketAddress end : ends.get(ring)) {
                        assertEquals(c.ringAddress(ring, n), end.getAddress(), n + " ring " + ring + ": " + ends);
                    }
                }
            }
            // and from the kernel's side: no connection of the cluster's ports (nor FD_SOCK2's, 100 up) has an
            // end on an address that is not a ring address
            java.util.Set<Integer> ports = new java.util.HashSet<>();
            for (String n : List.of("a", "b", "c")) {
                for (int off : new int[] {0, 100, 101, 102, 103}) {
                    ports.add(c.port(n) + off);
                }
            }
            Process ss = new ProcessBuilder("ss", "-Htn", "state", "established").redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            ss.waitFor();
            int seen = 0;
            List<String> wrong = new java.util.ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                String local = f[f.length - 2];
                String peer = f[f.length - 1];
                int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
                int peerPort = Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
                if (!ports.contains(localPort) && !ports.contains(peerPort)) {
                    continue;
                }
                seen++;
                for (String end : new String[] {local, peer}) {
                    if (!end.startsWith("127.0.2.") && !end.startsWith("127.0.3.")) {
                        wrong.add(line.trim());
                    }
                }
            }
            assertTrue(seen >= 12, "ss saw " + seen + " cluster connection ends:\n" + out);
            assertEquals(List.of(), wrong, "connections with an end off the rings");
        }
    }

    /**
     * A hung node (SIGSTOP of its JVM) leaves the view; the two healthy nodes must go on hearing each other
     * on both rings the whole time: a hung peer never makes a link between healthy ones look faulty.
     */
    @Test
    void hungNodeNeverMakesTheLinkBetweenHealthyNodesLookFaulty() throws Exception {
        java.nio.file.Path javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java");
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"), 6)) {
            var tls = ClusterTls.socketFactory(LocalCluster.key(22), c.clusterName);
            c.startWithTwoRings("a", tls);
            c.startWithTwoRings("b", ClusterTls.socketFactory(LocalCluster.key(22), c.clusterName));
            Process child = new ProcessBuilder(javaBin.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    ChildNode.class.getName(), "6", String.valueOf(c.basePort), "22", "c", "a", "b", "c")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                var childOut = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
                String line = childOut.readLine();
                for (int i = 0; i < 100 && line != null && !line.equals("up"); i++) {
                    line = childOut.readLine();
                }
                assertEquals("up", line, "the child node joined");
                Thread drain = new Thread(() -> {
                    try {
                        while (childOut.readLine() != null) {
                            // keep its pipe from filling
                        }
                    } catch (java.io.IOException e) {
                        // gone
                    }
                }, "child-output");
                drain.setDaemon(true);
                drain.start();
                for (String n : List.of("a", "b")) {
                    c.await(n, LocalCluster.settled("a", "a", "b", "c"), "all three on two rings");
                }
                Thread.sleep(500);
                signal("STOP", child.pid());
                List<String> faults = new java.util.ArrayList<>();
                long stoppedAt = System.nanoTime();
                try {
                    while (System.nanoTime() - stoppedAt < 8_000_000_000L) {
                        for (String[] pair : new String[][] {{"a", "b"}, {"b", "a"}}) {
                            for (int ring = 0; ring < 2; ring++) {
                                long ago = heardAgoMs(c, pair[0], ring, pair[1]);
                                if (ago > 3_000) {
                                    faults.add(pair[0] + " has not heard " + pair[1] + " on ring " + ring + " for "
                                            + ago + " ms");
                                }
                            }
                            List<String> report = c.node(pair[0]).ringReport(java.time.Instant.now(),
                                    java.time.Duration.ofSeconds(3));
                            report.stream().filter(l -> l.contains(" " + pair[1] + " ")).forEach(faults::add);
                        }
                        Thread.sleep(250);
                    }
                    assertEquals(List.of("a", "b"), c.node("a").current().members(), "the hung node left");
                } finally {
                    signal("CONT", child.pid());
                }
                assertEquals(List.of(), faults, "healthy links reported faulty while c hung");
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private static void signal(String sig, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + sig);
    }
}
