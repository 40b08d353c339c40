package org.vigil.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.NodeState;
import org.vigil.transition.GraphAction;
import org.vigil.transition.TransitionGraph;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * A change of only reloadable parameters is taken in place, as Pacemaker does: the executor records which
 * parameters force a restart (from the agent's meta-data) and their digest, the scheduler then asks for
 * reload-agent instead of a stop and a start, and the reload, recorded as a start with the new parameters,
 * settles it.
 */
class ReloadInsteadOfRestartTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final AgentId DUMMY = new AgentId("ocf", "heartbeat", "Dummy");

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

    /** Answers every action at once; knows the agent's meta-data: only "state" forces a restart. */
    private static final class ReloadableAgent implements org.vigil.agents.AgentExecutor {
        final List<AgentAction> ran = new ArrayList<>();

        @Override
        public ActionHandle execute(AgentAction action, java.util.function.Consumer<AgentResult> onDone) {
            ran.add(action);
            onDone.accept(AgentResult.success());
            return ActionHandle.finished();
        }

        @Override
        public Optional<List<String>> restartParameters(AgentId agent) {
            return Optional.of(List.of("state"));
        }
    }

    private static Cib cib(String state, String fake) throws Exception {
        return CibXml.parse("<cib epoch=\"5\" have-quorum=\"1\"><configuration><crm_config>"
                + "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>"
                + "</cluster_property_set></crm_config><nodes><node id=\"1\" uname=\"node1\"/></nodes><resources>"
                + "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<instance_attributes id=\"r-i\"><nvpair id=\"r-s\" name=\"state\" value=\"" + state + "\"/>"
                + "<nvpair id=\"r-f\" name=\"fake\" value=\"" + fake + "\"/></instance_attributes>"
                + "</primitive></resources><constraints/></configuration><status>"
                + "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
                + "expected=\"member\"/></status></cib>");
    }

    private static Cib withHistory(Cib cib, LocalResourceManager lrm) {
        NodeState node1 = cib.status().nodeState("node1").orElseThrow();
        return cib.withStatus(cib.status().withNodeState(node1.withLrm(lrm.history())));
    }

    private static ExecRequest request(ActionName action, Map<String, String> params, int id) {
        return new ExecRequest(1, id, id + ":1:0:x", new AgentAction(DUMMY, "r", action, params, Map.of(), 0,
                Duration.ofSeconds(20)), "ocf", "heartbeat", "Dummy", 0);
    }

    private static List<String> tasks(TransitionGraph graph) {
        List<String> out = new ArrayList<>();
        for (GraphAction a : graph.actions()) {
            if ("r".equals(a.resource()) && !a.pseudo()) {
                out.add(a.task() + " " + a.node());
            }
        }
        return out;
    }

    @Test
    void changingOnlyAReloadableParameterReloadsTheResourceInPlace() throws Exception {
        Still world = new Still();
        ReloadableAgent agent = new ReloadableAgent();
        LocalResourceManager lrm = new LocalResourceManager("node1", agent, world, world);
        PolicyEngine engine = new PolicyEngine();
        lrm.execute(request(ActionName.START, Map.of("state", "/run/r", "fake", "1"), 1), r -> { });
        var started = lrm.history().resources().get(0).ops().get(0);
        assertEquals(" state ", started.attribute("op-force-restart"));
        assertEquals(OpDigest.of(Map.of("state", "/run/r"), 0, 0), started.attribute("op-restart-digest"));

        assertEquals(List.of(), tasks(engine.schedule(withHistory(cib("/run/r", "1"), lrm), T)),
                "nothing to do while the definition is unchanged");
        List<String> reload = tasks(engine.schedule(withHistory(cib("/run/r", "2"), lrm), T));
        assertEquals(List.of("reload-agent node1"), reload, "only a reloadable parameter changed");

        lrm.execute(request(ActionName.RELOAD_AGENT, Map.of("state", "/run/r", "fake", "2"), 2), r -> { });
        var recorded = lrm.history().resources().get(0).ops().get(0);
        assertEquals("start", recorded.operation(), "a reload is recorded as a start with the new parameters");
        assertEquals(List.of(), tasks(engine.schedule(withHistory(cib("/run/r", "2"), lrm), T)),
                "the reload settled the change");
    }

    @Test
    void changingAParameterThatForcesARestartRestartsTheResource() throws Exception {
        Still world = new Still();
        LocalResourceManager lrm = new LocalResourceManager("node1", new ReloadableAgent(), world, world);
        lrm.execute(request(ActionName.START, Map.of("state", "/run/r", "fake", "1"), 1), r -> { });
        List<String> tasks = tasks(new PolicyEngine().schedule(withHistory(cib("/run/other", "1"), lrm), T));
        assertTrue(tasks.contains("stop node1") && tasks.contains("start node1"), tasks::toString);
    }

    @Test
    void aFailedReloadIsRecordedAsAProbeSoTheStateIsCheckedAgain() {
        Still world = new Still();
        org.vigil.agents.AgentExecutor failing = (action, done) -> {
            done.accept(action.action() == ActionName.RELOAD_AGENT
                    ? AgentResult.timedOut("reload timed out", "") : AgentResult.success());
            return ActionHandle.finished();
        };
        LocalResourceManager lrm = new LocalResourceManager("node1", failing, world, world);
        lrm.execute(request(ActionName.START, Map.of("state", "/run/r"), 1), r -> { });
        lrm.execute(request(ActionName.RELOAD_AGENT, Map.of("state", "/run/r"), 2), r -> { });
        assertTrue(lrm.history().resources().get(0).ops().stream()
                .anyMatch(op -> op.operation().equals("monitor") && !"0".equals(op.opStatus())),
                () -> lrm.history().toString());
    }
}
