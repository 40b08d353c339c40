package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;
import org.w3c.dom.Document;

/** {@code crm_mon --output-as xml}, {@code -X} and {@code crm status --output-as xml} answer in Pacemaker's XML. */
class CrmMonXmlTest {
    private static final String CIB = """
            <cib admin_epoch="0" epoch="5" num_updates="0" validate-with="pacemaker-3.9" crm_feature_set="3.19.0" have-quorum="1" dc-uuid="1">
              <configuration>
                <crm_config><cluster_property_set id="opts">
                  <nvpair id="opts-stonith" name="stonith-enabled" value="false"/>
                  <nvpair id="opts-stack" name="cluster-infrastructure" value="corosync"/>
                </cluster_property_set></crm_config>
                <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
                <resources>
                  <primitive id="d6" class="ocf" provider="heartbeat" type="Dummy">
                    <meta_attributes id="d6-meta"><nvpair id="d6-mt" name="migration-threshold" value="2"/></meta_attributes>
                    <operations><op id="d6-mon" name="monitor" interval="15s"/></operations>
                  </primitive>
                  <clone id="c"><primitive id="p" class="ocf" provider="heartbeat" type="Dummy"/></clone>
                </resources>
                <constraints>
                  <rsc_location id="ban-d6" rsc="d6" node="n2" score="-INFINITY"/>
                </constraints>
              </configuration>
              <status>
                <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
                  <transient_attributes id="1"><instance_attributes id="status-1">
                    <nvpair id="status-1-fc" name="fail-count-d6#monitor_15000" value="1"/>
                    <nvpair id="status-1-lf" name="last-failure-d6#monitor_15000" value="1700000004"/>
                  </instance_attributes></transient_attributes>
                  <lrm id="1"><lrm_resources>
                    <lrm_resource id="d6" class="ocf" provider="heartbeat" type="Dummy">
                      <lrm_rsc_op id="d6_last_0" operation_key="d6_start_0" operation="start" call-id="3" rc-code="0"
                          op-status="0" interval="0" last-rc-change="1700000002" exec-time="10" queue-time="0"
                          transition-key="1:1:0:uuid" transition-magic="0:0;1:1:0:uuid"/>
                      <lrm_rsc_op id="d6_last_failure_0" operation_key="d6_monitor_15000" operation="monitor"
                          call-id="4" rc-code="7" op-status="0" interval="15000" last-rc-change="1700000004"
                          exec-time="5" queue-time="0" transition-key="2:1:0:uuid" transition-magic="0:7;2:1:0:uuid"/>
                    </lrm_resource>
                    <lrm_resource id="p" class="ocf" provider="heartbeat" type="Dummy">
                      <lrm_rsc_op id="p_last_0" operation_key="p_start_0" operation="start" call-id="5" rc-code="0"
                          op-status="0" interval="0" transition-key="3:1:0:uuid" transition-magic="0:0;3:1:0:uuid"/>
                    </lrm_resource>
                  </lrm_resources></lrm>
                </node_state>
                <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/>
              </status>
            </cib>
            """;

    @TempDir
    Path dir;

    private Document run(String... args) throws Exception {
        Files.writeString(dir.resolve("cib.xml"), CIB);
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run(args);
        assertEquals(0, r.code(), r.err());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    }

    private static String x(Document d, String xpath) throws Exception {
        return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.STRING);
    }

    @Test
    void xmlCarriesEverySectionAsPacemakersApi() throws Exception {
        Document d = run("crm_mon", "--output-as", "xml");
        assertEquals("2.25", x(d, "/pacemaker-result/@api-version"));
        assertEquals("corosync", x(d, "/pacemaker-result/summary/stack/@type"));
        assertEquals("n1", x(d, "/pacemaker-result/summary/current_dc/@name"));
        assertEquals("false", x(d, "/pacemaker-result/summary/cluster_options/@stonith-enabled"));
        assertEquals("2", x(d, "count(/pacemaker-result/nodes/node)"));
        assertEquals("n1", x(d, "/pacemaker-result/resources/resource[@id='d6']/node/@name"));
        // an anonymous clone lists every instance under its base id
        assertEquals("2", x(d, "count(/pacemaker-result/resources/clone[@id='c']/resource[@id='p'])"));
        assertEquals("1", x(d, "/pacemaker-result/node_history/node[@name='n1']/resource_history[@id='d6']"
                + "/@fail-count"));
        assertEquals("15000ms", x(d, "//resource_history[@id='d6']/operation_history[@task='monitor']/@interval"));
        assertEquals("d6_monitor_15000", x(d, "/pacemaker-result/failures/failure/@op_key"));
        assertEquals("not running", x(d, "/pacemaker-result/failures/failure/@exitstatus"));
        assertEquals("-1000000", x(d, "/pacemaker-result/bans/ban[@id='ban-d6']/@weight"));
        assertEquals("0", x(d, "/pacemaker-result/status/@code"));
    }

    @Test
    void includeAndExcludeChooseTheSections() throws Exception {
        Document d = run("crm_mon", "--output-as", "xml", "--exclude=nodes,bans", "--resource=d6");
        assertEquals("0", x(d, "count(/pacemaker-result/nodes)"));
        assertEquals("0", x(d, "count(/pacemaker-result/bans)"));
        assertEquals("0", x(d, "count(/pacemaker-result/resources/clone)"));
        assertEquals("1", x(d, "count(/pacemaker-result/resources/resource)"));
    }

    @Test
    void maintenanceModeShowsResourcesUnmanaged() throws Exception {
        Files.writeString(dir.resolve("cib.xml"), CIB.replace("<nvpair id=\"opts-stack\"",
                "<nvpair id=\"opts-mm\" name=\"maintenance-mode\" value=\"true\"/><nvpair id=\"opts-stack\""));
        CliRunner.Result r = CliRunner.withCib(dir, "cib.xml").run("crm_mon", "-1");
        assertTrue(r.out().contains("Resource management is DISABLED"), r.out());
        assertTrue(r.out().contains("Started n1 (unmanaged)"), r.out());
        CliRunner.Result x = CliRunner.withCib(dir, "cib.xml").run("crm_mon", "--output-as", "xml");
        assertTrue(x.out().contains("maintenance-mode=\"true\""), x.out());
        assertTrue(x.out().contains("<resource id=\"d6\" resource_agent=\"ocf:heartbeat:Dummy\" role=\"Started\""
                + " active=\"true\" orphaned=\"false\" blocked=\"false\" managed=\"false\""), x.out());
    }

    @Test
    void dashXGivesTheLegacyDocument() throws Exception {
        Document d = run("crm_mon", "-X");
        assertEquals("2.1.5", x(d, "/crm_mon/@version"));
        assertEquals("0", x(d, "count(/crm_mon/status)"));
        assertTrue(!x(d, "/crm_mon/summary/last_update/@time").isEmpty());
    }

    @Test
    void crmStatusSpeaksTheSameXml() throws Exception {
        Document d = run("status", "--output-as", "xml");
        assertEquals("crm_mon --output-as xml", x(d, "/pacemaker-result/@request"));
        assertEquals("d6_monitor_15000", x(d, "/pacemaker-result/failures/failure/@op_key"));
    }
}
