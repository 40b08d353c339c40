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
}
