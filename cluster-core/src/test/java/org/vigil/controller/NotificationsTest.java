package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

class NotificationsTest {
    private static Cib cib(boolean notify) throws Exception {
        return CibXml.parse("""
                <cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/>
                  <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                  <resources><clone id="ms-drbd"><meta_attributes id="m">
                    <nvpair id="m1" name="promotable" value="true"/><nvpair id="m2" name="notify" value="%s"/>
                  </meta_attributes><primitive id="drbd" class="ocf" provider="linbit" type="drbd"/></clone></resources>
                  <constraints/></configuration>
                  <status>
                    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"><lrm id="1"><lrm_resources>
                      <lrm_resource id="drbd" class="ocf" provider="linbit" type="drbd">
                        <lrm_rsc_op id="drbd_last_0" operation="promote" call-id="4" rc-code="0" op-status="0" interval="0"/>
                      </lrm_resource></lrm_resources></lrm></node_state>
                    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
                  </status></cib>""".formatted(notify));
    }

    private static TransitionGraph startOnNode2() {
        return new TransitionGraph(List.of(new GraphAction(1, "start", "drbd", "node2", 0, false,
                Map.of("clone_instance", "drbd:1"), List.of())), -1, List.of("* Start drbd:1 ( node2 )"));
    }

    @Test
    void startOfAnInstanceIsAnnouncedBeforeToTheActiveOnesAndAfterToAll() throws Exception {
        TransitionGraph g = Notifications.add(startOnNode2(), cib(true));
        GraphAction start = g.actions().get(0);
        List<GraphAction> notes = g.actions().stream().filter(a -> a.task().equals("notify")).toList();
        assertEquals(3, notes.size(), notes.toString());
        GraphAction pre = notes.get(0);
        assertEquals("node1", pre.node());
        assertEquals("pre", pre.meta().get("notify_type"));
        assertEquals("start", pre.meta().get("notify_operation"));
        assertEquals("drbd:1", pre.meta().get("notify_start_resource"));
        assertEquals("node2", pre.meta().get("notify_start_uname"));
        assertEquals("node1", pre.meta().get("notify_active_uname"));
        assertEquals("node1", pre.meta().get("notify_promoted_uname"));
        assertTrue(start.predecessors().contains(pre.id()), "the start waits for the pre notification");
        List<GraphAction> post = notes.subList(1, 3);
        assertEquals(List.of("node1", "node2"), post.stream().map(GraphAction::node).toList());
        for (GraphAction p : post) {
            assertEquals("post", p.meta().get("notify_type"));
            assertEquals(List.of(1), p.predecessors(), "post notifications follow the start");
        }
        assertEquals(List.of("* Start drbd:1 ( node2 )"), g.summary(), "notifications are not in the summary");
    }

    @Test
    void clonesWithoutNotifyGetNone() throws Exception {
        TransitionGraph plain = startOnNode2();
        assertSame(plain, Notifications.add(plain, cib(false)));
    }

    @Test
    void notificationsLeaveNoTraceInTheHistory() {
        OpRecord op = new OpRecord("drbd", "ocf", "linbit", "drbd", "notify", 0, 0, 0, 9, 1, 0, "node1", "k", "",
                Map.of());
        org.vigil.cib.Lrm lrm = new org.vigil.cib.Lrm("1", Map.of(), null, List.of());
        assertEquals(lrm, OperationHistory.record(lrm, op));
    }
}
