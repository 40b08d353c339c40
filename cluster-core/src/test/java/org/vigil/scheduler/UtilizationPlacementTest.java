package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/** placement-strategy with colocated resources, checked against crm_simulate. */
class UtilizationPlacementTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** n1 has 2 cpu, n2 4; r1, r2, r3 need 2 each; r2 and r3 must run with r1; r3 has the highest priority. */
    private static final String THREE_COLOCATED = """
            <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.7" have-quorum="1">
            <configuration><crm_config><cluster_property_set id="o">
            <nvpair id="o1" name="stonith-enabled" value="false"/>
            <nvpair id="o2" name="placement-strategy" value="utilization"/></cluster_property_set></crm_config>
            <nodes><node id="1" uname="n1"><utilization id="n1-u"><nvpair id="n1-u-c" name="cpu" value="2"/>
            </utilization></node><node id="2" uname="n2"><utilization id="n2-u">
            <nvpair id="n2-u-c" name="cpu" value="4"/></utilization></node></nodes><resources>
            <primitive id="r1" class="ocf" provider="heartbeat" type="Dummy"><utilization id="r1-u">
            <nvpair id="r1-u-c" name="cpu" value="2"/></utilization></primitive>
            <primitive id="r2" class="ocf" provider="heartbeat" type="Dummy"><utilization id="r2-u">
            <nvpair id="r2-u-c" name="cpu" value="2"/></utilization></primitive>
            <primitive id="r3" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="r3-m">
            <nvpair id="r3-m-p" name="priority" value="1"/></meta_attributes><utilization id="r3-u">
            <nvpair id="r3-u-c" name="cpu" value="2"/></utilization></primitive></resources><constraints>
            <rsc_colocation id="c2" rsc="r2" with-rsc="r1" score="INFINITY"/>
            <rsc_colocation id="c3" rsc="r3" with-rsc="r1" score="INFINITY"/></constraints></configuration>
            <status><node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member"/>
            <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/></status>
            </cib>
            """;

    private static List<String> summary(String xml) throws CibParseException {
        Cib cib = CibXml.standard().read(xml, "test").cib();
        return new Scheduler().schedule(cib, NOW).summary().stream().map(s -> s.trim().replaceAll("\\s+", " "))
                .sorted().toList();
    }

    @Test
    void whenNoNodeFitsTheColocatedSetTheNodeWithMostFreeCapacityIsPreferred() throws CibParseException {
        assertEquals(List.of("* Start r1 ( n2 )", "* Start r3 ( n2 )"), summary(THREE_COLOCATED));
    }

    @Test
    void whenANodeFitsTheColocatedSetAllOfItGoesThere() throws CibParseException {
        assertEquals(List.of("* Start r1 ( n2 )", "* Start r2 ( n2 )", "* Start r3 ( n2 )"),
                summary(THREE_COLOCATED.replace("name=\"cpu\" value=\"4\"", "name=\"cpu\" value=\"6\"")));
    }
}
