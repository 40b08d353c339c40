package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.agents.AgentResult;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.FailCounts;
import org.vigil.cib.LrmRscOp;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * The controller's execution semantics, driven by a scripted scheduler (the real one is exercised by the
 * simulator's scenarios): ordering, result recording, failure handling, fencing.
 */
class ControllerTest {
    private static final String CIB = "<cib epoch=\"1\"><configuration><crm_config/><nodes>"
            + "<node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>"
            + "<primitive id=\"vm01\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
            + "<op id=\"vm01-start\" name=\"start\" interval=\"0\" timeout=\"90s\"/></operations></primitive>"
            + "</resources><constraints/></configuration><status/></cib>";

    /** A minimal deterministic loop standing in for the daemon's event thread. */
    private static final class Loop implements Clock, Timers {
        private record Task(Instant when, long seq, Runnable r) {}

        private final PriorityQueue<Task> q = new PriorityQueue<>((a, b) -> a.when.equals(b.when)
                ? Long.compare(a.seq, b.seq) : a.when.compareTo(b.when));
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        private long seq;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Task t = new Task(now.plus(delay), seq++, task);
            q.add(t);
            return () -> q.remove(t);
        }

        void runFor(Duration d) {
            Instant end = now.plus(d);
            while (!q.isEmpty() && !q.peek().when.isAfter(end)) {
                Task t = q.poll();
                now = t.when;
                t.r.run();
            }
            now = end;
        }
    }

    private final Loop loop = new Loop();
    private final Deque<TransitionGraph> script = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> fenced = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private boolean fenceWorks = true;
    private boolean nodesAnswer = true;
    private AgentResult startResult = AgentResult.success();
    private Controller controller;
    private int schedulerCalls;

    private void start(Cib cib) {
        controller = new Controller("node1", loop, loop, (c, now) -> {
            schedulerCalls++;
            return script.isEmpty() ? TransitionGraph.EMPTY : script.poll();
        }, this::send, (node, action, done) -> {
                    fenced.add(node);
                    loop.schedule(Duration.ofSeconds(2), () -> done.accept(fenceWorks));
                }, events::add);
        controller.takeOver(cib, Set.of("node1", "node2"), true, Map.of());
    }

    private void send(String node, ExecRequest req) {
        sent.add(req.action().action().ocfName() + " " + req.action().resourceInstance() + " " + node);
        if (!nodesAnswer) {
            return;
        }
        AgentResult r = req.action().action().ocfName().equals("start") ? startResult : AgentResult.success();
        loop.schedule(Duration.ofSeconds(1), () -> controller.onReport(new ExecReport(node, req.transitionId(),
                req.actionId(), new OpRecord(req.action().resourceInstance(), "ocf", "heartbeat", "Dummy",
                        req.action().action().ocfName(), req.intervalMs(), r.status().code(), 0, 1,
                        loop.now().getEpochSecond(), 5, node, req.transitionKey(), r.exitReason(), Map.of()))));
    }

    private static GraphAction act(int id, String task, String node, Integer... preds) {
        return new GraphAction(id, task, "vm01", node, 0, false, Map.of(), List.of(preds));
    }

    @Test
    void actionsRunInGraphOrderAndResultsLandInTheStatus() throws Exception {
        script.add(new TransitionGraph(List.of(act(1, "stop", "node1"), act(2, "start", "node2", 1)), -1,
                List.of("* Move vm01 ( node1 -> node2 )")));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(1));
        assertEquals(List.of("stop vm01 node1", "start vm01 node2"), sent);
        loop.runFor(Duration.ofSeconds(5));
        LrmRscOp last = controller.cib().status().nodeState("node2").orElseThrow().lrm().resources().get(0).ops()
                .get(0);
        assertEquals("vm01_last_0", last.id());
        assertEquals("start", last.operation());
        assertEquals("0", last.rcCode());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("idle")), events.toString());
    }

    @Test
    void transitionDoneAsPlannedLeavesTheDcIdleWithoutAskingAgain() throws Exception {
        script.add(new TransitionGraph(List.of(act(1, "start", "node2")), -1, List.of("* Start vm01 ( node2 )")));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(10));
        assertEquals(List.of("start vm01 node2"), sent);
        assertEquals(1, schedulerCalls, events.toString());
        assertTrue(events.contains("idle (transition 1 done as planned)"), events.toString());
    }

    @Test
    void dcRunsTheSchedulerAgainAtTheTransitionsRecheckByTime() throws Exception {
        Instant expiry = loop.now().plus(Duration.ofMinutes(10)).plusSeconds(30);
        script.add(new TransitionGraph(List.of(act(1, "start", "node2")), -1, List.of("* Start vm01 ( node2 )"),
                expiry));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofMinutes(10));
        assertEquals(1, schedulerCalls, events.toString());
        loop.runFor(Duration.ofSeconds(31));
        assertEquals(2, schedulerCalls, "the failure expiring at recheck-by asks again, long before the "
                + "15-minute cluster-recheck-interval: " + events);
        assertTrue(events.stream().anyMatch(e -> e.contains("(recheck-by " + expiry + ")")), events.toString());
    }

    @Test
    void withoutRecheckByTheDcWaitsForTheRecheckInterval() throws Exception {
        script.add(new TransitionGraph(List.of(act(1, "start", "node2")), -1, List.of("* Start vm01 ( node2 )")));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofMinutes(14));
        assertEquals(1, schedulerCalls, events.toString());
        loop.runFor(Duration.ofMinutes(2));
        assertEquals(2, schedulerCalls, events.toString());
    }

    @Test
    void probeThatFindsTheResourceActiveMakesTheDcAskAgain() throws Exception {
        // the probe answers 0 ("running"): not what a probe expects, so the DC must look at the cluster again
        script.add(new TransitionGraph(List.of(act(1, "monitor", "node2")), -1, List.of()));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(10));
        assertEquals(List.of("monitor vm01 node2"), sent);
        assertEquals(2, schedulerCalls, events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("idle (transition complete")), events.toString());
    }

    @Test
    void aSecondFailureIsRecoveredEvenWhenTheRecoveryIsTheSameAsTheLastOne() throws Exception {
        // the monitor fails, the DC recovers vm01; it fails again just after: the same recovery is due again
        for (int i = 0; i < 2; i++) {
            script.add(new TransitionGraph(List.of(act(1, "stop", "node2"), act(2, "start", "node2", 1)), -1,
                    List.of("* Recover vm01 ( node2 )")));
        }
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(5));
        assertEquals(List.of("stop vm01 node2", "start vm01 node2"), sent);
        OpRecord failed = new OpRecord("vm01", "ocf", "heartbeat", "Dummy", "monitor", 3_000, 7, 0, 9,
                loop.now().getEpochSecond(), 5, "node2", "3:1:0:x", "", Map.of());
        controller.onReport(new ExecReport("node2", -1, -1, failed));
        loop.runFor(Duration.ofSeconds(5));
        assertEquals(List.of("stop vm01 node2", "start vm01 node2", "stop vm01 node2", "start vm01 node2"), sent,
                events.toString());
    }

    @Test
    void failedStartAbortsRecordsAFatalFailCountAndReschedules() throws Exception {
        startResult = AgentResult.of(org.vigil.agents.OcfStatus.ERR_GENERIC, "boom");
        script.add(new TransitionGraph(List.of(act(1, "start", "node1"), act(2, "monitor", "node1", 1)), -1,
                List.of()));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(5));
        assertEquals(List.of("start vm01 node1"), sent);
        var node1 = controller.cib().status().nodeState("node1").orElseThrow();
        assertEquals(org.vigil.cib.Score.INFINITY, FailCounts.total(node1, "vm01"));
        assertTrue(events.stream().anyMatch(e -> e.contains("stopped: action vm01_start_0 on node1 failed")),
                events.toString());
    }

    @Test
    void lostNodeIsFencedAndMarkedDownBeforeRecovery() throws Exception {
        script.add(new TransitionGraph(List.of(new GraphAction(1, "fence", null, "node2", 0, false, Map.of(),
                List.of()), act(2, "start", "node1", 1)), -1, List.of()));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(1));
        assertEquals(List.of("node2"), fenced);
        assertEquals(List.of(), sent);
        loop.runFor(Duration.ofSeconds(2));
        assertEquals(List.of("start vm01 node1"), sent);
        var node2 = controller.cib().status().nodeState("node2").orElseThrow();
        assertEquals("down", node2.expected());
    }

    @Test
    void unfencingLeavesTheNodeUpAndRecordsWhenItWasUnfenced() throws Exception {
        script.add(new TransitionGraph(List.of(new GraphAction(1, "fence", null, "node2", 0, false,
                Map.of("fence_action", "on"), List.of()), act(2, "start", "node2", 1)), -1, List.of()));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(3));
        assertEquals(List.of("node2"), fenced);
        assertEquals(List.of("start vm01 node2"), sent);
        var node2 = controller.cib().status().nodeState("node2").orElseThrow();
        assertEquals("member", node2.expected());
        assertEquals(String.valueOf(loop.now().minusSeconds(1).getEpochSecond()), node2.transientAttributes().sets()
                .get(0).pairs().stream().filter(p -> p.name().equals("#node-unfenced")).findFirst().orElseThrow()
                .value());
    }

    @Test
    void fencingUsesTheClustersStonithAction() throws Exception {
        Cib cib = CibXml.parse(CIB);
        assertEquals("reboot", Controller.stonithAction(cib));
        for (String v : List.of("off", "poweroff")) {
            Cib off = cib.withConfiguration(cib.configuration().withClusterProperties(List.of(
                    org.vigil.cib.NvSet.of("opts", List.of()).with("stonith-action", v))));
            assertEquals("off", Controller.stonithAction(off), v);
        }
    }

    @Test
    void actionWithoutAnswerTimesOutAndIsRecorded() throws Exception {
        nodesAnswer = false;
        script.add(new TransitionGraph(List.of(act(1, "start", "node2")), -1, List.of()));
        start(CibXml.parse(CIB));
        loop.runFor(Duration.ofSeconds(94));
        assertTrue(events.stream().noneMatch(e -> e.contains("no result")));
        loop.runFor(Duration.ofSeconds(2));
        assertTrue(events.stream().anyMatch(e -> e.contains("no result for vm01_start_0 on node2")), events.toString());
        var op = controller.cib().status().nodeState("node2").orElseThrow().lrm().resources().get(0).ops().get(0);
        assertEquals("2", op.opStatus());
    }

    @Test
    void membershipLossMarksTheNodeUncleanAndQuorumIsRecorded() throws Exception {
        start(CibXml.parse(CIB));
        controller.membershipChanged(Set.of("node1"), false);
        var node2 = controller.cib().status().nodeState("node2").orElseThrow();
        assertEquals("false", node2.inCcm());
        assertEquals("member", node2.expected());
        assertEquals("0", controller.cib().attribute("have-quorum"));
    }
}
