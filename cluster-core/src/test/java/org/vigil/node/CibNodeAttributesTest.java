package org.vigil.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;

class CibNodeAttributesTest {
    @Test
    void transientValueWinsOverThePermanentOneAsCrmAttributeQueryFindsThem() throws Exception {
        Cib cib = CibXml.parse("""
                <cib admin_epoch="0" epoch="1" num_updates="0">
                  <configuration><crm_config/>
                    <nodes>
                      <node id="1" uname="server50"><instance_attributes id="n1">
                        <nvpair id="n1-ip" name="ip_livemigration" value="192.168.1.50"/>
                        <nvpair id="n1-rack" name="rack" value="r1"/></instance_attributes></node>
                    </nodes><resources/><constraints/></configuration>
                  <status><node_state id="1" uname="server50"><transient_attributes id="1">
                    <instance_attributes id="status-1"><nvpair id="s1-rack" name="rack" value="r2"/></instance_attributes>
                  </transient_attributes></node_state></status>
                </cib>""");
        CibNodeAttributes attrs = new CibNodeAttributes(() -> cib);
        assertEquals(Optional.of("192.168.1.50"), attrs.get("server50", "ip_livemigration"));
        assertEquals(Optional.of("r2"), attrs.get("server50", "rack"));
        assertEquals(Optional.empty(), attrs.get("server51", "ip_livemigration"));
        assertEquals(Optional.empty(), new CibNodeAttributes(() -> null).get("server50", "rack"));
    }
}
