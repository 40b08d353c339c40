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
}
