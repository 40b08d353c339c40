package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurringCancelsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String STARTED_AND_MONITORED =
            "<lrm_rsc_op id=\"web_last_0\" operation=\"start\" interval=\"0\" call-id=\"2\" rc-code=\"0\" "
            + "op-status=\"0\" transition-key=\"1:1:0:x\"/>"
            + "<lrm_rsc_op id=\"web_monitor_10000\" operation=\"monitor\" interval=\"10000\" call-id=\"3\" "
            + "rc-code=\"0\" op-status=\"0\" transition-key=\"2:1:0:x\"/>";

    private static List<String> labels(String meta, String ops) {
        Transition t = new Scheduler().schedule(new CibBuilder().nodes("node1", "node2")
                .resources("<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" + meta
                        + "<operations>" + ops + "</operations></primitive>")
                .history("web", "node1", STARTED_AND_MONITORED).build(), NOW);
        return t.actions().stream().filter(a -> a.resource() != null && "node1".equals(a.node())).map(Transition.TransitionAction::label)
                .toList();
    }

    @Test
    void resourceInMaintenanceHasItsRecordedMonitorCancelledAndNoneScheduled() {
        List<String> actions = labels("<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"maintenance\" "
                + "value=\"true\"/></meta_attributes>",
                "<op id=\"mon\" name=\"monitor\" interval=\"10s\"/>");
        assertEquals(List.of("Resource action: web             cancel=10000 on node1"), actions);
    }

    @Test
    void monitorStillConfiguredIsLeftRunning() {
        assertEquals(List.of(), labels("", "<op id=\"mon\" name=\"monitor\" interval=\"10s\"/>"));
    }

    @Test
    void monitorWhoseIntervalChangedIsCancelledAndTheNewOneScheduled() {
        assertEquals(List.of("Resource action: web             cancel=10000 on node1",
                "Resource action: web             monitor=20000 on node1"),
                labels("", "<op id=\"mon\" name=\"monitor\" interval=\"20s\"/>"));
    }

    @Test
    void disabledMonitorIsCancelled() {
        assertEquals(List.of("Resource action: web             cancel=10000 on node1"),
                labels("", "<op id=\"mon\" name=\"monitor\" interval=\"10s\" enabled=\"false\"/>"));
    }
}
