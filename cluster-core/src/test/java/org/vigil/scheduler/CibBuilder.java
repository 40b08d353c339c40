package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/** Small CIBs for scheduler tests, written as Pacemaker XML. */
final class CibBuilder {
    private final List<String> nodes = new ArrayList<>();
    private final List<String> offline = new ArrayList<>();
    private final StringBuilder resources = new StringBuilder();
    private final StringBuilder constraints = new StringBuilder();
    private final StringBuilder status = new StringBuilder();
    private String fencing = "false";
    private final StringBuilder properties = new StringBuilder();
    private boolean quorum = true;

    CibBuilder nodes(String... names) {
        nodes.addAll(List.of(names));
        return this;
    }

    CibBuilder offline(String name) {
        offline.add(name);
        return this;
    }

    CibBuilder fencing(boolean on) {
        fencing = Boolean.toString(on);
        return this;
    }

    /** Sets a cluster property ({@code crm_config}). */
    CibBuilder property(String name, String value) {
        properties.append("<nvpair id=\"p-").append(name).append("\" name=\"").append(name).append("\" value=\"")
                .append(value).append("\"/>");
        return this;
    }

    /** Whether the partition has quorum ({@code have-quorum}). */
    CibBuilder quorum(boolean on) {
        quorum = on;
        return this;
    }

    CibBuilder resources(String xml) {
        resources.append(xml);
        return this;
    }

    CibBuilder constraints(String xml) {
        constraints.append(xml);
        return this;
    }

    /** Records that {@code rsc} was started successfully on {@code node}. */
    CibBuilder running(String rsc, String node) {
        status.append("<lrm_resource id=\"").append(rsc).append("\" class=\"ocf\" provider=\"heartbeat\" ")
                .append("type=\"Dummy\" node=\"").append(node).append("\">")
                .append("<lrm_rsc_op id=\"").append(rsc).append("_last_0\" operation=\"start\" interval=\"0\" ")
                .append("call-id=\"2\" rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>")
                .append("</lrm_resource>\n");
        return this;
    }

    /** Records {@code rsc}'s history on {@code node} as the given {@code lrm_rsc_op} elements. */
    CibBuilder history(String rsc, String node, String opsXml) {
        status.append("<lrm_resource id=\"").append(rsc).append("\" class=\"ocf\" provider=\"heartbeat\" ")
                .append("type=\"Dummy\" node=\"").append(node).append("\">").append(opsXml.replace("\n", ""))
                .append("</lrm_resource>\n");
        return this;
    }

    Cib build() {
        try {
            return CibXml.standard().read(xml(), "test").cib();
        } catch (CibParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CIB as Pacemaker XML (what {@link #build()} parses), e.g. to run through crm_simulate. */
    String xml() {
        StringBuilder x = new StringBuilder("<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" "
                + "admin_epoch=\"0\" have-quorum=\"" + (quorum ? 1 : 0) + "\"><configuration><crm_config>"
                + "<cluster_property_set id=\"p\"><nvpair id=\"p1\" name=\"stonith-enabled\" value=\"" + fencing
                + "\"/>" + properties + "</cluster_property_set></crm_config><nodes>");
        for (int i = 0; i < nodes.size(); i++) {
            x.append("<node id=\"").append(i + 1).append("\" uname=\"").append(nodes.get(i)).append("\"/>");
        }
        x.append("</nodes><resources>").append(resources).append("</resources><constraints>").append(constraints)
                .append("</constraints></configuration><status>");
        for (int i = 0; i < nodes.size(); i++) {
            String n = nodes.get(i);
            boolean up = !offline.contains(n);
            x.append("<node_state id=\"").append(i + 1).append("\" uname=\"").append(n).append("\" in_ccm=\"")
                    .append(up).append("\" crmd=\"").append(up ? "online" : "offline")
                    .append("\" join=\"").append(up ? "member" : "down").append("\" expected=\"member\">")
                    .append("<lrm id=\"").append(i + 1).append("\"><lrm_resources>");
            for (String line : status.toString().split("\n")) {
                if (line.contains("node=\"" + n + "\"")) {
                    x.append(line.replace(" node=\"" + n + "\"", ""));
                }
            }
            x.append("</lrm_resources></lrm></node_state>");
        }
        x.append("</status></cib>");
        return x.toString();
    }

    static String primitive(String id) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    }
}
