package org.vigil.node.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.NvSets;
import org.vigil.controller.LocalResourceManager;
import org.vigil.membership.MembershipView;
import org.vigil.membership.QuorumState;
import org.vigil.transition.TransitionGraph;
import org.vigil.world.Cancellable;
import org.vigil.world.Clock;
import org.vigil.world.Timers;

/**
 * attrd across three node programs over an in-memory network: the DC writes what every node holds, so a DC
 * change loses neither a score nor an update waiting for its delay; a node that leaves loses its
 * attributes, a node back after a partition sends its own again.
 */
class NodeProgramAttributesTest {
    private static final String CIB = "<cib epoch=\"1\"><configuration><crm_config/><nodes>"
            + "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/><node id=\"3\" uname=\"n3\"/></nodes>"
            + "<resources/><constraints/></configuration><status/></cib>";
    private static final Duration LATENCY = Duration.ofMillis(1);

    /** One thread of virtual time for all nodes; after every event each live node runs its afterEvent. */
    private final class World implements Clock, Timers {
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
                nodes.forEach((name, p) -> {
                    if (!down.contains(name)) {
                        p.afterEvent();
                    }
                });
            }
            now = end;
        }
    }

    private final World world = new World();
    private final Map<String, NodeProgram> nodes = new TreeMap<>();
    private final java.util.Set<String> down = new java.util.TreeSet<>();
    /** Pairs that cannot talk (a partition). */
    private final java.util.Set<String> cut = new java.util.TreeSet<>();
    private long viewId;

    NodeProgramAttributesTest() throws Exception {
        Cib cib = CibXml.parse(CIB);
        Map<String, Integer> ids = Map.of("n1", 1, "n2", 2, "n3", 3);
        NodeStore disk = new NodeStore() {
            @Override
            public void saveCib(Cib c) {}

            @Override
            public void saveFencing(List<org.vigil.ipc.FenceOutcome> history) {}

            @Override
            public String where() {
                return "memory";
            }
        };
        // fencing always works and the scheduler has nothing to do: only attrd is under test
        NodeFencer fencer = (target, action, requester, done) -> world.schedule(Duration.ofSeconds(1),
                () -> done.accept(new NodeFencer.Result(true, List.of("test-fence"), null)));
        for (String n : ids.keySet().stream().sorted().toList()) {
            LocalResourceManager lrm = new LocalResourceManager(n, (action, done) -> {
                done.accept(AgentResult.success());
                return null;
            }, world, world);
            nodes.put(n, new NodeProgram(n, ids, world, world, (to, m) -> deliver(n, to, m), disk, fencer, lrm,
                    (c, now) -> new TransitionGraph(List.of(), -1, List.of()), cib, List.of(), line -> { }));
        }
    }

    private boolean deliver(String from, String to, NodeMessage m) {
        if (down.contains(from) || down.contains(to) || cut.contains(from + to) || cut.contains(to + from)) {
            return false;
        }
        world.schedule(LATENCY, () -> {
            if (!down.contains(to)) {
                nodes.get(to).received(from, m);
            }
        });
        return true;
    }

    /** Installs a view of {@code members} with {@code dc} on each of them, as the membership would. */
    private void view(String dc, String... members) {
        view(dc, Set.of(), members);
    }

    /** {@link #view}, where the nodes {@code evicted} learn from the merge that the others had dropped them. */
    private void view(String dc, Set<String> evicted, String... members) {
        long id = ++viewId;
        List<String> list = List.of(members);
        QuorumState q = new QuorumState(list.size() >= 2, 3, list.size(), 2, Set.copyOf(list), "test");
        for (String m : list) {
            nodes.get(m).viewChanged(new MembershipView(id, list, Set.of(), q, dc, !evicted.isEmpty(),
                    evicted.contains(m)));
            nodes.get(m).afterEvent(); // as the host does after every event
        }
        world.runFor(Duration.ofSeconds(5));
    }

    private void crash(String node) {
        down.add(node);
    }

    private static Optional<String> attribute(NodeProgram p, String node, String name) {
        return p.cib().status().nodeState(node).filter(s -> s.transientAttributes() != null)
                .flatMap(s -> NvSets.firstValue(s.transientAttributes().sets(), name));
    }

    /** Past dc-deadtime, with every node in one view and n1 DC. */
    private void clusterUp() {
        world.runFor(Duration.ofSeconds(21));
        view("n1", "n1", "n2", "n3");
        assertTrue(nodes.get("n1").isDc());
    }

    @Test
    void updateWaitingForItsDelayWhenTheDcCrashesIsWrittenByTheNextDc() {
        clusterUp();
        nodes.get("n2").updateAttributes("n2", List.of(AttributeUpdate.set("pingd", "1000")
                .withDampen(Duration.ofSeconds(10))));
        world.runFor(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), attribute(nodes.get("n1"), "n2", "pingd"), "within the delay");
        for (String n : List.of("n1", "n2", "n3")) {
            assertEquals(Map.of("n2", Map.of("pingd", "1000")), nodes.get(n).nodeAttributes(), n + "'s attrd");
        }
        crash("n1");
        view("n2", "n2", "n3");
        assertTrue(nodes.get("n2").isDc());
        world.runFor(Duration.ofSeconds(5));
        assertEquals(Optional.of("1000"), attribute(nodes.get("n2"), "n2", "pingd"), "the new DC wrote it");
        assertEquals(Optional.of("1000"), attribute(nodes.get("n3"), "n2", "pingd"), "and replicated it");
    }

    @Test
    void anEvictedNodeThatTheMergedViewElectsDcStepsDownAndTakesOverWithAJoinRound() {
        // CTS under load: n1 and n2 each suspected the other, n3 sat in both partitions; the merge told n1
        // and n2 that they had been evicted, and n3 (which had followed n1) named n1 DC. n1 used to step
        // down and wait to be taken back by a DC that was itself: no DC until the next view.
        clusterUp();
        cut.add("n1n2");
        view("n1", "n1", "n3");
        cut.clear();
        view("n1", Set.of("n1", "n2"), "n1", "n2", "n3");
        assertTrue(nodes.get("n1").isDc(), "the elected node acts as DC again");
        nodes.get("n3").updateAttributes("n3", List.of(AttributeUpdate.set("master-db", "10")));
        world.runFor(Duration.ofSeconds(1));
        for (String n : List.of("n1", "n2", "n3")) {
            assertEquals(Optional.of("10"), attribute(nodes.get(n), "n3", "master-db"), n + " follows the DC's CIB");
        }
    }

    @Test
    void promotionScoresSurviveADcChangeAndADepartedNodeLosesItsOwn() {
        clusterUp();
        nodes.get("n1").updateAttributes("n1", List.of(AttributeUpdate.set("master-db", "5")));
        nodes.get("n3").updateAttributes("n3", List.of(AttributeUpdate.set("master-db", "10")));
        world.runFor(Duration.ofSeconds(1));
        assertEquals(Optional.of("10"), attribute(nodes.get("n1"), "n3", "master-db"));
        crash("n1");
        view("n2", "n2", "n3");
        NodeProgram dc = nodes.get("n2");
        assertEquals(Optional.of("10"), attribute(dc, "n3", "master-db"), "kept by the new DC");
        assertEquals(Optional.empty(), attribute(dc, "n1", "master-db"), "the departed node's is gone");
        assertEquals(Map.of("n3", Map.of("master-db", "10")), dc.nodeAttributes());
        assertEquals(null, dc.attributesNotWritten());
    }

    @Test
    void aNodeBackFromAPartitionSendsItsAttributesAgain() {
        clusterUp();
        nodes.get("n3").updateAttributes("n3", List.of(AttributeUpdate.set("master-db", "10")));
        world.runFor(Duration.ofSeconds(1));
        cut.add("n1n3");
        cut.add("n2n3");
        view("n1", "n1", "n2");
        view("n3", "n3");
        assertEquals(Optional.empty(), attribute(nodes.get("n1"), "n3", "master-db"), "forgotten when it left");
        cut.clear();
        view("n1", "n1", "n2", "n3");
        for (String n : List.of("n1", "n2", "n3")) {
            assertEquals(Optional.of("10"), attribute(nodes.get(n), "n3", "master-db"), n);
        }
        assertEquals(null, nodes.get("n1").attributesNotWritten());
    }

    @Test
    void anOperatorsRebootLifetimeAttributeReachesEveryAttrdAndSurvivesTheDc() {
        clusterUp();
        NodeProgram n3 = nodes.get("n3");
        Cib base = n3.cib();
        Cib proposed = org.vigil.controller.NodeStatus.setTransient(base, "n2", "site", "east");
        CommitOutcome[] outcome = new CommitOutcome[1];
        n3.commit(proposed, base.version(), o -> outcome[0] = o); // crm_attribute -N n2 -n site -v east -l reboot
        world.runFor(Duration.ofSeconds(1));
        assertTrue(outcome[0].acknowledged(), String.valueOf(outcome[0]));
        assertEquals(Map.of("n2", Map.of("site", "east")), n3.nodeAttributes());
        crash("n1");
        view("n2", "n2", "n3");
        assertEquals(Optional.of("east"), attribute(nodes.get("n2"), "n2", "site"));
    }
}
