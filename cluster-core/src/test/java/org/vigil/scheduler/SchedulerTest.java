package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;

class SchedulerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<String> summary(Cib cib) {
        return new Scheduler().schedule(cib, NOW).summary().stream().map(s -> s.trim().replaceAll("\\s+", " "))
                .toList();
    }

    @Test
    void stoppedResourceStartsOnPreferredNode() {
        Cib cib = new CibBuilder().nodes("n1", "n2").resources(CibBuilder.primitive("web"))
                .constraints("<rsc_location id=\"l\" rsc=\"web\" node=\"n2\" score=\"100\"/>").build();
        assertEquals(List.of("* Start web ( n2 )"), summary(cib));
    }

    @Test
    void failedNodeIsFencedAndItsResourceMovesToPeer() {
        Cib cib = new CibBuilder().fencing(true).nodes("n1", "n2").offline("n1")
                .resources(CibBuilder.primitive("vm")).running("vm", "n1").build();
        assertEquals(List.of("* Fence (reboot) n1 'peer is no longer part of the cluster'", "* Move vm ( n1 -> n2 )"),
                summary(cib));
    }

    @Test
    void mandatoryColocationPlacesDependentWithPrimary() {
        Cib cib = new CibBuilder().nodes("n1", "n2", "n3")
                .resources(CibBuilder.primitive("db") + CibBuilder.primitive("ip"))
                .constraints("<rsc_location id=\"l\" rsc=\"db\" node=\"n3\" score=\"50\"/>"
                        + "<rsc_colocation id=\"c\" rsc=\"ip\" with-rsc=\"db\" score=\"INFINITY\"/>")
                .build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n3", t.placements().get("db"));
        assertEquals("n3", t.placements().get("ip"));
    }

    @Test
    void groupMembersFollowTheFirstMemberAndStartInOrder() {
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources("<group id=\"g\">" + CibBuilder.primitive("a") + CibBuilder.primitive("b") + "</group>")
                .constraints("<rsc_location id=\"l\" rsc=\"g\" node=\"n2\" score=\"10\"/>").build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n2", t.placements().get("a"));
        assertEquals("n2", t.placements().get("b"));
        String text = t.toText();
        assertTrue(text.indexOf("a               start") < text.indexOf("b               start"), text);
    }

    @Test
    void aGroupsLocationScoreCountsOnceNotOncePerMember() {
        // r0 may go where g prefers (g must run with it): g's 100 on n2 ties with r0's own 100 on n1, so r0
        // stays; counted once per member it would weigh 300 and pull r0 (and the group) to n2
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources(CibBuilder.primitive("r0") + "<group id=\"g\">" + CibBuilder.primitive("a")
                        + CibBuilder.primitive("b") + CibBuilder.primitive("c") + "</group>")
                .constraints("<rsc_location id=\"l1\" rsc=\"r0\" node=\"n1\" score=\"100\"/>"
                        + "<rsc_location id=\"l2\" rsc=\"g\" node=\"n2\" score=\"100\"/>"
                        + "<rsc_colocation id=\"c\" rsc=\"g\" with-rsc=\"r0\" score=\"INFINITY\"/>")
                .running("r0", "n1").build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n1", t.placements().get("r0"));
        assertEquals("n1", t.placements().get("c"));
    }

    @Test
    void aGroupBanHoldsForEveryMember() {
        // the ban on g reaches b through b's own colocation: r0, which b must run with, leaves n1
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources(CibBuilder.primitive("r0") + "<group id=\"g\">" + CibBuilder.primitive("a")
                        + CibBuilder.primitive("b") + "</group>")
                .constraints("<rsc_location id=\"l1\" rsc=\"g\" node=\"n1\" score=\"-INFINITY\"/>"
                        + "<rsc_colocation id=\"c\" rsc=\"b\" with-rsc=\"r0\" score=\"INFINITY\"/>")
                .running("r0", "n1").build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n2", t.placements().get("r0"));
        assertEquals("n2", t.placements().get("b"));
    }

    @Test
    void stickinessKeepsRunningResourceInPlace() {
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources("<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        + "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"resource-stickiness\" value=\"200\"/>"
                        + "</meta_attributes></primitive>")
                .constraints("<rsc_location id=\"l\" rsc=\"web\" node=\"n2\" score=\"100\"/>")
                .running("web", "n1").build();
        assertEquals(List.of(), summary(cib));
        assertTrue(new Scheduler().schedule(cib, NOW).explanations().get("web").stream()
                .anyMatch(s -> s.contains("resource-stickiness")));
    }

    @Test
    void anInvalidBundleIsNamedInTheResult() {
        Cib cib = new CibBuilder().nodes("n1")
                .resources("<bundle id=\"httpd-bundle\"><network control-port=\"3121\"/></bundle>").build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertTrue(t.unsupported().stream().anyMatch(u -> u.contains("bundle httpd-bundle")
                && u.contains("no container runtime")), t.unsupported().toString());
    }

    @Test
    void migrationLimitIsCarriedForTheExecutor() {
        Cib cib = new CibBuilder().nodes("n1").resources(CibBuilder.primitive("a")).build();
        assertEquals(-1, new Scheduler().schedule(cib, NOW).migrationLimit());
        Cib limited = cib.withConfiguration(cib.configuration().withClusterProperties(java.util.List.of(
                org.vigil.cib.NvSet.of("p", java.util.List.of(org.vigil.cib.NvPair.of("p2", "migration-limit", "2"),
                        org.vigil.cib.NvPair.of("p1", "stonith-enabled", "false"))))));
        assertEquals(2, new Scheduler().schedule(limited, NOW).migrationLimit());
    }

    @Test
    void sameInputGivesSameTransition() {
        Cib cib = new CibBuilder().nodes("n1", "n2", "n3")
                .resources(CibBuilder.primitive("a") + CibBuilder.primitive("b") + CibBuilder.primitive("c"))
                .running("a", "n1").build();
        Transition first = new Scheduler().schedule(cib, NOW);
        Transition second = new Scheduler().schedule(cib, NOW);
        assertEquals(first.summary(), second.summary());
        assertEquals(first.toDot(), second.toDot());
    }

    @Test
    void unexpiredFailureNamesTheInstantItExpiresAsRecheckBy() {
        long failedAt = NOW.getEpochSecond() - 60;
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources("<primitive id=\"vm\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        + "<meta_attributes id=\"vm-meta\"><nvpair id=\"vm-ft\" name=\"failure-timeout\""
                        + " value=\"10m\"/></meta_attributes></primitive>")
                .history("vm", "n1", "<lrm_rsc_op id=\"vm_last_0\" operation=\"start\" interval=\"0\" call-id=\"2\""
                        + " rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
                        + "<lrm_rsc_op id=\"vm_last_failure_0\" operation=\"monitor\" interval=\"10000\""
                        + " call-id=\"3\" rc-code=\"7\" op-status=\"0\" transition-key=\"2:1:0:x\""
                        + " last-rc-change=\"" + failedAt + "\"/>")
                .build();
        assertEquals(NOW.plusSeconds(540), new Scheduler().schedule(cib, NOW).recheckBy());
        assertEquals(null, new Scheduler().schedule(cib, NOW.plusSeconds(600)).recheckBy(),
                "an expired failure names no later instant");
    }

    @Test
    void dateRuleNamesItsNextBoundAsRecheckBy() {
        Cib cib = new CibBuilder().nodes("n1", "n2").resources(CibBuilder.primitive("web"))
                .constraints("<rsc_location id=\"l\" rsc=\"web\"><rule id=\"r\" score=\"100\" boolean-op=\"and\">"
                        + "<expression id=\"e\" attribute=\"#uname\" operation=\"eq\" value=\"n2\"/>"
                        + "<date_expression id=\"d\" operation=\"in_range\" start=\"2025-12-31T00:00:00Z\""
                        + " end=\"2026-01-01T08:00:00Z\"/></rule></rsc_location>")
                .build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n2", t.placements().get("web"));
        assertEquals(Instant.parse("2026-01-01T08:00:01Z"), t.recheckBy(), "in_range ends inclusively");
    }

    @Test
    void timelessClusterHasNoRecheckBy() {
        Cib cib = new CibBuilder().nodes("n1", "n2").resources(CibBuilder.primitive("web")).build();
        assertEquals(null, new Scheduler().schedule(cib, NOW).recheckBy());
    }
}
