package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/** Pacemaker Remote nodes and guest nodes (a VM that is itself a node) in the scheduler. */
class RemoteNodesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String FENCE_DEVICE = "<primitive id=\"fence\" class=\"stonith\" type=\"fence_xvm\"/>";

    private static String dummy(String id, String meta) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + (meta.isEmpty() ? "" : "<meta_attributes id=\"" + id + "-meta\">" + meta + "</meta_attributes>")
                + "<operations><op id=\"" + id + "-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>";
    }

    private static String nv(String name, String value) {
        return "<nvpair id=\"nv-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
    }

    private static String connection(String id, String meta) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">"
                + (meta.isEmpty() ? "" : "<meta_attributes id=\"" + id + "-meta\">" + meta + "</meta_attributes>")
                + "<operations><op id=\"" + id + "-mon\" name=\"monitor\" interval=\"30s\"/></operations></primitive>";
    }

    /** An operation history entry: {@code rc} 0 for a success, 7 for "not running", 1 for a failure. */
    private static String op(String rsc, String agent, String task, int interval, int rc, int call) {
        String[] a = agent.split(":");
        return "<lrm_resource id=\"" + rsc + "\" class=\"" + a[0] + "\"" + (a.length == 3 ? " provider=\"" + a[1]
                + "\" type=\"" + a[2] + "\"" : " type=\"" + a[1] + "\"") + "><lrm_rsc_op id=\"" + rsc + "_" + task
                + "_" + interval + "\" operation=\"" + task + "\" interval=\"" + interval + "\" call-id=\"" + call
                + "\" rc-code=\"" + rc + "\" op-status=\"" + (rc == 0 || rc == 7 ? 0 : 4)
                + "\" transition-key=\"1:1:0:x\" last-rc-change=\"1700000000\"/></lrm_resource>";
    }

    private static String started(String rsc, String agent) {
        return op(rsc, agent, "start", 0, 0, 2);
    }

    private static String clusterNodeState(int id, String name, String lrm) {
        return "<node_state id=\"" + id + "\" uname=\"" + name + "\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
                + " expected=\"member\"><lrm id=\"" + id + "\"><lrm_resources>" + lrm + "</lrm_resources></lrm>"
                + "</node_state>";
    }

    private static String remoteNodeState(String name, String lrm) {
        return "<node_state id=\"" + name + "\" uname=\"" + name + "\" remote_node=\"true\" in_ccm=\"true\">"
                + "<lrm id=\"" + name + "\"><lrm_resources>" + lrm + "</lrm_resources></lrm></node_state>";
    }

    /** Cluster nodes n1 and n2 (n1 runs the fencing device), with these resources, constraints and states. */
    private static Cib cib(String resources, String constraints, String n1, String n2, String... remoteStates) {
        StringBuilder x = new StringBuilder("<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\""
                + " admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration><crm_config>"
                + "<cluster_property_set id=\"p\">" + nv("stonith-enabled", "true") + "</cluster_property_set>"
                + "</crm_config><nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes><resources>")
                .append(FENCE_DEVICE).append(resources).append("</resources><constraints>")
                .append(location("fence", "n1", "100")).append(constraints)
                .append("</constraints></configuration><status>")
                .append(clusterNodeState(1, "n1", started("fence", "stonith:fence_xvm") + n1))
                .append(clusterNodeState(2, "n2", op("fence", "stonith:fence_xvm", "monitor", 0, 7, 1) + n2));
        for (String s : remoteStates) {
            x.append(s);
        }
        x.append("</status></cib>");
        try {
            return CibXml.standard().read(x.toString(), "test").cib();
        } catch (CibParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> summary(Cib cib) {
        return new Scheduler().schedule(cib, NOW).summary().stream().map(s -> s.trim().replaceAll("\\s+", " "))
                .toList();
    }

    private static String location(String rsc, String node, String score) {
        return "<rsc_location id=\"loc-" + rsc + "-" + node + "\" rsc=\"" + rsc + "\" node=\"" + node + "\" score=\""
                + score + "\"/>";
    }

    @Test
    void resourceStartsOnRemoteNodeOnceItsConnectionStarts() {
        Cib cib = cib(connection("r1", "") + dummy("app", ""),
                location("app", "r1", "100") + location("r1", "n2", "50"), "", "");
        assertEquals(List.of("* Start r1 ( n2 )", "* Start app ( r1 )"), summary(cib));
        Transition t = new Scheduler().schedule(cib, NOW);
        String text = t.toText();
        assertTrue(text.indexOf("r1              start") < text.indexOf("app             start"), text);
    }

    @Test
    void resourcePreferringAStoppedRemoteNodeRunsOnAClusterNode() {
        Cib cib = cib(connection("r1", nv("target-role", "Stopped")) + dummy("app", ""),
                location("app", "r1", "100") + location("app", "n2", "10"), "", "", remoteNodeState("r1", ""));
        assertEquals(List.of("* Start app ( n2 )"), summary(cib));
    }

    @Test
    void connectionNeverRunsOnARemoteNode() {
        Cib cib = cib(connection("r1", "") + connection("r2", ""),
                location("r1", "n1", "10") + location("r2", "r1", "INFINITY") + location("r2", "n2", "5"),
                started("r1", "ocf:pacemaker:remote"), "", remoteNodeState("r1", ""));
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n2", t.placements().get("r2"));
        assertEquals("n1", t.placements().get("r1"));
    }

    @Test
    void failedConnectionFencesTheRemoteNodeAndItsResourceMoves() {
        Cib cib = cib(connection("r1", "") + dummy("app", ""), location("app", "r1", "100"),
                started("r1", "ocf:pacemaker:remote").replace("</lrm_resource>", "")
                        + "<lrm_rsc_op id=\"r1_monitor_30000\" operation=\"monitor\" interval=\"30000\" call-id=\"3\""
                        + " rc-code=\"1\" op-status=\"4\" transition-key=\"1:1:0:x\"/></lrm_resource>",
                "", remoteNodeState("r1", started("app", "ocf:heartbeat:Dummy")));
        assertEquals(List.of("* Fence (reboot) r1 'remote connection is unrecoverable'", "* Recover r1 ( n1 )",
                "* Move app ( r1 -> n2 )"), summary(cib));
    }

    @Test
    void reconnectIntervalKeepsAFailedConnectionDown() {
        Cib cib = cib(connection("r1", nv("reconnect_interval", "60s")) + dummy("app", ""),
                location("app", "r1", "100"),
                started("r1", "ocf:pacemaker:remote").replace("</lrm_resource>", "")
                        + "<lrm_rsc_op id=\"r1_monitor_30000\" operation=\"monitor\" interval=\"30000\" call-id=\"3\""
                        + " rc-code=\"1\" op-status=\"4\" transition-key=\"1:1:0:x\"/></lrm_resource>",
                "", remoteNodeState("r1", started("app", "ocf:heartbeat:Dummy")));
        List<String> s = summary(cib);
        assertTrue(s.contains("* Stop r1 ( n1 ) due to node availability"), s.toString());
        assertTrue(s.stream().anyMatch(l -> l.startsWith("* Move app ( r1 -> n")), s.toString());
    }

    /**
     * reconnect_interval is an instance attribute of the connection (where Pacemaker reads it) and replaces the
     * failure timeout; a failed connection monitor does not expire while the remote node has not been fenced,
     * however old it is, so the connection stays down.
     */
    @Test
    void oldConnectionMonitorFailureWaitsForFencingBeforeReconnecting() {
        String conn = connection("r1", "").replace("<operations>", "<instance_attributes id=\"r1-ia\">"
                + nv("reconnect_interval", "60") + "</instance_attributes><operations>");
        Cib cib = cib(conn + dummy("app", ""), location("app", "r1", "100"),
                started("r1", "ocf:pacemaker:remote").replace("</lrm_resource>", "")
                        + "<lrm_rsc_op id=\"r1_monitor_30000\" operation=\"monitor\" interval=\"30000\" call-id=\"3\""
                        + " rc-code=\"1\" op-status=\"4\" transition-key=\"1:1:0:x\""
                        + " last-rc-change=\"1700000000\"/>"
                        + "</lrm_resource>",
                "", remoteNodeState("r1", started("app", "ocf:heartbeat:Dummy")));
        List<String> s = summary(cib);
        assertTrue(s.contains("* Fence (reboot) r1 'remote connection is unrecoverable'"), s.toString());
        assertTrue(s.contains("* Stop r1 ( n1 ) due to node availability"), s.toString());
    }

    @Test
    void aProbeOnARemoteNodeWaitsForItsConnectionToStart() {
        Cib cib = cib(connection("r1", "") + dummy("app", ""), location("app", "r1", "100"), "", "");
        Transition t = new Scheduler().schedule(cib, NOW);
        Transition.TransitionAction probe = t.actions().stream().filter(a -> "app".equals(a.resource())
                && "monitor".equals(a.task()) && "r1".equals(a.node()) && a.intervalMs() == 0).findFirst().orElseThrow();
        Transition.TransitionAction connect = t.actions().stream().filter(a -> "r1".equals(a.resource())
                && "start".equals(a.task())).findFirst().orElseThrow();
        assertTrue(t.orderings().contains(new Transition.Ordering(connect.id(), probe.id())), t.toText());
    }

    @Test
    void guestNodeStartsAfterItsContainerAndThenRunsResources() {
        Cib cib = cib(dummy("vm1", nv("remote-node", "guest1")) + dummy("app", ""),
                location("app", "guest1", "100") + location("vm1", "n2", "10"), "", "");
        assertEquals(List.of("* Start vm1 ( n2 )", "* Start app ( guest1 )", "* Start guest1 ( n2 )"), summary(cib));
        String text = new Scheduler().schedule(cib, NOW).toText();
        assertTrue(text.indexOf("vm1             start") < text.indexOf("guest1          start"), text);
        assertTrue(text.indexOf("guest1          start") < text.indexOf("app             start"), text);
    }

    @Test
    void failedContainerFencesItsGuestByRecoveringIt() {
        String vmFailed = started("vm1", "ocf:heartbeat:Dummy").replace("</lrm_resource>", "")
                + "<lrm_rsc_op id=\"vm1_monitor_10000\" operation=\"monitor\" interval=\"10000\" call-id=\"3\""
                + " rc-code=\"1\" op-status=\"4\" transition-key=\"1:1:0:x\"/></lrm_resource>";
        Cib cib = cib(dummy("vm1", nv("remote-node", "guest1")) + dummy("app", ""), location("app", "guest1", "100"),
                vmFailed + started("guest1", "ocf:pacemaker:remote"), "",
                remoteNodeState("guest1", started("app", "ocf:heartbeat:Dummy")));
        List<String> s = summary(cib);
        assertEquals("* Fence (reboot) guest1 (resource: vm1) 'guest is unclean'", s.get(0), s.toString());
        assertTrue(s.contains("* Recover vm1 ( n1 )"), s.toString());
        assertTrue(s.contains("* Recover app ( guest1 )"), s.toString());
    }

    @Test
    void resourceWithContainerMetaRunsBesideItsContainer() {
        Cib cib = cib(dummy("box", "") + dummy("inside", nv("container", "box")), location("box", "n2", "10"), "",
                "");
        Transition t = new Scheduler().schedule(cib, NOW);
        assertEquals("n2", t.placements().get("inside"));
        assertEquals(List.of("* Start box ( n2 )", "* Start inside ( n2 )"), summary(cib));
    }

    @Test
    void unseenRemoteNodeWhoseConnectionCannotStartIsFencedAsUnclean() {
        Cib cib = cib(connection("r1", nv("target-role", "Stopped")), "", "", "");
        assertEquals(List.of("* Fence (reboot) r1 'node is unclean'"), summary(cib));
    }

    @Test
    void remoteAndGuestNodesAreNoLongerReportedAsUnsupported() {
        Cib cib = cib(connection("r1", "") + dummy("vm1", nv("remote-node", "guest1")), "", "", "");
        assertEquals(List.of(), new Scheduler().schedule(cib, NOW).unsupported());
    }
}
