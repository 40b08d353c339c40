package org.vigil.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.agents.AgentId;
import org.vigil.agents.fence.FenceAction;

class FencingConfigTest {
    @Test
    void devicePropertiesAreReadWithPacemakersDefaults() {
        FencingConfig c = FencingConfig.from(new TestCibs().property("stonith-timeout", "90s")
                .device("apc", "fence_apc", "ip", "10.0.0.9", "pcmk_host_map", "n1:1;n2=2 n3:3", "pcmk_off_timeout", "2min",
                        "pcmk_reboot_retries", "5", "pcmk_delay_base", "3s", "pcmk_delay_max", "9s", "meta:priority", "4")
                .device("plain", "fence_ipmilan")
                .build());
        assertEquals(List.of(), c.problems());
        FenceDevice apc = c.device("apc").orElseThrow();
        assertEquals(AgentId.stonith("fence_apc"), apc.agent());
        assertEquals(Map.of("n1", "1", "n2", "2", "n3", "3"), apc.hostMap());
        assertEquals("2", apc.plugFor("N2"));
        assertEquals(Optional.of(HostCheck.STATIC_LIST), apc.hostCheck());
        assertEquals(Duration.ofMinutes(2), apc.timeout(FenceAction.OFF, c.defaultTimeout()));
        assertEquals(Duration.ofSeconds(90), apc.timeout(FenceAction.REBOOT, c.defaultTimeout()));
        assertEquals(5, apc.attempts(FenceAction.REBOOT));
        assertEquals(2, apc.attempts(FenceAction.OFF));
        assertEquals(Duration.ofSeconds(3), apc.delayBase());
        assertEquals(Duration.ofSeconds(9), apc.delayMax());
        assertEquals(4, apc.priority());
        FenceDevice plain = c.device("plain").orElseThrow();
        assertEquals(Optional.empty(), plain.hostCheck(), "no list or map: decided from the agent's meta-data");
        assertEquals("n7", plain.plugFor("n7"));
        assertEquals(List.of("apc", "plain"), c.devicesInOrder().stream().map(FenceDevice::id).toList());
    }

    @Test
    void stonithTimeoutDefaultsToSixtySecondsAndNewNameWins() {
        assertEquals(Duration.ofSeconds(60), FencingConfig.from(new TestCibs().build()).defaultTimeout());
        assertEquals(Duration.ofSeconds(20), FencingConfig.from(new TestCibs().property("stonith-timeout", "90s")
                .property("fencing-timeout", "20s").build()).defaultTimeout());
    }

    @Test
    void badSettingsLeaveTheDeviceOrLevelOutAndSayWhy() {
        FencingConfig c = FencingConfig.from(new TestCibs()
                .device("a", "fence_x", "pcmk_host_check", "static")
                .device("b", "fence_x", "pcmk_host_check", "static-list")
                .device("c", "fence_x", "pcmk_host_map", "n1")
                .device("d", "fence_x", "pcmk_reboot_retries", "many")
                .device("e", "fence_x", "pcmk_reboot_action", "explode")
                .device("ok", "fence_x", "pcmk_host_list", "n1,n2")
                .level(0, "target=\"n1\"", "ok")
                .level(1, "target-pattern=\"n[\"", "ok")
                .level(1, "", "ok")
                .build());
        assertEquals(List.of("ok"), c.devices().stream().map(FenceDevice::id).toList());
        assertEquals(List.of(), c.levels());
        assertEquals(List.of(
                "fence device a not used: pcmk_host_check 'static': expected static-list, dynamic-list, status or none",
                "fence device b not used: pcmk_host_check=static-list needs pcmk_host_list or pcmk_host_map",
                "fence device c not used: pcmk_host_map entry 'n1': expected node:port",
                "fence device d not used: pcmk_reboot_retries 'many': expected a whole number of attempts",
                "fence device e not used: pcmk_reboot_action 'explode': expected an agent action such as reboot or off",
                "fencing level fl-0 not used: index 0: expected a positive integer",
                "fencing level fl-1 not used: target-pattern 'n[' is not a regular expression: Unclosed character class",
                "fencing level fl-2 not used: no target: expected target, target-pattern, or target-attribute with target-value"),
                c.problems());
        assertEquals(List.of("n1", "n2"), c.device("ok").orElseThrow().hostList());
    }

    @Test
    void levelsForANodeComeInIndexOrder() {
        FencingConfig c = FencingConfig.from(new TestCibs()
                .device("a", "fence_x").device("b", "fence_x")
                .level(3, "target=\"n1\"", "b")
                .level(1, "target=\"n1\"", "a,b")
                .level(1, "target=\"n2\"", "b")
                .build());
        assertEquals(List.of(1, 3), c.levelsFor("n1").stream().map(FencingLevel::index).toList());
        assertEquals(List.of("a", "b"), c.levelsFor("n1").get(0).devices());
        assertTrue(c.levelsFor("n3").isEmpty());
    }

    @Test
    void listOutputMatchesPlugOrAlias() {
        assertTrue(FenceOperation.listed("vm1,node1\nvm2,node2\n", "node2"));
        assertTrue(FenceOperation.listed("vm1,node1\n", "VM1"));
        assertFalse(FenceOperation.listed("vm1,node1\n", "node"));
    }
}
