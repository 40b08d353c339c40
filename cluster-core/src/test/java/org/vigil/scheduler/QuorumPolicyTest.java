package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;

/** What a partition without quorum may still run (no-quorum-policy, requires=quorum), checked against Pacemaker. */
class QuorumPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<String> summary(Cib cib) {
        return new Scheduler().schedule(cib, NOW).summary().stream().map(s -> s.trim().replaceAll("\\s+", " "))
                .sorted().toList();
    }

    /** The op-digest Pacemaker records for an agent without parameters. */
    private static final String DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8";

    private static String last(String rsc, String operation) {
        return "<lrm_rsc_op id=\"" + rsc + "_last_0\" operation_key=\"" + rsc + "_" + operation + "_0\" operation=\""
                + operation + "\" interval=\"0\" call-id=\"3\" rc-code=\"0\" op-status=\"0\" "
                + "transition-key=\"1:1:0:x\" op-digest=\"" + DIGEST + "\"/>";
    }

    private static final String FENCE = "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>";

    @Test
    void demotePolicyDemotesPromotedInstancesAndStopsEverythingElse() {
        Cib cib = new CibBuilder().nodes("n1", "n2").quorum(false).property("no-quorum-policy", "demote")
                .resources("<clone id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-p\" name=\"promotable\" "
                        + "value=\"true\"/></meta_attributes>" + CibBuilder.primitive("s") + "</clone>"
                        + CibBuilder.primitive("d"))
                .history("s", "n1", last("s", "promote")).history("s", "n2", last("s", "start"))
                .history("d", "n2", last("d", "start")).build();
        assertEquals(List.of("* Demote s:0 ( Promoted -> Unpromoted n1 )", "* Stop d ( n2 ) due to no quorum"),
                summary(cib));
    }

    @Test
    void stopPolicyStopsPromotedInstancesToo() {
        Cib cib = new CibBuilder().nodes("n1", "n2").quorum(false).property("no-quorum-policy", "stop")
                .resources("<clone id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-p\" name=\"promotable\" "
                        + "value=\"true\"/></meta_attributes>" + CibBuilder.primitive("s") + "</clone>")
                .history("s", "n1", last("s", "promote")).history("s", "n2", last("s", "start")).build();
        assertEquals(List.of("* Stop s:0 ( Promoted n1 ) due to no quorum",
                "* Stop s:1 ( Unpromoted n2 ) due to no quorum"), summary(cib));
    }

    @Test
    void instanceNeedingOnlyQuorumOnUncleanNodeFreesItsInstanceNumber() {
        Cib cib = new CibBuilder().fencing(true).nodes("n1", "n2", "n3").offline("n1")
                .resources(FENCE + "<clone id=\"c\"><meta_attributes id=\"c-m\"><nvpair id=\"c-max\" name=\"clone-max\" "
                        + "value=\"2\"/></meta_attributes><primitive id=\"q\" class=\"ocf\" provider=\"heartbeat\" "
                        + "type=\"Dummy\"><meta_attributes id=\"q-m\"><nvpair id=\"q-r\" name=\"requires\" "
                        + "value=\"quorum\"/></meta_attributes></primitive></clone>")
                .history("q", "n1", last("q", "start")).history("q", "n2", last("q", "start")).build();
        assertEquals(List.of("* Fence (reboot) n1 'peer is no longer part of the cluster'", "* Start fence ( n2 )",
                "* Start q:1 ( n3 )", "* Stop q:2 ( n1 ) due to node availability"), summary(cib));
    }
}
