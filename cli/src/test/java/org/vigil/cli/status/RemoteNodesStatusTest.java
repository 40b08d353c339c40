package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/** crm status and crm_mon list Pacemaker Remote and guest nodes as Pacemaker does, apart from the members. */
class RemoteNodesStatusTest {
    private static final String CIB = """
            <cib admin_epoch="0" epoch="5" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1">
              <configuration>
                <crm_config><cluster_property_set id="opts">
                  <nvpair id="opts-stonith" name="stonith-enabled" value="false"/>
                </cluster_property_set></crm_config>
                <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
                <resources>
                  <primitive id="r1" class="ocf" provider="pacemaker" type="remote"/>
                  <primitive id="vm1" class="ocf" provider="heartbeat" type="Dummy">
                    <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
                  </primitive>
                </resources>
                <constraints/>
              </configuration>
              <status>
                <node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member">
                  <lrm id="1"><lrm_resources>
                    <lrm_resource id="r1" class="ocf" provider="pacemaker" type="remote">
                      <lrm_rsc_op id="r1_last_0" operation="start" interval="0" call-id="2" rc-code="0" op-status="0" transition-key="1:1:0:x"/>
                    </lrm_resource>
                  </lrm_resources></lrm>
                </node_state>
                <node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member">
                  <lrm id="2"><lrm_resources>
                    <lrm_resource id="vm1" class="ocf" provider="heartbeat" type="Dummy">
                      <lrm_rsc_op id="vm1_last_0" operation="start" interval="0" call-id="2" rc-code="0" op-status="0" transition-key="1:1:0:x"/>
                    </lrm_resource>
                    <lrm_resource id="guest1" class="ocf" provider="pacemaker" type="remote">
                      <lrm_rsc_op id="guest1_last_0" operation="start" interval="0" call-id="3" rc-code="0" op-status="0" transition-key="1:1:0:x"/>
                    </lrm_resource>
                  </lrm_resources></lrm>
                </node_state>
                <node_state id="r1" uname="r1" remote_node="true" in_ccm="true"/>
                <node_state id="guest1" uname="guest1" remote_node="true" in_ccm="true"/>
              </status>
            </cib>
            """;

    @Test
    void remoteAndGuestNodesAreListedApartFromMembers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cib.xml");
        Files.writeString(file, CIB);
        CliRunner crm = new CliRunner(dir).env("CIB_file", file.toString()).env("TZ", "UTC");
        String status = crm.run("status").out();
        assertTrue(status.contains("  * Online: [ n1 n2 ]\n  * RemoteOnline: [ r1 ]\n  * GuestOnline: [ guest1 ]\n"),
                status);
        String detail = crm.run("crm_mon", "-1", "-R").out();
        assertTrue(detail.contains("GuestNode guest1@n2: online"), detail);
        assertTrue(detail.contains("RemoteNode r1: online"), detail);
        assertEquals("1 n1 member\n2 n2 member\n", crm.run("crm_node", "-l").out());
    }
}
