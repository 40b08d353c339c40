package org.vigil.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.scheduler.Scheduler;

class CapacityProofTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static ProofReport prove(String xml, int depth) {
        return new CapacityProof(new Scheduler()).prove(parse(xml), NOW, depth);
    }

    static Cib parse(String xml) {
        try {
            return CibXml.standard().read(xml, "test").cib();
        } catch (CibParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FailureOutcome outcome(ProofReport r, String... failed) {
        return r.outcomes().stream().filter(o -> o.failed().equals(List.of(failed))).findFirst().orElseThrow();
    }

    @Test
    void nodeLossStrandsVmWithoutCapacity() {
        ProofReport r = prove(Cibs.threeNodesOneBig(), 1);
        FailureOutcome big = outcome(r, "big");
        assertEquals(1, big.losses().size(), big.losses().toString());
        Loss loss = big.losses().get(0);
        assertEquals(Loss.Kind.NOT_RECOVERED, loss.kind());
        assertEquals("vm-big", loss.resource());
        assertEquals(List.of("big"), loss.wasOn());
        assertTrue(loss.reasons().contains("not enough capacity on small1, small2"), loss.reasons().toString());
        assertTrue(outcome(r, "small1").survivable(), "vm-a fits on small2 or big");
        assertTrue(outcome(r, "small2").survivable(), "vm-b fits on small1 or big");
        assertFalse(r.survivable());
    }

    @Test
    void groupMemberWithoutRoomWhereItsLeaderWentIsReportedWithBothReasons() {
        FailureOutcome big = outcome(prove(Cibs.groupOnBig(), 1), "big");
        assertEquals(1, big.losses().size(), big.losses().toString());
        Loss loss = big.losses().get(0);
        assertEquals("vm-big", loss.resource());
        assertEquals("g-big", loss.group());
        String leaderNode = loss.reasons().stream().filter(s -> s.startsWith("must run with ip-big (the group "
                + "member before it), which is placed on ")).findFirst().orElseThrow(() -> new AssertionError(
                loss.reasons().toString())).replaceFirst(".* ", "");
        assertTrue(loss.reasons().contains("not enough capacity on " + leaderNode), loss.reasons().toString());
    }

    @Test
    void clusterWithRoomEverywhereSurvivesEverySingleFailure() {
        ProofReport r = prove(Cibs.threeDummies("stop"), 1);
        assertTrue(r.survivable(), r.unsurvivable().toString());
        assertEquals(List.of("n1", "n2", "n3"), r.members());
        assertEquals(3, r.outcomes().size());
        assertEquals(4, r.schedulerRuns());
        assertEquals(3, r.activeBefore());
    }

    @Test
    void pairFailureLeavesMinorityWithoutQuorumSoEverythingStops() {
        ProofReport r = prove(Cibs.threeDummies("stop"), 2);
        assertEquals(6, r.outcomes().size(), "three singles and three pairs");
        FailureOutcome pair = outcome(r, "n1", "n2");
        assertFalse(pair.quorate());
        assertEquals(3, pair.losses().size(), pair.losses().toString());
        Loss onSurvivor = pair.losses().stream().filter(l -> l.resource().equals("d3")).findFirst().orElseThrow();
        assertEquals(Loss.Kind.STOPPED, onSurvivor.kind());
        assertTrue(onSurvivor.reasons().stream().anyMatch(s -> s.contains("no quorum")), onSurvivor.reasons()
                .toString());
        Loss stranded = pair.losses().stream().filter(l -> l.resource().equals("d1")).findFirst().orElseThrow();
        assertEquals(Loss.Kind.NOT_RECOVERED, stranded.kind());
        assertTrue(stranded.reasons().stream().anyMatch(s -> s.contains("no quorum")), stranded.reasons().toString());
        assertTrue(outcome(r, "n1").survivable());
    }

    @Test
    void pairFailureIsSurvivableWhenQuorumIsIgnored() {
        ProofReport r = prove(Cibs.threeDummies("ignore"), 2);
        assertTrue(r.survivable(), r.unsurvivable().toString());
    }

    @Test
    void banAndColocationAreNamedAsReasons() {
        ProofReport r = prove(Cibs.dbBannedFromN2WithWebOnTop(), 1);
        FailureOutcome n1 = outcome(r, "n1");
        Map<String, Loss> byRsc = new java.util.HashMap<>();
        n1.losses().forEach(l -> byRsc.put(l.resource(), l));
        assertEquals(Map.of("db", Loss.Kind.NOT_RECOVERED, "web", Loss.Kind.NOT_RECOVERED),
                Map.of("db", byRsc.get("db").kind(), "web", byRsc.get("web").kind()));
        assertTrue(byRsc.get("db").reasons().contains("location constraint ban-db (rules out n2)"),
                byRsc.get("db").reasons().toString());
        assertTrue(byRsc.get("web").reasons().stream().anyMatch(s -> s.startsWith("must run with db (colocation "
                + "web-with-db") && s.endsWith("which cannot run")), byRsc.get("web").reasons().toString());
        assertTrue(outcome(r, "n2").survivable(), "nothing ran on n2");
    }

    @Test
    void resourcesStoppedOrUnmanagedBeforeTheFailureAreNotCounted() {
        ProofReport r = prove(Cibs.disabledAndUnrunnable(), 1);
        assertTrue(r.survivable(), r.unsurvivable().toString());
        assertEquals(1, r.activeBefore(), "only 'up' runs, managed, before any failure");
    }

    @Test
    void configurationWithoutStatusIsProvenWithAllNodesUp() {
        ProofReport r = prove(Cibs.noStatus(), 1);
        assertEquals(List.of("n1", "n2"), r.assumedOnline());
        assertEquals(List.of("n1", "n2"), r.members());
        FailureOutcome n1 = outcome(r, "n1");
        assertEquals(1, r.activeBefore());
        assertTrue(n1.losses().isEmpty() != outcome(r, "n2").losses().isEmpty(),
                "the node running the pinned resource strands it, the other does not");
    }

    @Test
    void promotedInstanceWithNowhereElseToPromoteIsReported() {
        ProofReport r = prove(Cibs.promotableOnlyN1MayPromote(), 1);
        FailureOutcome n1 = outcome(r, "n1");
        assertEquals(1, n1.losses().size(), n1.losses().toString());
        assertEquals(Loss.Kind.NOT_PROMOTED, n1.losses().get(0).kind());
        assertEquals("ms (st)", n1.losses().get(0).resource());
        assertTrue(outcome(r, "n2").survivable(), outcome(r, "n2").losses().toString());
    }
}
