package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.CibXml;

class UnfencingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static String op(String rsc, String task, String rc, String digest) {
        return "<lrm_rsc_op id=\"" + rsc + "_" + task + "\" operation=\"" + task + "\" interval=\"0\" call-id=\"1\" "
                + "rc-code=\"" + rc + "\" op-status=\"0\" crm_feature_set=\"3.0.7\" transition-key=\"1:1:"
                + ("start".equals(task) ? "0" : "7") + ":x\" op-digest=\"" + digest + "\"/>";
    }

    /** node1 runs the device and web and was unfenced; node2 has seen nothing, its unfencing is {@code node2}. */
    private static List<String> summary(String node1FenceDigest, String node2Attributes, String node2Lrm)
            throws Exception {
        String empty = "f2317cad3d54cec5d7d7aa7d0bf35cf8"; // Pacemaker's digest of no parameters
        String cib = "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" "
                + "have-quorum=\"1\"><configuration><crm_config/><nodes><node id=\"1\" uname=\"node1\"/>"
                + "<node id=\"2\" uname=\"node2\"/></nodes><resources>"
                + "<primitive id=\"fence\" class=\"stonith\" type=\"fence_scsi\"><meta_attributes id=\"fm\">"
                + "<nvpair id=\"fm1\" name=\"provides\" value=\"unfencing\"/></meta_attributes></primitive>"
                + "<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
                + "</resources><constraints><rsc_location id=\"l\" rsc=\"web\" node=\"node1\" score=\"100\"/>"
                + "</constraints></configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                + "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"s1\">"
                + "<nvpair id=\"s1u\" name=\"#node-unfenced\" value=\"1234\"/></instance_attributes>"
                + "</transient_attributes><lrm id=\"1\"><lrm_resources>"
                + "<lrm_resource id=\"fence\" class=\"stonith\" type=\"fence_scsi\">"
                + op("fence", "start", "0", node1FenceDigest) + "</lrm_resource>"
                + "<lrm_resource id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + op("web", "start", "0", empty) + "</lrm_resource></lrm_resources></lrm></node_state>"
                + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                + "expected=\"member\">" + node2Attributes + "<lrm id=\"2\"><lrm_resources>" + node2Lrm
                + "</lrm_resources></lrm></node_state></status></cib>";
        return new Scheduler().schedule(CibXml.standard().read(cib, "test").cib(), NOW).summary().stream()
                .map(s -> s.trim().replaceAll("\\s+", " ")).toList();
    }

    private static final String EMPTY = "f2317cad3d54cec5d7d7aa7d0bf35cf8";
    private static final String NODE2_UNFENCED = "<transient_attributes id=\"2\"><instance_attributes id=\"s2\">"
            + "<nvpair id=\"s2u\" name=\"#node-unfenced\" value=\"1234\"/></instance_attributes>"
            + "</transient_attributes>";
    private static final String NODE2_PROBED = "<lrm_resource id=\"fence\" class=\"stonith\" type=\"fence_scsi\">"
            + op("fence", "monitor", "7", EMPTY) + "</lrm_resource>"
            + "<lrm_resource id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + op("web", "monitor", "7", EMPTY) + "</lrm_resource>";

    @Test
    void nodeNeverUnfencedIsUnfencedBeforeTheFencingDeviceIsProbedThere() throws Exception {
        assertEquals(List.of("* Fence (on) node2 'required by fence monitor'"), summary(EMPTY, "", ""));
    }

    @Test
    void unfencedNodesNeedNothing() throws Exception {
        assertEquals(List.of(), summary(EMPTY, NODE2_UNFENCED, NODE2_PROBED));
        assertEquals(List.of(), summary(EMPTY, NODE2_UNFENCED, ""), "probes on an unfenced node need nothing");
    }

    @Test
    void changedDeviceParametersUnfenceItsNodeAgainAndRestartWhatRunsThere() throws Exception {
        assertEquals(List.of("* Fence (on) node1 'Device parameters changed'",
                "* Restart fence ( node1 ) due to resource definition change",
                "* Restart web ( node1 ) due to required stonith"),
                summary("0123456789abcdef0123456789abcdef", NODE2_UNFENCED, NODE2_PROBED));
    }
}
