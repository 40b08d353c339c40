package org.vigil.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agents.builtin.DummyAgent;
import org.vigil.agents.builtin.ProcessAgent;

class AgentRegistryTest {
    @TempDir
    Path tmp;

    private HostEnvironment hostWithScripts() throws Exception {
        Path root = tmp.resolve("ocf");
        TestHosts.script(root.resolve("resource.d/heartbeat"), "Dummy", "#!/bin/sh\nexit 0\n");
        TestHosts.script(root.resolve("resource.d/vigil"), "process", "#!/bin/sh\nexit 0\n");
        TestHosts.script(root.resolve("resource.d/acme"), "Widget", "#!/bin/sh\nexit 0\n");
        TestHosts.script(tmp.resolve("sbin"), "fence_test", "#!/bin/sh\nexit 0\n");
        return TestHosts.host(tmp).withOcfRoot(root).withFenceAgentDirs(List.of(tmp.resolve("sbin")));
    }

    @Test
    void nativeAgentWinsOverScriptUnlessItDefersToTheScript() throws Exception {
        HostEnvironment host = hostWithScripts();
        AgentRegistry reg = AgentRegistry.of(List.of(new DummyAgent(), new ProcessAgent()), List.of());
        assertTrue(reg.resolve(AgentId.parse("ocf:vigil:process"), host).orElseThrow() instanceof ResolvedAgent.Native);
        assertTrue(reg.resolve(AgentId.parse("ocf:heartbeat:Dummy"), host).orElseThrow() instanceof ResolvedAgent.OcfScript);
        assertTrue(reg.resolve(AgentId.parse("ocf:acme:Widget"), host).orElseThrow() instanceof ResolvedAgent.OcfScript);
        assertTrue(reg.resolve(AgentId.parse("stonith:fence_test"), host).orElseThrow() instanceof ResolvedAgent.FenceScript);
        assertTrue(reg.resolve(AgentId.parse("ocf:acme:Nothing"), host).isEmpty());
    }

    @Test
    void scriptFirstNativeAgentStandsInWhenTheScriptIsAbsent() {
        HostEnvironment host = TestHosts.host(tmp).withOcfRoot(tmp.resolve("empty"));
        AgentRegistry reg = AgentRegistry.of(List.of(new DummyAgent()), List.of());
        assertTrue(reg.resolve(AgentId.parse("ocf:heartbeat:Dummy"), host).orElseThrow() instanceof ResolvedAgent.Native);
    }

    @Test
    void pathTraversalInAgentNamesFindsNothing() throws Exception {
        HostEnvironment host = hostWithScripts();
        AgentRegistry reg = AgentRegistry.of(List.of(), List.of());
        assertTrue(reg.resolve(new AgentId("ocf", "..", "heartbeat"), host).isEmpty());
    }

    @Test
    void listFiltersByClassAndProvider() throws Exception {
        HostEnvironment host = hostWithScripts();
        AgentRegistry reg = AgentRegistry.of(List.of(new ProcessAgent()), List.of());
        List<String> all = reg.list(host, Optional.empty()).stream().map(AgentId::toString).toList();
        assertEquals(List.of("ocf:acme:Widget", "ocf:heartbeat:Dummy", "ocf:vigil:process", "stonith:fence_test"), all);
        assertEquals(List.of("ocf:acme:Widget"), reg.list(host, Optional.of("ocf:acme")).stream().map(AgentId::toString).toList());
        assertEquals(List.of("stonith:fence_test"), reg.list(host, Optional.of("stonith")).stream().map(AgentId::toString).toList());
    }

    @Test
    void twoAgentsWithOneIdAreRejectedNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AgentRegistry.of(List.of(new DummyAgent(), new DummyAgent()), List.of()));
        assertTrue(e.getMessage().contains("ocf:heartbeat:Dummy"), e.getMessage());
    }

    @Test
    void builtInAgentsAreFoundThroughServiceLoader() {
        AgentRegistry reg = AgentRegistry.load();
        for (String id : List.of("ocf:heartbeat:Dummy", "ocf:pacemaker:Stateful", "ocf:vigil:process")) {
            assertTrue(reg.nativeAgent(AgentId.parse(id)).isPresent(), id);
        }
    }

    @Test
    void agentIdsParseAndRejectMalformedNames() {
        assertEquals(new AgentId("ocf", "heartbeat", "Xen"), AgentId.parse("ocf:heartbeat:Xen"));
        assertEquals(AgentId.stonith("fence_dummy"), AgentId.parse("stonith:fence_dummy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentId.parse("ocf:Xen"));
        assertTrue(e.getMessage().contains("class:provider:type"), e.getMessage());
    }
}
