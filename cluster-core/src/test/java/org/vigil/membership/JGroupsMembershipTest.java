package org.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgroups.Address;
import org.jgroups.protocols.DISCARD;

import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real channels on 127.0.0.1: every wait is bounded, every channel closed. */
@Timeout(60)
class JGroupsMembershipTest {
    /** Spec: a crashed daemon leaves the view within 1 s, a hung one within 3 s; margin for a loaded machine. */
    static final long CRASH_LIMIT_MS = 1_500;
    static final long HANG_LIMIT_MS = 3_500;

    @Test
    void nodesJoinAgreeOnDcFirstByNameAndLeaveCleanly() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("c", "b", "a")) {
                c.start(n);
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("c", "a", "b", "c").and(v -> v.quorum().quorate()),
                        "all three, quorate, c (first up) keeps the DC role as b and a join");
            }
            c.node("c").close();
            c.nodes.remove("c");
            long ms = c.await("a", LocalCluster.settled("a", "a", "b").and(v -> v.quorum().quorate()),
                    "c left, a (first by name) takes over, still quorate");
            System.out.println("clean leave seen after " + ms + " ms");
        }
    }

    @Test
    void crashedMemberLeavesTheViewWithinASecond() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("a", "b", "c")) {
                c.start(n);
            }
            c.await("a", LocalCluster.settled("a", "a", "b", "c"), "all three");
            c.await("c", LocalCluster.settled("a", "a", "b", "c"), "all three");
            c.node("c").crash();
            long ms = c.await("a", LocalCluster.members("a", "b"), "c dropped after its crash");
            System.out.println("failure detection, crashed member: " + ms + " ms");
            assertTrue(ms <= CRASH_LIMIT_MS, "crash detected after " + ms + " ms");
            c.await("b", LocalCluster.settled("a", "a", "b").and(v -> v.quorum().quorate()), "a stays DC, quorate");
            c.node("b").crash();
            c.await("a", v -> v.members().equals(List.of("a")) && !v.quorum().quorate(), "quorum lost");
        }
    }

    @Test
    void hungMemberLeavesTheViewWithinThreeSeconds() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("a", "b", "c")) {
                c.start(n);
            }
            c.await("a", LocalCluster.settled("a", "a", "b", "c"), "all three");
            c.await("c", LocalCluster.settled("a", "a", "b", "c"), "all three");
            // silent but alive: its sockets stay open, nothing gets through
            discard(c, "c").discardAll(true);
            long ms = c.await("a", LocalCluster.members("a", "b"), "hung c dropped");
            System.out.println("failure detection, hung member: " + ms + " ms");
            assertTrue(ms <= HANG_LIMIT_MS, "hang detected after " + ms + " ms");
        }
    }

    @Test
    void partitionLosesQuorumOnTheMinorityAndMergesUnderTheMajoritysDc() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("a", "b", "c")) {
                c.start(n);
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("a", "a", "b", "c"), "all three");
            }
            Address a = c.node("a").channel().getAddress();
            Address b = c.node("b").channel().getAddress();
            Address cc = c.node("c").channel().getAddress();
            discard(c, "a").addIgnoredMembers(b, cc);
            discard(c, "b").addIgnoreMember(a);
            discard(c, "c").addIgnoreMember(a);
            c.await("a", v -> v.members().equals(List.of("a")) && "a".equals(v.dc()) && !v.quorum().quorate(),
                    "a alone, without quorum");
            c.await("b", LocalCluster.settled("b", "b", "c").and(v -> v.quorum().quorate()), "b takes over with quorum");
            for (String n : List.of("a", "b", "c")) {
                discard(c, n).resetIgnoredMembers();
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("b", "a", "b", "c").and(v -> v.quorum().quorate()),
                        "merged under b, the majority's DC");
            }
            assertTrue(c.node("a").current().merged());
            assertFalse(c.node("a").current().evicted(), "a had seen the split itself");
        }
    }

    @Test
    void frozenNodeThatOnlySeesTheMergeNoticesItWasEvicted() throws Exception {
        try (LocalCluster c = new LocalCluster(List.of("a", "b", "c"))) {
            for (String n : List.of("a", "b", "c")) {
                c.start(n);
            }
            for (String n : List.of("a", "b", "c")) {
                c.await(n, LocalCluster.settled("a", "a", "b", "c"), "all three");
            }
            // a is frozen: it suspects nobody, and b and c hear nothing from it
            org.jgroups.protocols.FD_ALL3 fd = c.node("a").channel().getProtocolStack()
                    .findProtocol(org.jgroups.protocols.FD_ALL3.class);
            fd.stopFailureDetection();
            ((RingTransport) c.node("a").channel().getProtocolStack().getTransport()).stopFailureDetection();
            Address a = c.node("a").channel().getAddress();
            discard(c, "b").addIgnoreMember(a);
            discard(c, "c").addIgnoreMember(a);
            c.await("b", LocalCluster.settled("b", "b", "c"), "b and c drop a");
            assertTrue(c.node("a").current().members().size() == 3, "a never noticed");
            discard(c, "b").resetIgnoredMembers();
            discard(c, "c").resetIgnoredMembers();
            c.await("a", v -> v.evicted() && v.members().size() == 3, "a learns it had been evicted");
            c.await("a", LocalCluster.settled("b", "a", "b", "c"), "b stays DC");
        }
    }

    private static DISCARD discard(LocalCluster c, String node) throws Exception {
        ProtocolStack stack = c.node(node).channel().getProtocolStack();
        DISCARD d = stack.findProtocol(DISCARD.class);
        if (d == null) {
            d = new DISCARD();
            d.setAddress(c.node(node).channel().getAddress());
            stack.insertProtocol(d, ProtocolStack.Position.ABOVE, RingTransport.class);
            d.start();
        }
        return d;
    }
}
