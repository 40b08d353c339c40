package org.vigil.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.controller.Controller;
import org.vigil.controller.ExecReport;
import org.vigil.controller.ExecRequest;
import org.vigil.controller.OpRecord;
import org.vigil.controller.PolicyEngine;
import org.vigil.world.RandomSource;

/** The daemon plugged into the real controller and scheduler, as vigild wires them: a lost node is fenced. */
class ControllerFencingTest {
    private static final String CIB = "<cib validate-with=\"pacemaker-3.0\" epoch=\"1\" admin_epoch=\"0\" num_updates=\"0\"><configuration>"
            + "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o-se\" name=\"stonith-enabled\" value=\"true\"/>"
            + "</cluster_property_set></crm_config>"
            + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/><node id=\"3\" uname=\"node3\"/></nodes>"
            + "<resources><primitive id=\"fence-node2\" class=\"stonith\" type=\"fence_pdu\"><instance_attributes id=\"f-ia\">"
            + "<nvpair id=\"f-map\" name=\"pcmk_host_map\" value=\"node2:4\"/></instance_attributes></primitive></resources>"
            + "<constraints/></configuration><status>"
            + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
            + "</status></cib>";

    private final VirtualWorld world = new VirtualWorld();
    private final FakeAgents agents = new FakeAgents(world);
    private final List<String> events = new ArrayList<>();
    private Controller controller;

    /** node1 is DC with node3; node2 was up and is gone. The nodes' LRMs answer at once: probes "not running", the rest "ok". */
    private FencingDaemon runWithNode2Lost(Duration forHowLong) throws Exception {
        Cib cib = CibXml.parse(CIB);
        FencingDaemon fencer = new FencingDaemon("node1", () -> controller.cib(), agents, world, world, world, RandomSource.seeded(1));
        controller = new Controller("node1", world, world, new PolicyEngine(), this::answer, fencer, events::add);
        controller.takeOver(cib, Set.of("node1", "node3"), true, Map.of());
        world.runFor(forHowLong);
        return fencer;
    }

    private void answer(String node, ExecRequest req) {
        String task = req.action().action().ocfName();
        int rc = task.equals("monitor") && req.intervalMs() == 0 ? 7 : 0;
        world.schedule(Duration.ofMillis(100), () -> controller.onReport(new ExecReport(node, req.transitionId(), req.actionId(),
                new OpRecord(req.action().resourceInstance(), req.resourceClass(), req.provider(), req.type(), task, req.intervalMs(),
                        rc, OpRecord.EXEC_DONE, 1, world.now().getEpochSecond(), 10, node, req.transitionKey(), "", Map.of()))));
    }

    @Test
    void lostNodeIsFencedThroughTheDaemonAndTheControllerSeesItConfirmed() throws Exception {
        agents.agent("fence_pdu", r -> FakeAgents.Reply.ok());
        FencingDaemon fencer = runWithNode2Lost(Duration.ofMinutes(3));
        assertTrue(events.contains("fenced node2"), events.toString());
        assertEquals(List.of("fence_pdu reboot 4"), agents.powerCalls());
        assertEquals(1, fencer.history().size(), fencer.history().toString());
        FenceEvent e = fencer.history().get(0);
        assertEquals(FencingDaemon.CONTROLLER, e.client());
        assertEquals("node1", e.origin());
        assertEquals(FenceState.DONE, e.state());
        assertEquals("down", controller.cib().status().nodeState("node2").orElseThrow().join());
    }

    @Test
    void aFailingDeviceIsRetriedByTheControllerWithGrowingPauses() throws Exception {
        agents.agent("fence_pdu", r -> FakeAgents.Reply.failed("PDU refused login"));
        FencingDaemon fencer = runWithNode2Lost(Duration.ofMinutes(3));
        assertTrue(events.contains("fencing node2 FAILED; will retry"), events.toString());
        assertFalse(events.contains("fenced node2"), events.toString());
        List<FenceEvent> all = fencer.history();
        assertEquals(FenceState.PENDING, all.get(all.size() - 1).state(), "the controller's latest request waits for its turn");
        List<FenceEvent> h = all.subList(0, all.size() - 1);
        assertTrue(h.stream().allMatch(e -> e.state() == FenceState.FAILED
                && e.reason().equals("fencing node2 failed: fence-node2 reboot of node2 failed (2 attempts): PDU refused login")), h.toString());
        // each operation takes 2 s (two tries of 1 s) after a pause of 0, 1, 2, 4, 8, 16, 32, 60 s: they end at
        // 2, 5, 9, 15, 25, 43, 77 and 139 s; the ninth waits until 199 s
        assertEquals(8, h.size(), h.toString());
        assertEquals(Duration.ofSeconds(139), Duration.between(h.get(0).requestedAt(), h.get(7).completedAt().orElseThrow())
                .withNanos(0));
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < h.size(); i++) {
            gaps.add(Duration.between(h.get(i - 1).completedAt().orElseThrow(), h.get(i).completedAt().orElseThrow()));
        }
        assertTrue(gaps.get(gaps.size() - 1).compareTo(gaps.get(0)) > 0, gaps.toString());
    }
}
