package org.vigil.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.builtin.StatefulAgent;

class MetadataXmlTest {
    @TempDir
    Path tmp;

    @Test
    void parsesDebianDummyMetadataWithItsDoctype() throws Exception {
        assumeTrue(TestHosts.debianAgentsInstalled(), "Debian resource-agents not installed");
        try (LocalAgentExecutor ex = new LocalAgentExecutor(AgentRegistry.load(), TestHosts.host(tmp))) {
            AgentResult r = TestHosts.run(ex, AgentAction.of(AgentId.ocf("heartbeat", "Dummy"), "d", ActionName.META_DATA, Map.of(), Duration.ofSeconds(5)));
            AgentMetadata md = MetadataXml.parse("ocf:heartbeat:Dummy", r.output());
            assertEquals("Dummy", md.name());
            ParameterSpec state = md.parameter("state").orElseThrow();
            assertTrue(state.unique());
            assertFalse(state.required());
            assertEquals("dummy", md.parameter("fake").orElseThrow().defaultValue().orElseThrow());
            assertEquals(Duration.ofSeconds(20), md.defaultTimeout(ActionName.START));
            assertEquals(Duration.ofSeconds(10), md.action("monitor").orElseThrow().interval().orElseThrow());
        }
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "TOPSECRET");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE resource-agent [<!ENTITY x SYSTEM \"file://" + secret + "\">]>\n"
                + "<resource-agent name=\"evil\"><shortdesc>&x;</shortdesc><parameters/><actions/></resource-agent>";
        try {
            AgentMetadata md = MetadataXml.parse("ocf:test:evil", xml);
            assertFalse(md.shortDesc().contains("TOPSECRET"), md.shortDesc());
        } catch (MetadataException e) {
            assertTrue(e.getMessage().contains("ocf:test:evil"), e.getMessage());
        }
    }

    @Test
    void malformedMetadataNamesTheAgentAndWhatWasExpected() {
        MetadataException e = assertThrows(MetadataException.class, () -> MetadataXml.parse("ocf:test:broken", "<resource-agent><parameters>"));
        assertTrue(e.getMessage().contains("ocf:test:broken"), e.getMessage());
        assertTrue(e.getMessage().contains("<resource-agent>"), e.getMessage());
        MetadataException wrongRoot = assertThrows(MetadataException.class, () -> MetadataXml.parse("ocf:test:other", "<html/>"));
        assertTrue(wrongRoot.getMessage().contains("expected <resource-agent>"), wrongRoot.getMessage());
        MetadataException badTimeout = assertThrows(MetadataException.class, () -> MetadataXml.parse("ocf:test:t",
                "<resource-agent name='t'><actions><action name='start' timeout='soon'/></actions></resource-agent>"));
        assertTrue(badTimeout.getMessage().contains("action start"), badTimeout.getMessage());
    }

    @Test
    void nativeMetadataRoundTripsThroughXml() throws Exception {
        AgentMetadata md = new StatefulAgent().metadata();
        AgentMetadata back = MetadataXml.parse("ocf:pacemaker:Stateful", MetadataXml.render(md));
        assertEquals(md.parameters(), back.parameters());
        assertEquals(md.actions(), back.actions());
        assertEquals(md.name(), back.name());
    }

    @Test
    void durationsUsePacemakerSyntax() {
        assertEquals(Duration.ofSeconds(20), OcfDurations.parse("20"));
        assertEquals(Duration.ofSeconds(90), OcfDurations.parse("90s"));
        assertEquals(Duration.ofMinutes(10), OcfDurations.parse("10min"));
        assertEquals(Duration.ofMillis(500), OcfDurations.parse("500ms"));
        assertThrows(IllegalArgumentException.class, () -> OcfDurations.parse("ten"));
    }
}
