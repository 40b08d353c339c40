package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.LrmRscOp;
import org.vigil.cib.NvPair;

class ExpiredConnectionFailuresTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** r1 (reconnect_interval 60 s) failed on node1 {@code node1Age} and on node2 {@code node2Age} seconds ago. */
    private static Cib failedConnection(String reconnect, long node1Age, long node2Age) throws Exception {
        return CibXml.parse("<cib epoch=\"1\"><configuration><crm_config/><nodes/><resources>"
                + "<primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">"
                + "<instance_attributes id=\"r1-ia\">" + reconnect + "</instance_attributes></primitive>"
                + "</resources><constraints/></configuration><status>" + node("1", node1Age) + node("2", node2Age)
                + "</status></cib>");
    }

    private static String node(String id, long age) {
        long at = NOW.getEpochSecond() - age;
        return "<node_state id=\"" + id + "\" uname=\"node" + id + "\"><transient_attributes id=\"" + id + "\">"
                + "<instance_attributes id=\"t" + id + "\">"
                + "<nvpair id=\"t" + id + "a\" name=\"fail-count-r1#monitor_1000\" value=\"1\"/>"
                + "<nvpair id=\"t" + id + "b\" name=\"last-failure-r1#monitor_1000\" value=\"" + at + "\"/>"
                + "<nvpair id=\"t" + id + "c\" name=\"fail-count-d1#monitor_2000\" value=\"1\"/>"
                + "</instance_attributes></transient_attributes><lrm id=\"" + id + "\"><lrm_resources>"
                + "<lrm_resource id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">"
                + "<lrm_rsc_op id=\"r1_last_failure_0\" operation=\"monitor\" operation_key=\"r1_monitor_1000\""
                + " call-id=\"3\" rc-code=\"1\" op-status=\"0\" interval=\"1000\" last-rc-change=\"" + at + "\"/>"
                + "<lrm_rsc_op id=\"r1_last_0\" operation=\"stop\" operation_key=\"r1_stop_0\" call-id=\"4\""
                + " rc-code=\"0\" op-status=\"0\" interval=\"0\" last-rc-change=\"" + at + "\"/>"
                + "</lrm_resource></lrm_resources></lrm></node_state>";
    }

    private static List<String> left(Cib cib, String node) {
        var s = cib.status().nodeState(node).orElseThrow();
        List<String> out = new java.util.ArrayList<>(s.transientAttributes().sets().get(0).pairs().stream()
                .map(NvPair::name).toList());
        s.lrm().resources().get(0).ops().stream().map(LrmRscOp::id).forEach(out::add);
        return out;
    }

    @Test
    void theConnectionsExpiredFailuresGoAndEverythingElseStays() throws Exception {
        Cib cib = failedConnection("<nvpair id=\"ri\" name=\"reconnect_interval\" value=\"60s\"/>", 61, 30);
        Cib cleared = ExpiredConnectionFailures.clear(cib, "r1", NOW);
        assertEquals(List.of("fail-count-d1#monitor_2000", "r1_last_0"), left(cleared, "node1"));
        assertEquals(left(cib, "node2"), left(cleared, "node2"), "a failure younger than the interval stays");
    }

    @Test
    void withoutAReconnectIntervalFailuresStayUntilACleanup() throws Exception {
        Cib cib = failedConnection("", 600, 600);
        assertSame(cib, ExpiredConnectionFailures.clear(cib, "r1", NOW));
    }
}
