package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.cib.CibXml;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/** A new DC's takeover with the real scheduler: what it makes of the status the old DC left behind. */
class ControllerTakeoverTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** Time stands still; nothing scheduled runs (the test looks only at what the takeover dispatches). */
    private static final class Still implements Clock, Timers {
        @Override
        public Instant now() {
            return T;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }
    }

    @Test
    void aMemberTheOldDcExpectedDownIsUsedAgainByTheNextDc() throws Exception {
        // node1 drained and restarted while the survivors had no DC yet; the last CIB the old DC sent says
        // node1 is expected down (its clean shutdown). node1 is back in the partition with an empty history.
        String xml = "<cib epoch=\"3\" have-quorum=\"1\"><configuration><crm_config><cluster_property_set id=\"o\">"
                + "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
                + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>"
                + "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources>"
                + "<constraints><rsc_location id=\"l\" rsc=\"d1\" node=\"node1\" score=\"100\"/></constraints>"
                + "</configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"down\"/>"
                + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "</status></cib>";
        List<String> sent = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Still world = new Still();
        Controller c = new Controller("node2", world, world, new PolicyEngine(),
                (node, r) -> sent.add(r.action().action().ocfName() + " " + r.action().resourceInstance() + " "
                        + node + (r.intervalMs() > 0 ? " " + r.intervalMs() : "")),
                (node, action, done) -> { }, events::add);
        c.takeOver(CibXml.parse(xml), Set.of("node1", "node2"), true,
                Map.of("node1", new org.vigil.cib.Lrm("1", Map.of(), null, List.of()),
                        "node2", new org.vigil.cib.Lrm("2", Map.of(), null, List.of())));
        assertEquals("member", c.cib().status().nodeState("node1").orElseThrow().expected());
        assertTrue(events.stream().anyMatch(e -> e.matches("transition 1 .*Start +d1 +\\( node1 \\).*")),
                () -> "d1 must start on node1, its preferred node, which is a member: " + events);
    }
}
