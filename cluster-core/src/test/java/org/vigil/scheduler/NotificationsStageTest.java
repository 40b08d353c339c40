package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigil.cib.CibXml;

class NotificationsStageTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** A promotable DRBD-like clone promoted on node1; node2 has just joined and gets the second instance. */
    private static Transition schedule(boolean notify) throws Exception {
        return new Scheduler().schedule(CibXml.parse("""
                <cib admin_epoch="0" epoch="1" num_updates="0" have-quorum="1"><configuration><crm_config>
                  <cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set>
                  </crm_config>
                  <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                  <resources><clone id="ms-drbd"><meta_attributes id="m">
                    <nvpair id="m1" name="promotable" value="true"/><nvpair id="m2" name="notify" value="%s"/>
                  </meta_attributes><primitive id="drbd" class="ocf" provider="linbit" type="drbd"/></clone></resources>
                  <constraints/></configuration>
                  <status>
                    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
                      <transient_attributes id="1"><instance_attributes id="t1">
                        <nvpair id="t1a" name="master-drbd" value="10"/></instance_attributes></transient_attributes>
                      <lrm id="1"><lrm_resources>
                      <lrm_resource id="drbd" class="ocf" provider="linbit" type="drbd">
                        <lrm_rsc_op id="drbd_last_0" operation_key="drbd_promote_0" operation="promote" call-id="4"
                          rc-code="0" op-status="0" interval="0" transition-key="1:1:0:x"/>
                      </lrm_resource></lrm_resources></lrm></node_state>
                    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member">
                      <lrm id="2"><lrm_resources>
                      <lrm_resource id="drbd" class="ocf" provider="linbit" type="drbd">
                        <lrm_rsc_op id="drbd_last_0" operation_key="drbd_monitor_0" operation="monitor" call-id="1"
                          rc-code="7" op-status="0" interval="0" transition-key="1:1:7:x"/>
                      </lrm_resource></lrm_resources></lrm></node_state>
                  </status></cib>""".formatted(notify)), T);
    }

    private static Transition.TransitionAction only(Transition t, String key, String node) {
        List<Transition.TransitionAction> found = t.actions().stream()
                .filter(a -> a.key().equals(key) && java.util.Objects.equals(a.node(), node)).toList();
        assertEquals(1, found.size(), key + " on " + node + " in\n" + t.toText());
        return found.get(0);
    }

    @Test
    void startOfAnInstanceIsAnnouncedBeforeToTheActiveOneAndAfterToBoth() throws Exception {
        Transition t = schedule(true);
        only(t, "ms-drbd_pre_notify_start_0", null);
        only(t, "ms-drbd_confirmed-pre_notify_start_0", null);
        only(t, "ms-drbd_post_notify_running_0", null);
        only(t, "ms-drbd_confirmed-post_notify_running_0", null);
        Transition.TransitionAction pre = only(t, "drbd:0_pre_notify_start_0", "node1");
        assertEquals("notify", pre.task());
        assertEquals(Map.of("notify_type", "pre", "notify_operation", "start", "notify_start_resource", "drbd:1",
                "notify_start_uname", "node2", "notify_active_uname", "node1", "notify_promoted_uname", "node1",
                "notify_master_uname", "node1", "notify_inactive_resource", "drbd:1", "notify_stop_resource", " "),
                subset(pre.meta(), "notify_type", "notify_operation", "notify_start_resource", "notify_start_uname",
                        "notify_active_uname", "notify_promoted_uname", "notify_master_uname",
                        "notify_inactive_resource", "notify_stop_resource"));
        only(t, "drbd:0_post_notify_start_0", "node1");
        Transition.TransitionAction post = only(t, "drbd:1_post_notify_start_0", "node2");
        assertEquals("post", post.meta().get("notify_type"));
        Transition.TransitionAction start = only(t, "drbd:1_start_0", "node2");
        assertTrue(before(t, pre.id(), start.id()), "the start waits for the pre notification:\n" + t.toText());
        assertTrue(before(t, start.id(), post.id()), "the post notification follows the start:\n" + t.toText());
        assertTrue(t.toText().contains("Resource action: drbd:0          notify on node1"), t.toText());
        assertTrue(t.summary().stream().noneMatch(l -> l.contains("notify")), "notifications are not in the summary");
    }

    @Test
    void clonesWithoutNotifyGetNone() throws Exception {
        Transition t = schedule(false);
        assertTrue(t.actions().stream().noneMatch(a -> a.task().equals("notify") || a.key().contains("_notify_")),
                t.toText());
        assertEquals(schedule(true).summary(), t.summary(), "notifications change no decision");
    }

    private static Map<String, String> subset(Map<String, String> m, String... keys) {
        return Set.of(keys).stream().collect(Collectors.toMap(k -> k, k -> String.valueOf(m.get(k))));
    }

    private static boolean before(Transition t, int first, int then) {
        java.util.Deque<Integer> todo = new java.util.ArrayDeque<>(List.of(then));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            int x = todo.pop();
            for (Transition.Ordering o : t.orderings()) {
                if (o.then() == x && seen.add(o.first())) {
                    if (o.first() == first) {
                        return true;
                    }
                    todo.push(o.first());
                }
            }
        }
        return false;
    }
}
