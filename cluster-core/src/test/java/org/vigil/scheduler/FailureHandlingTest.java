package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;

class FailureHandlingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<String> summary(Cib cib) {
        return new Scheduler().schedule(cib, NOW).summary().stream().map(s -> s.trim().replaceAll("\\s+", " "))
                .toList();
    }

    private static String op(String rsc, String task, int call, int rc, String extra) {
        return "<lrm_rsc_op id=\"" + rsc + "_" + task + "_" + call + "\" operation=\"" + task + "\" interval=\"0\" "
                + "call-id=\"" + call + "\" rc-code=\"" + rc + "\" op-status=\"0\" transition-key=\"" + call
                + ":1:" + (task.equals("monitor") ? 7 : 0) + ":x\" " + extra + "/>";
    }

    private static String primitive(String id, String meta) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<meta_attributes id=\"" + id + "-m\">" + meta + "</meta_attributes></primitive>";
    }

    @Test
    void stopUnexpectedStopsOnlyTheCopyThatShouldNotRunThere() {
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources(primitive("web", "<nvpair id=\"ma\" name=\"multiple-active\" value=\"stop_unexpected\"/>"))
                .constraints("<rsc_location id=\"l\" rsc=\"web\" node=\"n1\" score=\"100\"/>")
                .running("web", "n1").running("web", "n2").build();
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals(List.of("* Restart web ( n1 )"),
                t.summary().stream().map(s -> s.trim().replaceAll("\\s+", " ")).toList());
        List<String> executed = t.actions().stream().filter(a -> !a.pseudo() && a.resource() != null
                && !a.task().equals("monitor")).map(a -> a.task() + " " + a.node()).toList();
        assertEquals(List.of("stop n2"), executed, "the copy on n1 is neither stopped nor started again");
    }

    @Test
    void failedMigrateFromFailsTheSourceTooSoItIsRecoveredNotMigratedAgain() {
        String migrate = "migrate_source=\"n1\" migrate_target=\"n2\"";
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources(primitive("vm", "<nvpair id=\"am\" name=\"allow-migrate\" value=\"true\"/>"))
                .constraints("<rsc_location id=\"l\" rsc=\"vm\" node=\"n2\" score=\"100\"/>")
                .history("vm", "n1", op("vm", "start", 2, 0, "") + op("vm", "migrate_to", 3, 0, migrate))
                .history("vm", "n2", op("vm", "monitor", 1, 7, "") + op("vm", "migrate_from", 4, 1, migrate)
                        + op("vm", "stop", 5, 0, ""))
                .build();
        assertEquals(List.of("* Recover vm ( n1 -> n2 )"), summary(cib));
    }

    @Test
    void failedMigrateToLeavesItActiveOnTheTargetWhenNothingNewerHappenedThere() {
        String migrate = "migrate_source=\"n1\" migrate_target=\"n2\"";
        Cib cib = new CibBuilder().nodes("n1", "n2")
                .resources(primitive("vm", "<nvpair id=\"am\" name=\"allow-migrate\" value=\"true\"/>"))
                .constraints("<rsc_location id=\"l\" rsc=\"vm\" node=\"n2\" score=\"100\"/>")
                .history("vm", "n1", op("vm", "start", 2, 0, "last-rc-change=\"100\"")
                        + op("vm", "migrate_to", 3, 1, migrate + " last-rc-change=\"200\""))
                .history("vm", "n2", op("vm", "monitor", 1, 7, "last-rc-change=\"50\""))
                .build();
        // failed on n1 and assumed active on n2 as well (listed first): both stop, it starts again on n2
        // (crm_simulate 2.1.5 says the same of this CIB)
        assertEquals(List.of("* Recover vm ( n2 )"), summary(cib));
    }

    @Test
    void uniqueCloneInstanceIsBannedByItsOwnFailCountOnly() throws Exception {
        String cib = "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" "
                + "have-quorum=\"1\"><configuration><crm_config><cluster_property_set id=\"p\"><nvpair id=\"p1\" "
                + "name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config><nodes>"
                + "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes><resources>"
                + "<clone id=\"c\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\" name=\"globally-unique\" "
                + "value=\"true\"/><nvpair id=\"cm2\" name=\"clone-max\" value=\"1\"/><nvpair id=\"cm3\" "
                + "name=\"migration-threshold\" value=\"1\"/></meta_attributes>"
                + CibBuilder.primitive("d") + "</clone></resources><constraints/></configuration><status>"
                + "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                + "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"t1\">"
                + "<nvpair id=\"t1a\" name=\"fail-count-d:0#monitor_10000\" value=\"1\"/>"
                + "<nvpair id=\"t1b\" name=\"fail-count-d:1#monitor_10000\" value=\"1\"/>"
                + "</instance_attributes></transient_attributes><lrm id=\"1\"><lrm_resources>"
                + "<lrm_resource id=\"d:0\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + op("d:0", "start", 2, 0, "") + "</lrm_resource></lrm_resources></lrm></node_state>"
                + "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                + "expected=\"member\"/></status></cib>";
        assertEquals(List.of("* Move d:0 ( n1 -> n2 )"),
                summary(org.vigil.cib.CibXml.standard().read(cib, "test").cib()));
    }

    @Test
    void resourceWhoseAgentChangedIsRestarted() {
        Cib cib = new CibBuilder().nodes("n1").resources("<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" "
                + "type=\"apache\"/>").running("web", "n1").build(); // the history says Dummy
        assertEquals(List.of("* Restart web ( n1 )"), summary(cib));
    }

    @Test
    void startThatExpectedNotRunningLeavesTheResourceStopped() {
        Cib cib = new CibBuilder().nodes("n1").resources(CibBuilder.primitive("web"))
                .history("web", "n1", "<lrm_rsc_op id=\"web_last_0\" operation=\"start\" interval=\"0\" "
                        + "call-id=\"2\" rc-code=\"7\" op-status=\"0\" transition-key=\"1:1:7:x\"/>")
                .build();
        assertEquals(List.of("* Start web ( n1 )"), summary(cib));
    }
}
