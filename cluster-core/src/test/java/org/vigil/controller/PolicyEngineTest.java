package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;

class PolicyEngineTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static String cib(String rscDefaults) {
        return "<cib epoch=\"1\" have-quorum=\"1\"><configuration><crm_config><cluster_property_set id=\"o\">"
                + "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
                + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>"
                + "<primitive id=\"vm01\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources>"
                + "<constraints/><rsc_defaults><meta_attributes id=\"d\">" + rscDefaults
                + "</meta_attributes></rsc_defaults></configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "</status></cib>";
    }

    @Test
    void equalCibWhoseDecisionCannotDependOnTimeGetsTheRememberedDecision() throws Exception {
        PolicyEngine engine = new PolicyEngine();
        String xml = cib("<nvpair id=\"d1\" name=\"resource-stickiness\" value=\"100\"/>");
        TransitionGraph first = engine.schedule(CibXml.parse(xml), T);
        TransitionGraph again = engine.schedule(CibXml.parse(xml), T.plusSeconds(900));
        assertSame(first, again);
        assertEquals(new PolicyEngine().schedule(CibXml.parse(xml), T.plusSeconds(900)).actions(), again.actions());
    }

    @Test
    void failureTimeoutMakesEveryCallDecideAgain() throws Exception {
        PolicyEngine engine = new PolicyEngine();
        Cib cib = CibXml.parse(cib("<nvpair id=\"d1\" name=\"failure-timeout\" value=\"60s\"/>"));
        TransitionGraph first = engine.schedule(cib, T);
        TransitionGraph again = engine.schedule(cib, T.plusSeconds(900));
        assertNotSame(first, again);
        assertEquals(first.actions(), again.actions());
    }

    /**
     * Remote node r1's connection (reconnect_interval=60s) failed on node1 ten seconds before {@link #T} and was
     * stopped; fencing is disabled. The failure is kept, so the connection waits, until the interval has passed.
     */
    private static final String FAILED_CONNECTION = "<cib epoch=\"1\" have-quorum=\"1\"><configuration><crm_config>"
            + "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>"
            + "</cluster_property_set></crm_config><nodes><node id=\"1\" uname=\"node1\"/>"
            + "<node id=\"2\" uname=\"node2\"/></nodes><resources>"
            + "<primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">"
            + "<instance_attributes id=\"r1-ia\"><nvpair id=\"r1-ri\" name=\"reconnect_interval\" value=\"60s\"/>"
            + "</instance_attributes><operations><op id=\"r1-mon\" name=\"monitor\" interval=\"1s\"/></operations>"
            + "</primitive></resources><constraints/></configuration><status>"
            + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">"
            + "<transient_attributes id=\"1\"><instance_attributes id=\"t1\">"
            + "<nvpair id=\"t1a\" name=\"fail-count-r1#monitor_1000\" value=\"1\"/>"
            + "<nvpair id=\"t1b\" name=\"last-failure-r1#monitor_1000\" value=\"" + (T.getEpochSecond() - 10) + "\"/>"
            + "</instance_attributes></transient_attributes>"
            + "<lrm id=\"node1\"><lrm_resources><lrm_resource id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">"
            + "<lrm_rsc_op id=\"r1_last_failure_0\" operation=\"monitor\" operation_key=\"r1_monitor_1000\" call-id=\"3\""
            + " rc-code=\"1\" op-status=\"0\" interval=\"1000\" on_node=\"node1\" transition-key=\"2:1:0:x\""
            + " last-rc-change=\"" + (T.getEpochSecond() - 10) + "\"/>"
            + "<lrm_rsc_op id=\"r1_last_0\" operation=\"stop\" operation_key=\"r1_stop_0\" call-id=\"4\""
            + " rc-code=\"0\" op-status=\"0\" interval=\"0\" on_node=\"node1\" transition-key=\"3:2:0:x\""
            + " last-rc-change=\"" + (T.getEpochSecond() - 9) + "\"/>"
            + "</lrm_resource></lrm_resources></lrm></node_state>"
            + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
            + "</status></cib>";

    @Test
    void aFailedRemoteConnectionWaitsForItsReconnectIntervalThenStartsAgain() throws Exception {
        PolicyEngine engine = new PolicyEngine();
        Cib cib = CibXml.parse(FAILED_CONNECTION);
        TransitionGraph waiting = engine.schedule(cib, T);
        assertTrue(waiting.actions().stream().noneMatch(a -> a.task().equals("start")), waiting.actions().toString());
        assertEquals(T.plusSeconds(50), waiting.recheckBy(), "the DC looks again when the failure expires");
        TransitionGraph after = engine.schedule(cib, T.plusSeconds(51));
        assertTrue(after.actions().stream().anyMatch(a -> a.task().equals("start") && a.resource().equals("r1")),
                after.actions().toString());
    }

    /** A promoted Stateful instance on node1, which is lost unclean; node2 has the better promotion score. */
    private static final String PROMOTED_ON_LOST_NODE = "<cib epoch=\"1\" have-quorum=\"1\"><configuration><crm_config>"
            + "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"true\"/>"
            + "</cluster_property_set></crm_config><nodes><node id=\"1\" uname=\"node1\"/>"
            + "<node id=\"2\" uname=\"node2\"/><node id=\"3\" uname=\"node3\"/></nodes><resources>"
            + "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>"
            + "<clone id=\"db-clone\"><meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"promotable\" value=\"true\"/>"
            + "<nvpair id=\"m2\" name=\"promoted-max\" value=\"1\"/></meta_attributes>"
            + "<primitive id=\"db\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/></clone>"
            + "</resources><constraints/></configuration><status>"
            + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" expected=\"member\">"
            + lrm("node1", "db", "promote", 0) + "</node_state>"
            + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">"
            + "<transient_attributes id=\"2\"><instance_attributes id=\"t2\">"
            + "<nvpair id=\"t2a\" name=\"master-db\" value=\"10\"/></instance_attributes></transient_attributes>"
            + lrm("node2", "db", "start", 0) + "</node_state>"
            + "<node_state id=\"3\" uname=\"node3\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">"
            + "<transient_attributes id=\"3\"><instance_attributes id=\"t3\">"
            + "<nvpair id=\"t3a\" name=\"master-db\" value=\"5\"/></instance_attributes></transient_attributes>"
            + lrm("node3", "db", "start", 0) + "</node_state>"
            + "</status></cib>";

    private static String lrm(String node, String rsc, String task, int rc) {
        return "<lrm id=\"" + node + "\"><lrm_resources><lrm_resource id=\"" + rsc + "\" class=\"ocf\" "
                + "provider=\"pacemaker\" type=\"Stateful\"><lrm_rsc_op id=\"" + rsc + "_last_0\" operation=\""
                + task + "\" operation_key=\"" + rsc + "_" + task + "_0\" call-id=\"5\" rc-code=\"" + rc
                + "\" op-status=\"0\" interval=\"0\" on_node=\"" + node + "\" "
                + "transition-key=\"1:1:0:x\"/></lrm_resource></lrm_resources></lrm>";
    }

    @Test
    void promotionOfAnotherInstanceWaitsForTheFenceOfTheNodeThatHeldThePromotedOne() throws Exception {
        TransitionGraph g = new PolicyEngine().schedule(CibXml.parse(PROMOTED_ON_LOST_NODE), T);
        GraphAction fence = g.actions().stream().filter(a -> a.isFence() && "node1".equals(a.node())).findFirst()
                .orElseThrow(() -> new AssertionError("no fence of node1 in " + g.summary()));
        GraphAction promote = g.actions().stream().filter(a -> "promote".equals(a.task())).findFirst()
                .orElseThrow(() -> new AssertionError("no promote in " + g.summary()));
        assertTrue(dependsOn(g, promote.id(), fence.id(), new java.util.HashSet<>()),
                "promote of " + promote.resource() + " on " + promote.node() + " does not wait for the fence of node1: "
                        + g.actions());
    }

    @Test
    void graphCarriesTheFenceKindAndTheMonitorIntervalAsTheSchedulerDecidedThem() throws Exception {
        String xml = PROMOTED_ON_LOST_NODE.replace("<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"true\"/>",
                "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"true\"/>"
                        + "<nvpair id=\"o2\" name=\"stonith-action\" value=\"poweroff\"/>")
                .replace("type=\"Stateful\"/></clone>", "type=\"Stateful\"><operations>"
                        + "<op id=\"db-mon\" name=\"monitor\" interval=\"11s\" role=\"Unpromoted\"/>"
                        + "</operations></primitive></clone>");
        TransitionGraph g = new PolicyEngine().schedule(CibXml.parse(xml), T);
        GraphAction fence = g.actions().stream().filter(a -> a.isFence() && "node1".equals(a.node())).findFirst()
                .orElseThrow(() -> new AssertionError("no fence of node1 in " + g.summary()));
        assertEquals("off", fence.meta().get("fence_action"));
        assertTrue(g.actions().stream().anyMatch(a -> "monitor".equals(a.task()) && a.intervalMs() == 11_000),
                "no 11 s monitor in " + g.actions());
    }

    /** A clone of lsb services, or an anonymous clone, as the scheduler decided it. */
    private static String cloneCib(String cloneMeta, String resourceClass) {
        return "<cib epoch=\"1\" have-quorum=\"1\"><configuration><crm_config><cluster_property_set id=\"o\">"
                + "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
                + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>"
                + "<clone id=\"c\"><meta_attributes id=\"cm\">" + cloneMeta + "</meta_attributes>"
                + "<primitive id=\"svc\" class=\"" + resourceClass + "\""
                + ("ocf".equals(resourceClass) ? " provider=\"heartbeat\" type=\"Dummy\"/>" : " type=\"svc\"/>")
                + "</clone></resources><constraints/></configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "</status></cib>";
    }

    private static java.util.List<String> startedResources(String xml) throws Exception {
        TransitionGraph g = new PolicyEngine().schedule(CibXml.parse(xml), T);
        return g.actions().stream().filter(a -> "start".equals(a.task()) && a.resource() != null)
                .map(a -> a.resource() + (a.meta().containsKey("clone_instance") ? " as " + a.meta().get("clone_instance")
                        : "")).sorted().toList();
    }

    @Test
    void anAnonymousCloneInstanceRunsUnderItsPrimitiveIdWithTheInstanceInItsMeta() throws Exception {
        assertEquals(java.util.List.of("svc as svc:0", "svc as svc:1"), startedResources(cloneCib("", "ocf")));
    }

    @Test
    void aGloballyUniqueCloneInstanceRunsUnderItsInstanceId() throws Exception {
        String unique = "<nvpair id=\"cm1\" name=\"globally-unique\" value=\"true\"/>";
        assertEquals(java.util.List.of("svc:0", "svc:1"), startedResources(cloneCib(unique, "ocf")));
    }

    @Test
    void aCloneOfServicesThatCannotBeUniqueIsAnonymousEvenWhenConfiguredGloballyUnique() throws Exception {
        // Pacemaker's pe__force_anon: the scheduler treats it as anonymous, so the node must run it as such too
        String unique = "<nvpair id=\"cm1\" name=\"globally-unique\" value=\"true\"/>";
        assertEquals(java.util.List.of("svc as svc:0", "svc as svc:1"), startedResources(cloneCib(unique, "lsb")));
    }

    private static boolean dependsOn(TransitionGraph g, int action, int on, java.util.Set<Integer> seen) {
        if (!seen.add(action)) {
            return false;
        }
        GraphAction a = g.actions().stream().filter(x -> x.id() == action).findFirst().orElseThrow();
        for (int p : a.predecessors()) {
            if (p == on || dependsOn(g, p, on, seen)) {
                return true;
            }
        }
        return false;
    }
}
