package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.transition.TransitionGraph;

class PolicyEngineTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static String cib(String rscDefaults) {
        return "<cib epoch=\"1\" have-quorum=\"1\"><configuration><crm_config><cluster_property_set id=\"o\">"
                + "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
                + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>"
                + "<primitive id=\"vm01\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources>"
                + "<constraints/><rsc_defaults><meta_attributes id=\"d\">" + rscDefaults
                + "</meta_attributes></rsc_defaults></configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "</status></cib>";
    }

    @Test
    void equalCibWhoseDecisionCannotDependOnTimeGetsTheRememberedDecision() throws Exception {
        PolicyEngine engine = new PolicyEngine();
        String xml = cib("<nvpair id=\"d1\" name=\"resource-stickiness\" value=\"100\"/>");
        TransitionGraph first = engine.schedule(CibXml.parse(xml), T);
        TransitionGraph again = engine.schedule(CibXml.parse(xml), T.plusSeconds(900));
        assertSame(first, again);
        assertEquals(new PolicyEngine().schedule(CibXml.parse(xml), T.plusSeconds(900)).actions(), again.actions());
    }

    @Test
    void failureTimeoutMakesEveryCallDecideAgain() throws Exception {
        PolicyEngine engine = new PolicyEngine();
        Cib cib = CibXml.parse(cib("<nvpair id=\"d1\" name=\"failure-timeout\" value=\"60s\"/>"));
        TransitionGraph first = engine.schedule(cib, T);
        TransitionGraph again = engine.schedule(cib, T.plusSeconds(900));
        assertNotSame(first, again);
        assertEquals(first.actions(), again.actions());
    }
}
