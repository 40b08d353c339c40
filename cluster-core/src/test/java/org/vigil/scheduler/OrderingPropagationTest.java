package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/**
 * How orderings make actions required, and which cause the summary names (Pacemaker's update_action recursion);
 * every expectation here is what crm_simulate answers for the same CIB.
 */
class OrderingPropagationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<String> summary(String xml) throws CibParseException {
        Cib cib = CibXml.standard().read(xml, "test").cib();
        return new Scheduler().schedule(cib, NOW).summary().stream().map(s -> s.trim().replaceAll("\\s+", " "))
                .sorted().toList();
    }

    /** b runs on n1 (stickiness 100); a starts; "a then b" is configured twice. */
    private static final String OPTIONAL_THEN_MANDATORY = """
            <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.7" have-quorum="1">
            <configuration><crm_config><cluster_property_set id="o">
            <nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config><nodes>
            <node id="1" uname="n1"/><node id="2" uname="n2"/></nodes><resources>
            <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
            <primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints>
            <rsc_order id="ord1" first="a" then="b" kind="Optional"/>
            <rsc_order id="ord2" first="a" then="b" kind="Mandatory"/></constraints><rsc_defaults>
            <meta_attributes id="d"><nvpair id="d1" name="resource-stickiness" value="100"/></meta_attributes>
            </rsc_defaults></configuration><status>
            <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
            <lrm id="1"><lrm_resources><lrm_resource id="b" class="ocf" provider="heartbeat" type="Dummy">
            <lrm_rsc_op id="b_last_0" operation_key="b_start_0" operation="start" interval="0"
            call-id="3" rc-code="0" op-status="0"
            transition-key="1:1:0:x" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
            </lrm_resource></lrm_resources></lrm></node_state>
            <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/></status>
            </cib>
            """;

    @Test
    void secondOrderingBetweenTheSameActionsIsIgnored() throws CibParseException {
        assertEquals(List.of("* Start a ( n1 )"), summary(OPTIONAL_THEN_MANDATORY));
        assertEquals(List.of("* Restart b ( n1 ) due to required a start", "* Start a ( n1 )"),
                summary(OPTIONAL_THEN_MANDATORY.replace(
                        "<rsc_order id=\"ord1\" first=\"a\" then=\"b\" kind=\"Optional\"/>", "")));
    }

    /** Group g (m0, m1) runs on n1; a starts, and g must start after it. */
    private static final String GROUP_AFTER_STARTING_RESOURCE = """
            <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.7" have-quorum="1">
            <configuration><crm_config><cluster_property_set id="o">
            <nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config><nodes>
            <node id="1" uname="n1"/><node id="2" uname="n2"/></nodes><resources>
            <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><group id="g">
            <primitive id="m0" class="ocf" provider="heartbeat" type="Dummy"/>
            <primitive id="m1" class="ocf" provider="heartbeat" type="Dummy"/></group></resources><constraints>
            <rsc_order id="ord1" first="a" then="g" kind="Mandatory"/>
            <rsc_location id="l" rsc="a" node="n1" score="100"/></constraints><rsc_defaults>
            <meta_attributes id="d"><nvpair id="d1" name="resource-stickiness" value="100"/></meta_attributes>
            </rsc_defaults></configuration><status>
            <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
            <lrm id="1"><lrm_resources><lrm_resource id="m0" class="ocf" provider="heartbeat" type="Dummy">
            <lrm_rsc_op id="m0_last_0" operation_key="m0_start_0" operation="start" interval="0"
            call-id="3" rc-code="0" op-status="0"
            transition-key="1:1:0:x" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
            </lrm_resource><lrm_resource id="m1" class="ocf" provider="heartbeat" type="Dummy">
            <lrm_rsc_op id="m1_last_0" operation_key="m1_start_0" operation="start" interval="0"
            call-id="4" rc-code="0" op-status="0"
            transition-key="1:1:0:x" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
            </lrm_resource></lrm_resources></lrm></node_state>
            <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/></status>
            </cib>
            """;

    @Test
    void restartOfLaterGroupMemberIsBlamedOnThePreviousMember() throws CibParseException {
        assertEquals(List.of("* Restart m0 ( n1 ) due to required a start",
                "* Restart m1 ( n1 ) due to required m0 start", "* Start a ( n1 )"),
                summary(GROUP_AFTER_STARTING_RESOURCE));
    }
}
