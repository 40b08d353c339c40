package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resources colocated with a role of a promotable clone. */
class PromotableColocationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<String> summary(CibBuilder cib) {
        return new Scheduler().schedule(cib.build(), NOW).summary().stream()
                .map(s -> s.trim().replaceAll("\\s+", " ")).sorted().toList();
    }

    /**
     * r must run with the promoted instance of ms (on n1, where it has stickiness 100) and has -100 on n1: as
     * Pacemaker's pcmk__update_dependent_with_promotable, the instance's score where it was placed is added to
     * r's there, so r may start on n1.
     */
    @Test
    void mandatoryColocationWithPromotedRoleAddsTheInstanceScore() {
        CibBuilder cib = new CibBuilder().nodes("n1", "n2")
                .resources("<clone id=\"ms\"><meta_attributes id=\"ms-m\">"
                        + "<nvpair id=\"ms-m1\" name=\"promotable\" value=\"true\"/>"
                        + "<nvpair id=\"ms-m2\" name=\"promoted-max\" value=\"1\"/>"
                        + "<nvpair id=\"ms-m3\" name=\"resource-stickiness\" value=\"100\"/></meta_attributes>"
                        + CibBuilder.primitive("s") + "</clone>" + CibBuilder.primitive("r"))
                .constraints("<rsc_location id=\"l1\" rsc=\"ms\" role=\"Promoted\" node=\"n1\" score=\"50\"/>"
                        + "<rsc_location id=\"l2\" rsc=\"r\" node=\"n1\" score=\"-100\"/>"
                        + "<rsc_colocation id=\"c\" rsc=\"r\" with-rsc=\"ms\" with-rsc-role=\"Promoted\""
                        + " score=\"INFINITY\"/>")
                .history("s", "n1", "<lrm_rsc_op id=\"s_last_0\" operation=\"promote\" interval=\"0\" call-id=\"3\""
                        + " rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>")
                .running("s", "n2");
        assertEquals(List.of("* Start r ( n1 )"), summary(cib));
    }
}
