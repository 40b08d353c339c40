package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;

class BundleLinesTest {
    private static final String CIB = "<cib><configuration><crm_config/><nodes><node id=\"1\" uname=\"n1\"/>"
            + "</nodes><resources><bundle id=\"web\"><podman image=\"httpd\" replicas=\"2\"/>"
            + "<network control-port=\"3121\"/><primitive id=\"httpd\" class=\"ocf\" provider=\"heartbeat\""
            + " type=\"apache\"/></bundle></resources><constraints/></configuration><status>"
            + "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">"
            + "<lrm id=\"1\"><lrm_resources><lrm_resource id=\"web-podman-0\" class=\"ocf\" provider=\"heartbeat\""
            + " type=\"podman\"><lrm_rsc_op id=\"web-podman-0_last_0\" operation_key=\"web-podman-0_start_0\" operation=\"start\" interval=\"0\" call-id=\"2\" rc-code=\"0\""
            + " op-status=\"0\" transition-key=\"1:1:0:x\" transition-magic=\"0:0;1:1:0:x\"/></lrm_resource>"
            + "<lrm_resource id=\"web-0\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">"
            + "<lrm_rsc_op id=\"web-0_last_0\" operation_key=\"web-0_start_0\" operation=\"start\" interval=\"0\""
            + " call-id=\"4\" rc-code=\"0\" op-status=\"0\" transition-key=\"2:1:0:x\" transition-magic=\"0:0;2:1:0:x\"/>"
            + "</lrm_resource></lrm_resources></lrm></node_state>"
            + "<node_state id=\"web-0\" uname=\"web-0\" remote_node=\"true\"><lrm id=\"web-0\"><lrm_resources>"
            + "<lrm_resource id=\"httpd\" class=\"ocf\" provider=\"heartbeat\" type=\"apache\"><lrm_rsc_op id=\"httpd_last_0\" operation_key=\"httpd_start_0\""
            + " operation=\"start\" interval=\"0\" call-id=\"3\" rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\" transition-magic=\"0:0;1:1:0:x\"/></lrm_resource>"
            + "</lrm_resources></lrm></node_state></status></cib>";

    @Test
    void aBundleIsListedPerReplicaWithThePrimitiveInsideAndTheContainersNode() throws Exception {
        Cib cib = CibXml.standard().read(CIB, "test").cib();
        List<String> lines = ResourceLines.render(cib.configuration(), OperationHistory.of(cib), NodeView.of(cib));
        assertEquals(List.of("  * Container bundle set: web [httpd]:",
                "    * web-0\t(ocf:heartbeat:apache):\t Started n1",
                "    * web-1\t(ocf:heartbeat:apache):\t Stopped"), lines);
    }
}
