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

    private static final String RUNNING_OP = """
            <lrm_rsc_op id="%1$s_last_0" operation_key="%1$s_start_0" operation="start" interval="0"
            call-id="%2$d" rc-code="0" op-status="0" transition-key="1:1:0:x"
            op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>""";

    /** Resources x and y on n1 (x disabled when asked), the ordering given, and y's own extra history. */
    private static String twoRunning(String xMeta, String yOps, String order, String yHistory) {
        return """
                <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.7" have-quorum="1">
                <configuration><crm_config><cluster_property_set id="o">
                <nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config><nodes>
                <node id="1" uname="n1"/></nodes><resources>
                <primitive id="x" class="ocf" provider="heartbeat" type="Dummy">%s</primitive>
                <primitive id="y" class="ocf" provider="heartbeat" type="Dummy">%s</primitive></resources>
                <constraints>%s</constraints></configuration><status>
                <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
                <lrm id="1"><lrm_resources><lrm_resource id="x" class="ocf" provider="heartbeat" type="Dummy">
                %s</lrm_resource><lrm_resource id="y" class="ocf" provider="heartbeat" type="Dummy">%s%s
                </lrm_resource></lrm_resources></lrm></node_state></status></cib>
                """.formatted(xMeta, yOps, order, RUNNING_OP.formatted("x", 3), RUNNING_OP.formatted("y", 4),
                yHistory);
    }

    private static final String X_DISABLED = """
            <meta_attributes id="xm"><nvpair id="xm1" name="target-role" value="Stopped"/></meta_attributes>""";

    private static final String X_THEN_Y = "<rsc_order id=\"o\" first=\"x\" then=\"y\" kind=\"Mandatory\"/>";

    /**
     * x is disabled, so its start (which only the ordering names) is required by x's stop and cannot run: y,
     * which must start after x, stops, and Pacemaker names the required start first.
     */
    @Test
    void stopAfterDisabledFirstIsBlamedOnItsRequiredStart() throws CibParseException {
        assertEquals(List.of("* Stop x ( n1 ) due to node availability", "* Stop y ( n1 ) due to required x start"),
                summary(twoRunning(X_DISABLED, "", X_THEN_Y, "")));
    }

    /** symmetrical=false: a "then" that stays where it runs is not stopped because "first" cannot start. */
    @Test
    void asymmetricOrderingLeavesARunningThenAlone() throws CibParseException {
        assertEquals(List.of("* Stop x ( n1 ) due to node availability"),
                summary(twoRunning(X_DISABLED, "", "<rsc_order id=\"o\" first=\"x\" then=\"y\" kind=\"Mandatory\" "
                        + "symmetrical=\"false\"/>", "")));
    }

    /**
     * y's monitor failed with on-fail=block: y keeps running, and x, which may stop only after y stops, cannot
     * stop either (its start named by the ordering does not restart y).
     */
    @Test
    void disabledFirstCannotStopBeforeABlockedThen() throws CibParseException {
        String yOps = """
                <operations><op id="ym" name="monitor" interval="10s" on-fail="block"/></operations>""";
        String failedMonitor = """
                <lrm_rsc_op id="y_monitor_10000" operation_key="y_monitor_10000" operation="monitor"
                interval="10000" call-id="5" rc-code="1" op-status="0" transition-key="2:1:0:x"
                op-digest="4811cef7f7f94e3a35a70be7916cb2fd"/>""";
        assertEquals(List.of("* Stop x ( n1 ) due to node availability (blocked)"),
                summary(twoRunning(X_DISABLED, yOps, X_THEN_Y, failedMonitor)));
    }

    /**
     * "a then b" between two clones (not interleaved): a's instance on n1 recovers, so b's instances restart on
     * every node, not only beside it (Pacemaker orders them after a's node-less "running").
     */
    @Test
    void requiredCloneRestartsEveryInstanceOfAClonedThen() throws CibParseException {
        CibBuilder cib = new CibBuilder().nodes("n1", "n2")
                .resources("<clone id=\"a\">" + CibBuilder.primitive("ar") + "</clone>"
                        + "<clone id=\"b\">" + CibBuilder.primitive("br") + "</clone>")
                .constraints("<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Mandatory\"/>")
                .history("ar", "n1", "<lrm_rsc_op id=\"ar_last_0\" operation=\"start\" interval=\"0\" call-id=\"2\""
                        + " rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
                        + "<lrm_rsc_op id=\"ar_monitor_10000\" operation=\"monitor\" interval=\"10000\""
                        + " call-id=\"3\" rc-code=\"1\" op-status=\"0\" transition-key=\"1:1:0:x\"/>")
                .running("ar", "n2").running("br", "n1").running("br", "n2");
        assertEquals(List.of("* Recover ar:0 ( n1 )", "* Restart br:0 ( n1 ) due to required a running",
                "* Restart br:1 ( n2 ) due to required a running"), summary(cib.xml()));
    }

    /** "a then b", b an interleaved clone: interleaving is between clones, so a's start restarts every instance. */
    @Test
    void primitiveBeforeInterleavedCloneRestartsEveryInstance() throws CibParseException {
        CibBuilder cib = new CibBuilder().nodes("n1", "n2")
                .resources(CibBuilder.primitive("a") + "<clone id=\"b\"><meta_attributes id=\"b-m\">"
                        + "<nvpair id=\"b-m1\" name=\"interleave\" value=\"true\"/></meta_attributes>"
                        + CibBuilder.primitive("br") + "</clone>")
                .constraints("<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Mandatory\"/>"
                        + "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"10\"/>")
                .running("br", "n1").running("br", "n2");
        assertEquals(List.of("* Restart br:0 ( n1 ) due to required a start",
                "* Restart br:1 ( n2 ) due to required a start", "* Start a ( n1 )"), summary(cib.xml()));
    }

    /** An unpromoted instance whose start becomes required on its way to promotion is restarted into the role. */
    @Test
    void requiredRestartIntoThePromotedRoleIsARestart() throws CibParseException {
        CibBuilder cib = new CibBuilder().nodes("n1", "n2")
                .resources(CibBuilder.primitive("a") + "<clone id=\"ms\"><meta_attributes id=\"ms-m\">"
                        + "<nvpair id=\"ms-m1\" name=\"promotable\" value=\"true\"/>"
                        + "<nvpair id=\"ms-m2\" name=\"promoted-max\" value=\"1\"/>"
                        + "<nvpair id=\"ms-m3\" name=\"clone-max\" value=\"1\"/>"
                        + "<nvpair id=\"ms-m4\" name=\"interleave\" value=\"true\"/></meta_attributes>"
                        + CibBuilder.primitive("s") + "</clone>")
                .constraints("<rsc_order id=\"o\" first=\"a\" then=\"ms\" kind=\"Mandatory\"/>"
                        + "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"10\"/>"
                        + "<rsc_colocation id=\"c\" rsc=\"ms\" with-rsc=\"a\" score=\"INFINITY\"/>"
                        + "<rsc_location id=\"lp\" rsc=\"ms\" role=\"Promoted\" node=\"n1\" score=\"10\"/>")
                .running("s", "n1");
        assertEquals(List.of("* Restart s:0 ( Unpromoted -> Promoted n1 ) due to required a start",
                "* Start a ( n1 )"), summary(cib.xml()));
    }

    /**
     * "x then g", x disabled: g's first member cannot start, so it stops and its start is required and
     * unrunnable at once; the next member follows it before the ordering with x reaches it.
     */
    @Test
    void laterGroupMemberStopsBecauseOfThePreviousMembersRequiredStart() throws CibParseException {
        CibBuilder cib = new CibBuilder().nodes("n1", "n2")
                .resources("<primitive id=\"x\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        + "<meta_attributes id=\"x-m\"><nvpair id=\"x-m1\" name=\"target-role\" value=\"Stopped\"/>"
                        + "</meta_attributes></primitive><group id=\"g\">" + CibBuilder.primitive("m0")
                        + CibBuilder.primitive("m1") + "</group>")
                .constraints("<rsc_order id=\"o\" first=\"x\" then=\"g\" kind=\"Mandatory\"/>")
                .running("m0", "n1").running("m1", "n1");
        assertEquals(List.of("* Stop m0 ( n1 ) due to unrunnable x start",
                "* Stop m1 ( n1 ) due to required m0 start"), summary(cib.xml()));
    }

    /** "a then q", a a clone with notifications: q waits for a's confirmed notifications, the cause named. */
    @Test
    void restartAfterANotifyingCloneIsBlamedOnItsNotifications() throws CibParseException {
        CibBuilder cib = new CibBuilder().nodes("n1", "n2")
                .resources("<clone id=\"a\"><meta_attributes id=\"a-m\"><nvpair id=\"a-m1\" name=\"notify\""
                        + " value=\"true\"/></meta_attributes>" + CibBuilder.primitive("ar") + "</clone>"
                        + CibBuilder.primitive("q"))
                .constraints("<rsc_order id=\"o\" first=\"a\" then=\"q\" kind=\"Mandatory\"/>")
                .history("ar", "n1", "<lrm_rsc_op id=\"ar_last_0\" operation=\"start\" interval=\"0\" call-id=\"2\""
                        + " rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
                        + "<lrm_rsc_op id=\"ar_monitor_10000\" operation=\"monitor\" interval=\"10000\""
                        + " call-id=\"3\" rc-code=\"1\" op-status=\"0\" transition-key=\"1:1:0:x\"/>")
                .running("ar", "n2").running("q", "n1");
        assertEquals(List.of("* Recover ar:0 ( n1 )", "* Restart q ( n1 ) due to required a notified"),
                summary(cib.xml()));
    }
}
