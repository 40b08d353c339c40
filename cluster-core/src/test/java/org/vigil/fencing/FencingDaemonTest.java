package org.vigil.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vigil.agents.fence.FenceAction;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.world.RandomSource;

class FencingDaemonTest {
    private final VirtualWorld world = new VirtualWorld();
    private final FakeAgents agents = new FakeAgents(world);
    private final Instant start = world.now();

    private FencingDaemon daemon(Cib cib) {
        return new FencingDaemon("n1", () -> cib, agents, world, world, world, RandomSource.seeded(7));
    }

    /** Asks as the controller does and runs the world until everything settled. */
    private List<Boolean> fence(FencingDaemon d, String node, String action) {
        List<Boolean> results = new ArrayList<>();
        d.fence(node, action, ok -> {
            assertTrue(world.onEventThread(), "callback must run on the event thread");
            results.add(ok);
        });
        world.runUntilIdle();
        return results;
    }

    private FenceEvent last(FencingDaemon d) {
        return d.history().get(d.history().size() - 1);
    }

    @Test
    void staticHostListAndMapPickTheDeviceForTheNodeAndTheMappedPlug() {
        agents.agent("fence_ipmilan", r -> FakeAgents.Reply.ok()).agent("fence_apc", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .device("ipmi-n2", "fence_ipmilan", "pcmk_host_list", "n2")
                .device("apc", "fence_apc", "pcmk_host_map", "n3:7;n4:8")
                .build());
        assertEquals(List.of(true), fence(d, "n3", "reboot"));
        assertEquals(List.of("fence_apc reboot 7"), agents.powerCalls());
        assertEquals(List.of("apc"), last(d).devices());
        agents.calls.clear();
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_ipmilan reboot n2"), agents.powerCalls());
        agents.calls.clear();
        assertEquals(List.of(false), fence(d, "n5", "reboot"));
        assertEquals(List.of(), agents.powerCalls(), "no device lists n5, so nothing runs");
        assertTrue(last(d).reason().contains("apc cannot fence n5: not in pcmk_host_list/pcmk_host_map"), last(d).reason());
    }

    @Test
    void withoutHostListTheAgentsListDecidesWhenItHasAListAction() {
        agents.agent("fence_virsh", r -> r.action() == FenceAction.LIST ? FakeAgents.Reply.exit(0, "vm-n2,n2\n") : FakeAgents.Reply.ok())
                .agent("fence_vbox", r -> r.action() == FenceAction.LIST ? FakeAgents.Reply.exit(0, "n3\n") : FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .device("virsh", "fence_virsh", "pcmk_host_map", "n2:vm-n2", "pcmk_host_check", "dynamic-list")
                .device("vbox", "fence_vbox", "meta:priority", "-1")
                .build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_virsh list", "fence_virsh reboot vm-n2"), agents.powerCalls());
        agents.calls.clear();
        // vbox has neither list nor map: its meta-data declares list, so its list decides (Pacemaker's default)
        assertEquals(List.of(true), fence(d, "n3", "reboot"));
        assertEquals(List.of("fence_virsh list", "fence_vbox list", "fence_vbox reboot n3"), agents.powerCalls());
        agents.calls.clear();
        assertEquals(List.of(false), fence(d, "n9", "reboot"));
        assertTrue(last(d).reason().contains("vbox cannot fence n9: 'n9' is not in the list the agent reports"), last(d).reason());
    }

    @Test
    void agentWithoutListButWithStatusIsAskedAboutTheNode() {
        agents.declares("fence_x", "on", "off", "reboot", "status")
                .agent("fence_x", r -> r.action() == FenceAction.STATUS
                        ? FakeAgents.Reply.exit(r.target().orElseThrow().equals("n2") ? 2 : 1, "")
                        : FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("x", "fence_x").build());
        assertEquals(List.of(true), fence(d, "n2", "off"));
        assertEquals(List.of("fence_x status n2", "fence_x off n2"), agents.powerCalls());
        agents.calls.clear();
        assertEquals(List.of(false), fence(d, "n3", "off"));
        assertEquals(List.of("fence_x status n3"), agents.powerCalls());
    }

    @Test
    void hostCheckNoneFencesAnyNodeWithoutAsking() {
        agents.agent("fence_x", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("x", "fence_x", "pcmk_host_check", "none").build());
        assertEquals(List.of(true), fence(d, "anything", "reboot"));
        assertEquals(List.of("fence_x reboot anything"), agents.powerCalls());
    }

    @Test
    void withoutTopologyDevicesAreTriedByPriorityThenIdUntilOneWorks() {
        agents.agent("fence_bad", r -> FakeAgents.Reply.failed("bad")).agent("fence_good", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .device("b-bad", "fence_bad", "pcmk_host_list", "n2", "pcmk_reboot_retries", "1")
                .device("a-bad", "fence_bad", "pcmk_host_list", "n2", "pcmk_reboot_retries", "1")
                .device("z-good", "fence_good", "pcmk_host_list", "n2")
                .device("c-top", "fence_bad", "pcmk_host_list", "n2", "pcmk_reboot_retries", "1", "meta:priority", "10")
                .build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_bad reboot n2", "fence_bad reboot n2", "fence_bad reboot n2", "fence_good reboot n2"),
                agents.powerCalls());
        assertEquals(List.of("z-good"), last(d).devices());
    }

    @Test
    void failingFirstLevelFallsThroughToTheSecond() {
        agents.agent("fence_ipmilan", r -> FakeAgents.Reply.failed("BMC unreachable"))
                .agent("fence_apc", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .device("ipmi-n2", "fence_ipmilan", "pcmk_host_list", "n2")
                .device("psu1", "fence_apc", "pcmk_host_map", "n2:1")
                .device("psu2", "fence_apc", "pcmk_host_map", "n2:2")
                .level(2, "target=\"n2\"", "psu1,psu2")
                .level(1, "target=\"n2\"", "ipmi-n2")
                .build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        // level 1 twice (default 2 attempts), then level 2's two power feeds: both off, then both on
        assertEquals(List.of("fence_ipmilan reboot n2", "fence_ipmilan reboot n2",
                "fence_apc off 1", "fence_apc off 2", "fence_apc on 1", "fence_apc on 2"), agents.powerCalls());
        FenceEvent e = last(d);
        assertEquals(FenceState.DONE, e.state());
        assertEquals(List.of("psu1", "psu2"), e.devices());
    }

    @Test
    void everyDeviceOfALevelMustSucceedOrTheLevelFails() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok())
                .agent("fence_bad", r -> FakeAgents.Reply.failed("outlet stuck"));
        FencingDaemon d = daemon(new TestCibs()
                .device("a", "fence_ok", "pcmk_host_list", "n2")
                .device("b", "fence_bad", "pcmk_host_list", "n2", "pcmk_off_retries", "1")
                .device("c", "fence_ok", "pcmk_host_list", "n2")
                .level(1, "target=\"n2\"", "a,b,c")
                .build());
        assertEquals(List.of(false), fence(d, "n2", "off"));
        assertEquals(List.of("fence_ok off n2", "fence_bad off n2"), agents.powerCalls(), "c never runs once b failed");
        FenceEvent e = last(d);
        assertEquals(FenceState.FAILED, e.state());
        assertEquals(List.of("a", "b"), e.devices());
        assertTrue(e.reason().contains("level 1: b off of n2 failed: outlet stuck"), e.reason());
    }

    @Test
    void levelsApplyByPatternAndByNodeAttributeAndANamedTargetWins() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .nodeAttribute("n7", "rack", "r1")
                .device("by-pattern", "fence_ok", "pcmk_host_check", "none")
                .device("by-rack", "fence_ok", "pcmk_host_check", "none")
                .device("by-name", "fence_ok", "pcmk_host_check", "none")
                .level(1, "target-pattern=\"^n[0-9]$\"", "by-pattern")
                .level(1, "target-attribute=\"rack\" target-value=\"r1\"", "by-rack")
                .level(1, "target=\"n8\"", "by-name")
                .build());
        fence(d, "n3", "reboot");
        assertEquals(List.of("by-pattern"), last(d).devices());
        fence(d, "n8", "reboot");
        assertEquals(List.of("by-name"), last(d).devices());
        fence(d, "n7", "reboot");
        assertEquals(List.of("by-pattern"), last(d).devices(), "pattern and attribute both match n7: the first in the document wins");
        fence(d, "host7", "reboot");
        assertEquals(List.of("by-name"), last(d).devices(), "no level for host7: any capable device, by priority then id");
    }

    @Test
    void attributeLevelMatchesANodeWhosePermanentAttributeHasTheValue() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .nodeAttribute("web1", "rack", "r1")
                .device("rack1-pdu", "fence_ok", "pcmk_host_check", "none")
                .level(1, "target-attribute=\"rack\" target-value=\"r1\"", "rack1-pdu")
                .build());
        assertEquals(List.of(true), fence(d, "web1", "reboot"));
        assertEquals(List.of("rack1-pdu"), last(d).devices());
    }

    @Test
    void aFailedAttemptIsRetriedUpToTheDevicesRetries() {
        AtomicInteger n = new AtomicInteger();
        agents.agent("fence_flaky", r -> n.incrementAndGet() == 1 ? FakeAgents.Reply.failed("busy") : FakeAgents.Reply.ok())
                .agent("fence_bad", r -> FakeAgents.Reply.failed("dead"));
        FencingDaemon d = daemon(new TestCibs().device("flaky", "fence_flaky", "pcmk_host_list", "n2")
                .device("bad", "fence_bad", "pcmk_host_list", "n3", "pcmk_reboot_retries", "4").build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(2, agents.powerCalls().size());
        agents.calls.clear();
        assertEquals(List.of(false), fence(d, "n3", "reboot"));
        assertEquals(4, agents.powerCalls().size());
        assertTrue(last(d).reason().contains("bad reboot of n3 failed (4 attempts): dead"), last(d).reason());
    }

    @Test
    void anAgentThatNeverAnswersTimesOutAndIsCancelledWithoutARetryPastTheTimeout() {
        agents.agent("fence_hang", r -> FakeAgents.Reply.never());
        FencingDaemon d = daemon(new TestCibs().property("stonith-timeout", "30s")
                .device("hang", "fence_hang", "pcmk_host_list", "n2").build());
        assertEquals(List.of(false), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_hang reboot n2"), agents.powerCalls(), "the timeout used up the time for a retry");
        assertEquals(List.of("fence_hang reboot n2"), agents.cancelled);
        FenceEvent e = last(d);
        assertTrue(e.reason().contains("did not answer within 30s"), e.reason());
        Duration took = Duration.between(start, e.completedAt().orElseThrow());
        assertTrue(took.compareTo(Duration.ofSeconds(35)) >= 0 && took.compareTo(Duration.ofSeconds(36)) < 0,
                "timeout 30s plus the guard's grace: " + took);
    }

    @Test
    void devicesOwnTimeoutOverridesTheClusterDefault() {
        agents.agent("fence_hang", r -> FakeAgents.Reply.never());
        FencingDaemon d = daemon(new TestCibs().device("hang", "fence_hang", "pcmk_host_list", "n2", "pcmk_off_timeout", "7s").build());
        fence(d, "n2", "off");
        assertTrue(last(d).reason().contains("did not answer within 7s"), last(d).reason());
    }

    @Test
    void aSecondRequestForANodeBeingFencedJoinsTheFirst() {
        agents.agent("fence_ok", r -> new FakeAgents.Reply(FakeAgents.Reply.ok().result(), Duration.ofSeconds(10)));
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_ok", "pcmk_host_list", "n2").build());
        List<Boolean> results = new ArrayList<>();
        d.fence("n2", "reboot", results::add);
        world.schedule(Duration.ofSeconds(3), () -> d.fence("n2", "reboot", results::add));
        CompletableFuture<FenceEvent> manual = d.fenceManually("n2", "reboot", "n3");
        world.runUntilIdle();
        assertEquals(List.of(true, true), results);
        assertTrue(manual.join().succeeded());
        assertEquals(List.of("fence_ok reboot n2"), agents.powerCalls(), "one power cycle for three requests");
        assertEquals(1, d.history().size());
        assertEquals(1, fence(d, "n2", "reboot").size());
        assertEquals(2, agents.powerCalls().size(), "once finished, a new request fences again");
    }

    @Test
    void historyRecordsPendingThenTheOutcomeWithWhoAskedAndWhen() {
        agents.agent("fence_ok", r -> new FakeAgents.Reply(FakeAgents.Reply.ok().result(), Duration.ofSeconds(4)));
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_ok", "pcmk_host_list", "n2").build());
        CompletableFuture<FenceEvent> f = d.fenceManually("n2", "off", "n3");
        List<FenceState> seen = new ArrayList<>();
        world.schedule(Duration.ofSeconds(1), () -> seen.add(last(d).state()));
        world.runUntilIdle();
        assertEquals(List.of(FenceState.PENDING), seen);
        FenceEvent e = f.join();
        assertEquals(e, last(d));
        assertEquals("n2", e.target());
        assertEquals("off", e.action());
        assertEquals(FenceState.DONE, e.state());
        assertEquals("n3", e.origin());
        assertEquals(FencingDaemon.OPERATOR, e.client());
        assertEquals("n1", e.executioner());
        assertEquals(start, e.requestedAt());
        assertTrue(e.completedAt().orElseThrow().isAfter(start.plusSeconds(3)));
        assertEquals("", e.reason());
        assertTrue(e.summary().startsWith("off of n2 successful: delegate=n1, client=crm, origin=n3, devices=dev"), e.summary());
    }

    @Test
    void historyKeepsTheLatestFiveHundred() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_ok", "pcmk_host_check", "none").build());
        for (int i = 0; i < FencingDaemon.HISTORY_LIMIT + 20; i++) {
            d.fence("node" + i, "reboot", ok -> { });
        }
        world.runUntilIdle();
        List<FenceEvent> h = d.history();
        assertEquals(FencingDaemon.HISTORY_LIMIT, h.size());
        assertEquals("node20", h.get(0).target());
        assertEquals("node519", h.get(h.size() - 1).target());
        assertTrue(h.stream().allMatch(FenceEvent::succeeded));
    }

    @Test
    void theDcNeverFencesItselfSoTheNextDcCan() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_ok", "pcmk_host_check", "none").build());
        assertEquals(List.of(false), fence(d, "n1", "reboot"));
        assertEquals(List.of(), agents.calls);
        assertTrue(last(d).reason().contains("cannot fence itself"), last(d).reason());
    }

    @Test
    void stoppedDevicesAreNotUsedAndBrokenOnesAreNamed() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .device("off-dev", "fence_ok", "pcmk_host_list", "n2", "meta:target-role", "Stopped")
                .device("typo", "fence_ok", "pcmk_host_list", "n2", "pcmk_reboot_timeout", "soon")
                .build());
        assertEquals(List.of(false), fence(d, "n2", "reboot"));
        assertEquals(List.of(), agents.calls);
        assertTrue(last(d).reason().contains("fence device typo not used: pcmk_reboot_timeout 'soon': expected a positive duration"),
                last(d).reason());
        assertEquals(1, d.configurationProblems().size());
    }

    @Test
    void randomDelayStaysBetweenBaseAndMaxAndComesFromTheInjectedRandomness() {
        agents.agent("fence_ok", r -> new FakeAgents.Reply(FakeAgents.Reply.ok().result(), Duration.ZERO));
        Cib cib = new TestCibs().device("dev", "fence_ok", "pcmk_host_list", "n2",
                "pcmk_delay_base", "5s", "pcmk_delay_max", "20s").build();
        List<Instant> finished = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            VirtualWorld w = new VirtualWorld();
            FakeAgents a = new FakeAgents(w).agent("fence_ok", r -> new FakeAgents.Reply(FakeAgents.Reply.ok().result(), Duration.ZERO));
            FencingDaemon d = new FencingDaemon("n1", () -> cib, a, w, w, w, RandomSource.seeded(42));
            CompletableFuture<FenceEvent> f = d.fenceManually("n2", "reboot", "n1");
            w.runUntilIdle();
            finished.add(f.join().completedAt().orElseThrow());
        }
        assertEquals(finished.get(0), finished.get(1), "same seed, same delay");
        Duration waited = Duration.between(start, finished.get(0));
        assertTrue(waited.compareTo(Duration.ofSeconds(5)) >= 0 && waited.compareTo(Duration.ofSeconds(21)) <= 0, waited.toString());
    }

    @Test
    void rebootActionCanBeMappedToAnotherAgentAction() {
        agents.agent("fence_ok", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_ok", "pcmk_host_list", "n2", "pcmk_reboot_action", "off").build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_ok off n2"), agents.powerCalls());
    }

    @Test
    void agentWithoutRebootIsPoweredOffThenOn() {
        agents.declares("fence_onoff", "on", "off", "status").agent("fence_onoff", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_onoff", "pcmk_host_list", "n2").build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_onoff off n2", "fence_onoff on n2"), agents.powerCalls());
    }

    @Test
    void aFailingPowerOnAfterASuccessfulOffStillConfirmsTheFence() {
        agents.agent("fence_apc", r -> r.action() == FenceAction.ON ? FakeAgents.Reply.failed("on failed") : FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs()
                .device("psu1", "fence_apc", "pcmk_host_map", "n2:1")
                .device("psu2", "fence_apc", "pcmk_host_map", "n2:2")
                .level(1, "target=\"n2\"", "psu1,psu2").build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
    }

    @Test
    void aNodeWhoseFencingKeepsFailingIsAskedAgainOnlyAfterGrowingPausesUntilItWorks() {
        boolean[] works = {false};
        agents.agent("fence_x", r -> new FakeAgents.Reply(works[0] ? FakeAgents.Reply.ok().result() : FakeAgents.Reply.failed("no").result(),
                Duration.ZERO));
        FencingDaemon d = daemon(new TestCibs().device("dev", "fence_x", "pcmk_host_list", "n2", "pcmk_reboot_retries", "1").build());
        // like the controller: ask again as soon as the answer is no
        List<Boolean> results = new ArrayList<>();
        Runnable[] ask = new Runnable[1];
        ask[0] = () -> d.fence("n2", "reboot", ok -> {
            results.add(ok);
            if (results.size() == 5) {
                works[0] = true;
            }
            if (!ok) {
                ask[0].run();
            }
        });
        ask[0].run();
        world.runUntilIdle();
        assertEquals(List.of(false, false, false, false, false, true), results);
        List<Long> startedAfter = d.history().stream()
                .map(e -> Duration.between(start, e.completedAt().orElseThrow()).toSeconds()).toList();
        assertEquals(List.of(0L, 1L, 3L, 7L, 15L, 31L), startedAfter, "pauses of 1, 2, 4, 8, 16 s between the attempts");
        agents.calls.clear();
        d.fence("n2", "reboot", ok -> { });
        world.runUntilIdle();
        assertEquals(Duration.ofSeconds(31), Duration.between(start, last(d).completedAt().orElseThrow()).withNanos(0),
                "after a success, no pause");
    }

    @Test
    void concurrentOperationsAskAnAgentForItsMetaDataOnce() {
        agents.agent("fence_x", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("a", "fence_x", "pcmk_host_list", "n2").device("b", "fence_x", "pcmk_host_list", "n3").build());
        d.fence("n2", "reboot", ok -> { });
        d.fence("n3", "reboot", ok -> { });
        world.runUntilIdle();
        assertEquals(1, agents.calls.stream().filter(c -> c.equals("fence_x metadata")).count(), agents.calls.toString());
        assertEquals(2, d.history().stream().filter(FenceEvent::succeeded).count());
    }

    @Test
    void devicesLearnedAtStartAreNotAskedForTheirMetaDataWhenANodeMustBeFenced() {
        agents.agent("fence_x", r -> FakeAgents.Reply.ok()).agent("fence_y", r -> FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("a", "fence_x", "pcmk_host_list", "n2")
                .device("b", "fence_y", "pcmk_host_list", "n3").build());
        d.learnDevices();
        world.runUntilIdle();
        assertEquals(List.of("fence_x metadata", "fence_y metadata"), agents.calls.stream().sorted().toList());
        agents.calls.clear();
        d.learnDevices(); // a configuration change that adds no agent asks nothing
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_x reboot n2"), agents.calls, "the fencing starts with the power action");
    }

    @Test
    void aDevicesListIsUsedForAMinuteAndAskedAgainForAPlugItLacks() {
        List<String> plugs = new ArrayList<>(List.of("n2"));
        agents.agent("fence_virsh", r -> r.action() == FenceAction.LIST
                ? FakeAgents.Reply.exit(0, String.join("\n", plugs) + "\n") : FakeAgents.Reply.ok());
        FencingDaemon d = daemon(new TestCibs().device("virsh", "fence_virsh").build());
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_virsh list", "fence_virsh reboot n2"), agents.powerCalls());
        agents.calls.clear();
        world.runFor(Duration.ofSeconds(30));
        assertEquals(List.of(true), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_virsh reboot n2"), agents.powerCalls(), "the list of 30 s ago still holds n2");
        agents.calls.clear();
        plugs.add("n3"); // a node added to the device: not refused from the old list
        assertEquals(List.of(true), fence(d, "n3", "reboot"));
        assertEquals(List.of("fence_virsh list", "fence_virsh reboot n3"), agents.powerCalls());
        agents.calls.clear();
        world.runFor(Duration.ofSeconds(61));
        plugs.remove("n2"); // and one taken away: after a minute the device is asked again
        assertEquals(List.of(false), fence(d, "n2", "reboot"));
        assertEquals(List.of("fence_virsh list"), agents.powerCalls());
    }

    @Test
    void unknownActionsAreRefused() {
        FencingDaemon d = daemon(new TestCibs().build());
        assertEquals(List.of(false), fence(d, "n2", "explode"));
        assertTrue(last(d).reason().contains("unknown fencing action 'explode'"), last(d).reason());
    }

    @Test
    void documentedExampleFallsBackFromTheBmcToBothPdus() throws Exception {
        Path example = Path.of("..", "docs", "examples", "fencing.xml");
        assumeTrue(Files.isRegularFile(example), "docs/examples/fencing.xml not found from " + Path.of("").toAbsolutePath());
        Cib cib = CibXml.standard().read(example).cib();
        assertEquals(List.of(), FencingConfig.from(cib).problems());
        agents.agent("fence_ipmilan", r -> FakeAgents.Reply.failed("BMC does not answer"))
                .agent("fence_apc_snmp", r -> FakeAgents.Reply.ok());
        FencingDaemon d = new FencingDaemon("node1", () -> cib, agents, world, world, world, RandomSource.seeded(3));
        assertEquals(List.of(true), fence(d, "node2", "reboot"));
        assertEquals(List.of("fence_ipmilan reboot node2", "fence_ipmilan reboot node2",
                "fence_apc_snmp off 2", "fence_apc_snmp off 2", "fence_apc_snmp on 2", "fence_apc_snmp on 2"), agents.powerCalls());
        assertEquals(List.of("pdu-a", "pdu-b"), last(d).devices());
    }

    @Test
    void noDeviceAtAllFailsSayingSo() {
        FencingDaemon d = daemon(new TestCibs().build());
        assertEquals(List.of(false), fence(d, "n2", "reboot"));
        assertEquals("no fence device is configured", last(d).reason());
        assertEquals(Optional.of(world.now()), last(d).completedAt());
    }
}
