package org.vigil.capacity;

/** Small CIBs for capacity proofs, as Pacemaker XML. */
final class Cibs {
    private Cibs() {}

    private static String cib(String props, String nodes, String resources, String constraints, String status) {
        return "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\">"
                + "<configuration><crm_config><cluster_property_set id=\"p\">"
                + "<nvpair id=\"p-st\" name=\"stonith-enabled\" value=\"false\"/>" + props
                + "</cluster_property_set></crm_config><nodes>" + nodes + "</nodes><resources>" + resources
                + "</resources><constraints>" + constraints + "</constraints></configuration><status>" + status
                + "</status></cib>";
    }

    private static String prop(String name, String value) {
        return "<nvpair id=\"p-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
    }

    private static String node(int id, String name, String cpu) {
        return "<node id=\"" + id + "\" uname=\"" + name + "\">" + (cpu == null ? "" : "<utilization id=\"u" + id
                + "\"><nvpair id=\"u" + id + "-cpu\" name=\"cpu\" value=\"" + cpu + "\"/></utilization>") + "</node>";
    }

    static String dummy(String id, String cpu) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + (cpu == null ? "" : "<utilization id=\"" + id + "-u\"><nvpair id=\"" + id
                        + "-cpu\" name=\"cpu\" value=\"" + cpu + "\"/></utilization>") + "</primitive>";
    }

    private static String op(String rsc, String task, int rc) {
        return "<lrm_resource id=\"" + rsc + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<lrm_rsc_op id=\"" + rsc + "_last_0\" operation=\"" + task + "\" interval=\"0\" call-id=\"2\" "
                + "rc-code=\"" + rc + "\" op-status=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>";
    }

    /** A node_state that is up and has started {@code running}. */
    private static String up(int id, String name, String... running) {
        StringBuilder lrm = new StringBuilder();
        for (String r : running) {
            lrm.append(op(r, "start", 0));
        }
        return upWith(id, name, lrm.toString());
    }

    private static String upWith(int id, String name, String lrm) {
        return "<node_state id=\"" + id + "\" uname=\"" + name + "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                + "expected=\"member\"><lrm id=\"" + id + "\"><lrm_resources>" + lrm
                + "</lrm_resources></lrm></node_state>";
    }

    /** big (cpu 16) runs vm-big (12); small1 and small2 (cpu 4) run vm-a and vm-b (2 each). */
    static String threeNodesOneBig() {
        return cib(prop("placement-strategy", "utilization"),
                node(1, "big", "16") + node(2, "small1", "4") + node(3, "small2", "4"),
                dummy("vm-big", "12") + dummy("vm-a", "2") + dummy("vm-b", "2"), "",
                up(1, "big", "vm-big") + up(2, "small1", "vm-a") + up(3, "small2", "vm-b"));
    }

    /** As {@link #threeNodesOneBig} with vm-big in a group after ip-big (no utilization). */
    static String groupOnBig() {
        return cib(prop("placement-strategy", "utilization"),
                node(1, "big", "16") + node(2, "small1", "4") + node(3, "small2", "4"),
                "<group id=\"g-big\">" + dummy("ip-big", null) + dummy("vm-big", "12") + "</group>"
                        + dummy("vm-a", "2") + dummy("vm-b", "2"), "",
                up(1, "big", "ip-big", "vm-big") + up(2, "small1", "vm-a") + up(3, "small2", "vm-b"));
    }

    /** Three nodes, one Dummy on each. */
    static String threeDummies(String noQuorumPolicy) {
        return cib(prop("no-quorum-policy", noQuorumPolicy),
                node(1, "n1", null) + node(2, "n2", null) + node(3, "n3", null),
                dummy("d1", null) + dummy("d2", null) + dummy("d3", null), "",
                up(1, "n1", "d1") + up(2, "n2", "d2") + up(3, "n3", "d3"));
    }

    /** db runs on n1 and may not run on n2; web must run with db. */
    static String dbBannedFromN2WithWebOnTop() {
        return cib("", node(1, "n1", null) + node(2, "n2", null), dummy("db", null) + dummy("web", null),
                "<rsc_location id=\"ban-db\" rsc=\"db\" node=\"n2\" score=\"-INFINITY\"/>"
                        + "<rsc_colocation id=\"web-with-db\" rsc=\"web\" with-rsc=\"db\" score=\"INFINITY\"/>",
                up(1, "n1", "db", "web") + up(2, "n2"));
    }

    /** 'off' is disabled, 'nowhere' is banned everywhere, 'hands-off' is unmanaged: only 'up' counts. */
    static String disabledAndUnrunnable() {
        String off = "<primitive id=\"off\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<meta_attributes id=\"off-m\"><nvpair id=\"off-tr\" name=\"target-role\" value=\"Stopped\"/>"
                + "</meta_attributes></primitive>";
        String unmanaged = "<primitive id=\"hands-off\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<meta_attributes id=\"ho-m\"><nvpair id=\"ho-im\" name=\"is-managed\" value=\"false\"/>"
                + "</meta_attributes></primitive>";
        return cib("", node(1, "n1", null) + node(2, "n2", null), dummy("up", null) + off + dummy("nowhere", null)
                        + unmanaged,
                "<rsc_location id=\"nowhere-n1\" rsc=\"nowhere\" node=\"n1\" score=\"-INFINITY\"/>"
                        + "<rsc_location id=\"nowhere-n2\" rsc=\"nowhere\" node=\"n2\" score=\"-INFINITY\"/>",
                up(1, "n1", "up", "hands-off") + up(2, "n2"));
    }

    /** No status at all; 'pinned' may only run on n1. */
    static String noStatus() {
        return cib("", node(1, "n1", null) + node(2, "n2", null), dummy("pinned", null),
                "<rsc_location id=\"pin\" rsc=\"pinned\" node=\"n2\" score=\"-INFINITY\"/>", "");
    }

    /** A promotable clone promoted on n1; n2 may run an instance but never promote it. */
    static String promotableOnlyN1MayPromote() {
        String ms = "<clone id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-p\" name=\"promotable\" "
                + "value=\"true\"/><nvpair id=\"ms-pm\" name=\"promoted-max\" value=\"1\"/></meta_attributes>"
                + "<primitive id=\"st\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/></clone>";
        String status = upWith(1, "n1", stateful("st:0", 8)).replace("<lrm ", promotionScore(1))
                + upWith(2, "n2", stateful("st:1", 0)).replace("<lrm ", promotionScore(2));
        return cib("", node(1, "n1", null) + node(2, "n2", null), ms,
                "<rsc_location id=\"no-promote-n2\" rsc=\"ms\" role=\"Promoted\" node=\"n2\" score=\"-INFINITY\"/>",
                status);
    }

    /** The promotion score the Stateful agent sets on its node. */
    private static String promotionScore(int node) {
        return "<transient_attributes id=\"" + node + "\"><instance_attributes id=\"ta" + node + "\"><nvpair id=\"ta"
                + node + "-m\" name=\"master-st\" value=\"10\"/></instance_attributes></transient_attributes><lrm ";
    }

    private static String stateful(String id, int rc) {
        return "<lrm_resource id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">"
                + "<lrm_rsc_op id=\"" + id + "_last_0\" operation=\"" + (rc == 8 ? "promote" : "start")
                + "\" interval=\"0\" call-id=\"3\" rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
                + "</lrm_resource>";
    }
}
