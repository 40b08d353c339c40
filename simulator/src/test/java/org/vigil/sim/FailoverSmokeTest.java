package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;

class FailoverSmokeTest {
    static final String CIB = "<cib epoch=\"1\" admin_epoch=\"0\" num_updates=\"0\"><configuration><crm_config>"
            + "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>"
            + "<nvpair id=\"o2\" name=\"no-quorum-policy\" value=\"ignore\"/></cluster_property_set></crm_config>"
            + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>"
            + "<primitive id=\"vm01\" class=\"ocf\" provider=\"heartbeat\" type=\"Xen\"><operations>"
            + "<op id=\"vm01-mon\" name=\"monitor\" interval=\"30s\" timeout=\"30s\"/>"
            + "<op id=\"vm01-start\" name=\"start\" interval=\"0\" timeout=\"90s\"/></operations></primitive>"
            + "</resources><constraints><rsc_location id=\"pref\" rsc=\"vm01\" node=\"node1\" score=\"100\"/>"
            + "</constraints></configuration><status/></cib>";

    @Test
    void crashedNodesVmIsRestartedOnThePeer() throws Exception {
        Cib cib = CibXml.parse(CIB);
        Scenario s = new Scenario("smoke", null, null, null, null, null,
                List.of("crash node1 at 120s"), "10m", List.of("vm01 running within 90s of crash"), null);
        List<TimelineEvent> timeline = s.timeline().stream().map(TimelineEvent::parse).toList();
        SimulationRun.Result r = SimulationRun.run(s, cib, timeline, Duration.ofMinutes(10), 1,
                SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
        assertTrue(r.violation().isEmpty(), () -> r.violation().get().getMessage());
        assertEquals(List.of(), r.failedExpectations());
    }
}
