package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.cib.CibXml;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/** A resource deleted from the configuration while it runs (an orphan) is stopped, as Pacemaker does. */
class OrphanStopTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** Time stands still; nothing scheduled runs. */
    private static final class Still implements Clock, Timers {
        @Override
        public Instant now() {
            return T;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }
    }

    @Test
    void theDcStopsADeletedResourceWithTheAgentItsHistoryNames() throws Exception {
        // cts-1 (ocf:heartbeat:Dummy) runs on node1 and is no longer in the configuration
        String xml = "<cib epoch=\"5\" have-quorum=\"1\"><configuration><crm_config><cluster_property_set id=\"o\">"
                + "<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
                + "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources/>"
                + "<constraints/></configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">"
                + "<lrm id=\"1\"><lrm_resources><lrm_resource id=\"cts-1\" class=\"ocf\" provider=\"heartbeat\" "
                + "type=\"Dummy\"><lrm_rsc_op id=\"cts-1_last_0\" operation=\"start\" operation_key=\"cts-1_start_0\" "
                + "call-id=\"3\" rc-code=\"0\" op-status=\"0\" interval=\"0\" on_node=\"node1\" "
                + "transition-key=\"1:1:0:x\"/></lrm_resource></lrm_resources></lrm></node_state>"
                + "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
                + "</status></cib>";
        List<ExecRequest> sent = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Still world = new Still();
        Controller c = new Controller("node2", world, world, new PolicyEngine(), (node, r) -> sent.add(r),
                (node, action, done) -> { }, events::add);
        c.takeOver(CibXml.parse(xml), Set.of("node1", "node2"), true, Map.of());
        assertTrue(events.stream().noneMatch(e -> e.startsWith("cannot run")), () -> String.join("\n", events));
        assertEquals(1, sent.size(), () -> "one stop expected: " + events);
        ExecRequest stop = sent.get(0);
        assertEquals(ActionName.STOP, stop.action().action());
        assertEquals("cts-1", stop.action().resourceInstance());
        assertEquals(new AgentId("ocf", "heartbeat", "Dummy"), stop.action().agent());
    }

    /** Records what each action ran with and answers at once. */
    private static final class Recording implements org.vigil.agents.AgentExecutor {
        final List<AgentAction> ran = new ArrayList<>();

        @Override
        public ActionHandle execute(AgentAction action, java.util.function.Consumer<AgentResult> onDone) {
            ran.add(action);
            onDone.accept(AgentResult.success());
            return ActionHandle.finished();
        }
    }

    private static ExecRequest request(ActionName action, Map<String, String> params, int id) {
        AgentId agent = new AgentId("ocf", "heartbeat", "Dummy");
        return new ExecRequest(1, id, id + ":1:0:x",
                new AgentAction(agent, "cts-1", action, params, Map.of(), 0, Duration.ofSeconds(20)), "ocf",
                "heartbeat", "Dummy", 0);
    }

    @Test
    void aStopRunsWithTheParametersTheResourceWasStartedWith() {
        Recording agents = new Recording();
        Still world = new Still();
        LocalResourceManager lrm = new LocalResourceManager("node1", agents, world, world);
        lrm.execute(request(ActionName.START, Map.of("fake", "7", "state", "/run/x.state"), 1), r -> { });
        lrm.execute(request(ActionName.STOP, Map.of(), 2), r -> { });
        assertEquals(Map.of("fake", "7", "state", "/run/x.state"), agents.ran.get(1).params());
        // once stopped, the next start's parameters are the ones a later stop uses
        lrm.execute(request(ActionName.START, Map.of("fake", "8"), 3), r -> { });
        lrm.execute(request(ActionName.STOP, Map.of("fake", "9"), 4), r -> { });
        assertEquals(Map.of("fake", "8"), agents.ran.get(3).params());
    }
}
