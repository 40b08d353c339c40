package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.transition.GraphAction;

class ActionRequestsTest {
    private static final String CIB = """
            <cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/><nodes/>
              <resources><clone id="db-clone"><meta_attributes id="m"><nvpair id="m1" name="promotable" value="true"/></meta_attributes>
                <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"><operations>
                  <op id="db-mon-p" name="monitor" interval="3s" role="Promoted"/>
                  <op id="db-mon-u" name="monitor" interval="4s" role="Unpromoted" timeout="30s"/>
                </operations></primitive></clone></resources><constraints/></configuration><status/></cib>""";

    @Test
    void promotedRoleMonitorExpectsRunningPromotedInItsTransitionKey() throws Exception {
        Cib cib = CibXml.parse(CIB);
        ExecRequest promoted = ActionRequests.build(cib.configuration(),
                new GraphAction(4, "monitor", "db", "node1", 3000, false, Map.of(), List.of()), 2, "4:2:0:uuid");
        assertEquals("4:2:8:uuid", promoted.transitionKey());
        assertEquals("8", promoted.action().meta().get("op_target_rc"));
        ExecRequest unpromoted = ActionRequests.build(cib.configuration(),
                new GraphAction(5, "monitor", "db", "node1", 4000, false, Map.of(), List.of()), 2, "5:2:0:uuid");
        assertEquals("5:2:0:uuid", unpromoted.transitionKey());
        assertFalse(unpromoted.action().meta().containsKey("op_target_rc"));
        assertEquals(30_000, unpromoted.action().timeout().toMillis());
    }

    @Test
    void rememberedShapesBuildWhatAFreshBuildDoes() throws Exception {
        Cib cib = CibXml.parse(CIB);
        var primitives = ActionRequests.index(cib.configuration());
        Map<ActionRequests.ShapeKey, ActionRequests.Shape> shapes = new java.util.HashMap<>();
        for (int round = 0; round < 2; round++) { // the second round reads the remembered shapes
            for (GraphAction a : List.of(
                    new GraphAction(4, "monitor", "db", "node1", 3000, false, Map.of(), List.of()),
                    new GraphAction(5, "monitor", "db:1", "node2", 4000, false, Map.of("clone_instance", "db:1"),
                            List.of()),
                    new GraphAction(6, "start", "db", "node1", 0, false, Map.of(), List.of()),
                    // two instances under one shape: each runs as itself
                    new GraphAction(7, "monitor", "db:0", "node1", 0, false, Map.of(), List.of()),
                    new GraphAction(8, "monitor", "db:1", "node2", 0, false, Map.of(), List.of()),
                    new GraphAction(9, "monitor", "db:0", "node2", 0, false, Map.of(), List.of()))) {
                assertEquals(ActionRequests.build(cib.configuration(), a, 2, a.id() + ":2:0:uuid"),
                        ActionRequests.build(cib.configuration(), primitives, shapes, a, 2, a.id() + ":2:0:uuid"));
            }
        }
        assertEquals(4, shapes.size());
    }

    @Test
    void templatedPrimitiveRunsTheTemplatesAgentWithItsOwnOverrides() throws Exception {
        Cib cib = CibXml.parse("""
                <cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/><nodes/><resources>
                  <template id="vm-t" class="ocf" provider="heartbeat" type="Xen">
                    <instance_attributes id="t-i"><nvpair id="t-i1" name="xmfile" value="/etc/xen/default"/>
                      <nvpair id="t-i2" name="shutdown_timeout" value="60"/></instance_attributes>
                    <operations><op id="t-mon" name="monitor" interval="30s" timeout="40s"/>
                      <op id="t-start" name="start" interval="0" timeout="90s"/></operations></template>
                  <primitive id="vm01" template="vm-t">
                    <instance_attributes id="v-i"><nvpair id="v-i1" name="xmfile" value="/etc/xen/vm01"/></instance_attributes>
                    <operations><op id="v-mon" name="monitor" interval="30s" timeout="25s"/></operations></primitive>
                </resources><constraints/></configuration><status/></cib>""");
        ExecRequest monitor = ActionRequests.build(cib.configuration(),
                new GraphAction(3, "monitor", "vm01", "node1", 30_000, false, Map.of(), List.of()), 2, "3:2:0:uuid");
        assertEquals("Xen", monitor.type());
        assertEquals("/etc/xen/vm01", monitor.action().params().get("xmfile"));
        assertEquals("60", monitor.action().params().get("shutdown_timeout"));
        assertEquals(25_000, monitor.action().timeout().toMillis()); // the primitive's op overrides the template's
        ExecRequest start = ActionRequests.build(cib.configuration(),
                new GraphAction(4, "start", "vm01", "node1", 0, false, Map.of(), List.of()), 2, "4:2:0:uuid");
        assertEquals(90_000, start.action().timeout().toMillis());
    }
}
