package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static final String OK = "name: t\nconfiguration: |\n  primitive a ocf:heartbeat:Dummy\n"
            + "cluster: {nodes: [n1, n2]}\n";

    @Test
    void unknownTimelineEventIsReportedWithTheScenarioName() {
        var e = assertThrows(ScenarioLoader.ScenarioException.class,
                () -> ScenarioLoader.parse(OK + "timeline: [\"explode n1 at 5s\"]\n", "t.yaml"));
        assertTrue(e.getMessage().startsWith("t.yaml: timeline event 'explode n1 at 5s': unknown event"),
                e.getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() {
        var e = assertThrows(ScenarioLoader.ScenarioException.class,
                () -> ScenarioLoader.parse("name: t\ntimeline: [\n", "t.yaml"));
        assertTrue(e.getMessage().startsWith("t.yaml:"), e.getMessage());
    }

    @Test
    void crmSyntaxErrorsAreReportedAsSuch() {
        var e = assertThrows(ScenarioLoader.ScenarioException.class,
                () -> ScenarioLoader.parse("name: t\nconfiguration: |\n  primitive\n", "t.yaml"));
        assertTrue(e.getMessage().contains("t.yaml (configuration)"), e.getMessage());
    }

    @Test
    void timelineWithPartitionAndSpanParses() throws Exception {
        var l = ScenarioLoader.parse(OK + "timeline: [\"partition [n1] [n2] at 2m for 30s\"]\n", "t.yaml");
        TimelineEvent e = l.timeline().get(0);
        assertEquals("partition", e.verb());
        assertEquals(2, e.groups().size());
        assertEquals(java.time.Duration.ofSeconds(120), e.at());
        assertEquals(java.time.Duration.ofSeconds(30), e.span());
    }

    @Test
    void badExpectationIsRejectedUpFront() {
        var e = assertThrows(ScenarioLoader.ScenarioException.class,
                () -> ScenarioLoader.parse(OK + "expect: [\"a is happy\"]\n", "t.yaml"));
        assertTrue(e.getMessage().contains("expectation 'a is happy'"), e.getMessage());
    }
}
