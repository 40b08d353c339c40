package org.vigil.fencing;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/** Small CIBs with fence devices and topology, written as Pacemaker XML. */
final class TestCibs {
    private final List<String> resources = new ArrayList<>();
    private final List<String> levels = new ArrayList<>();
    private final List<String> properties = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();

    /** A device; {@code params} alternate name, value; a "meta:" prefix makes a meta attribute. */
    TestCibs device(String id, String type, String... params) {
        StringBuilder inst = new StringBuilder();
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            String name = params[i];
            StringBuilder to = name.startsWith("meta:") ? meta : inst;
            String n = name.startsWith("meta:") ? name.substring(5) : name;
            to.append("<nvpair id=\"").append(id).append('-').append(n).append("\" name=\"").append(n)
                    .append("\" value=\"").append(params[i + 1]).append("\"/>");
        }
        resources.add("<primitive id=\"" + id + "\" class=\"stonith\" type=\"" + type + "\">"
                + "<instance_attributes id=\"" + id + "-ia\">" + inst + "</instance_attributes>"
                + (meta.length() == 0 ? "" : "<meta_attributes id=\"" + id + "-ma\">" + meta + "</meta_attributes>")
                + "</primitive>");
        return this;
    }

    /** A level; {@code targetAttributes} is e.g. {@code target="n2"} or {@code target-pattern="n[23]"}. */
    TestCibs level(int index, String targetAttributes, String devices) {
        levels.add("<fencing-level id=\"fl-" + levels.size() + "\" index=\"" + index + "\" " + targetAttributes
                + " devices=\"" + devices + "\"/>");
        return this;
    }

    TestCibs property(String name, String value) {
        properties.add("<nvpair id=\"p-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>");
        return this;
    }

    TestCibs nodeAttribute(String node, String name, String value) {
        nodes.add("<node id=\"" + node + "\" uname=\"" + node + "\"><instance_attributes id=\"" + node + "-ia\">"
                + "<nvpair id=\"" + node + "-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>"
                + "</instance_attributes></node>");
        return this;
    }

    Cib build() {
        String xml = "<cib validate-with=\"pacemaker-3.0\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"><configuration>"
                + "<crm_config><cluster_property_set id=\"cib-bootstrap-options\">" + String.join("", properties)
                + "</cluster_property_set></crm_config>"
                + "<nodes>" + String.join("", nodes) + "</nodes>"
                + "<resources>" + String.join("", resources) + "</resources><constraints/>"
                + (levels.isEmpty() ? "" : "<fencing-topology>" + String.join("", levels) + "</fencing-topology>")
                + "</configuration><status/></cib>";
        try {
            return CibXml.parse(xml);
        } catch (CibParseException e) {
            throw new AssertionError(e.getMessage() + "\n" + xml, e);
        }
    }
}
