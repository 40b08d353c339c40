package org.vigil.node.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import org.vigil.agents.AttributeUpdate;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.NvSets;
import org.vigil.controller.NodeStatus;
import org.vigil.node.core.NodeMessage.Attributes.Kind;
import org.vigil.world.Cancellable;
import org.vigil.world.Timers;

/** attrd's table on one node: dampening by the injected timers, writing only as the writer, sync and loss. */
class AttributeTableTest {
    private static final String CIB = "<cib epoch=\"1\"><configuration><crm_config/><nodes>"
            + "<node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources/>"
            + "<constraints/></configuration><status/></cib>";

    /** Virtual time: timers fire only when the test moves the time. */
    private static final class Loop implements Timers {
        private record Task(Instant when, long seq, Runnable r) {}

        private final PriorityQueue<Task> q = new PriorityQueue<>((a, b) -> a.when.equals(b.when)
                ? Long.compare(a.seq, b.seq) : a.when.compareTo(b.when));
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        private long seq;

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
    private final List<String> reasons = new ArrayList<>();
    private Cib cib = CibXml.parse(CIB);
    private boolean writer = true;
    private final AttributeTable table = new AttributeTable(loop, () -> writer, (why, change, fromAction) -> {
        reasons.add(why);
        cib = change.apply(cib);
    });

    AttributeTableTest() throws Exception {}

    private Optional<String> value(String node, String name) {
        return cib.status().nodeState(node).filter(s -> s.transientAttributes() != null)
                .flatMap(s -> NvSets.firstValue(s.transientAttributes().sets(), name));
    }

    private static AttributeUpdate pingd(String v) {
        return AttributeUpdate.set("pingd", v).withDampen(Duration.ofSeconds(5));
    }

    @Test
    void dampenedAttributeIsWrittenOnlyAfterItsDelayWithTheLatestValue() {
        table.apply("node2", List.of(pingd("0")), Kind.UPDATE);
        loop.runFor(Duration.ofSeconds(2));
        table.apply("node2", List.of(pingd("1000")), Kind.UPDATE);
        loop.runFor(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), value("node2", "pingd"), "still within the delay");
        assertTrue(table.dampening("pingd"));
        loop.runFor(Duration.ofSeconds(2));
        assertEquals(Optional.of("1000"), value("node2", "pingd"), "the latest value, once");
        assertEquals(List.of("node attribute pingd (after dampening)"), reasons);
        table.apply("node2", List.of(AttributeUpdate.set("master-db", "5")), Kind.ACTION_RESULT);
        assertEquals(Optional.of("5"), value("node2", "master-db"), "undampened: at once");
    }

    @Test
    void dampeningIsPerAttributeNotPerNode() {
        table.apply("node1", List.of(pingd("100")), Kind.UPDATE);
        loop.runFor(Duration.ofSeconds(3));
        table.apply("node2", List.of(pingd("200")), Kind.UPDATE); // node1's update started the delay
        loop.runFor(Duration.ofSeconds(2));
        assertEquals(Optional.of("100"), value("node1", "pingd"));
        assertEquals(Optional.of("200"), value("node2", "pingd"), "written with the attribute's other values");
    }

    @Test
    void aNodeThatIsNotTheWriterHoldsTheValueAndItsOwnTimerWritesOnceItBecomesWriter() {
        writer = false;
        table.apply("node2", List.of(pingd("1000")), Kind.UPDATE);
        loop.runFor(Duration.ofSeconds(2));
        assertEquals(Map.of("node2", Map.of("pingd", "1000")), table.values(), "held by every node's attrd");
        writer = true; // the DC changed while the update waited for its delay
        cib = table.writeNode(cib, "node2");
        assertEquals(Optional.empty(), value("node2", "pingd"), "a new writer still honours the running delay");
        loop.runFor(Duration.ofSeconds(3));
        assertEquals(Optional.of("1000"), value("node2", "pingd"), "not lost at the DC change");
    }

    @Test
    void newWriterReplacesAttrdAttributesButKeepsTheControllersFailCounts() {
        writer = false;
        cib = NodeStatus.setTransient(cib, "node2", "master-db", "5");
        cib = NodeStatus.setTransient(cib, "node2", "stale", "x");
        cib = NodeStatus.addFailure(cib, "node2", "db", "monitor", 10_000, 100, false);
        table.apply("node2", List.of(AttributeUpdate.set("master-db", "10")), Kind.UPDATE);
        writer = true;
        cib = table.writeNode(cib, "node2");
        assertEquals(Optional.of("10"), value("node2", "master-db"));
        assertEquals(Optional.empty(), value("node2", "stale"), "attrd does not hold it: gone");
        assertEquals(Optional.of("1"), value("node2", "fail-count-db#monitor_10000"), "the controller's own");
    }

    @Test
    void aDepartedNodesValuesAreForgottenAndARejoiningNodeResendsItsOwn() {
        table.apply("node1", List.of(AttributeUpdate.set("master-db", "10")), Kind.UPDATE);
        table.apply("node2", List.of(AttributeUpdate.set("master-db", "5"), AttributeUpdate.delete("gone")),
                Kind.UPDATE);
        assertEquals(List.of(AttributeUpdate.set("master-db", "10")), table.of("node1"));
        table.nodeLeft("node2");
        assertEquals(Map.of("node1", Map.of("master-db", "10")), table.values());
        assertEquals(List.of(), table.of("node2"));
    }

    @Test
    void aSyncSetsValuesButLeavesARunningDelayAlone() {
        table.apply("node2", List.of(pingd("0")), Kind.UPDATE);
        table.apply("node2", List.of(AttributeUpdate.set("pingd", "0")), Kind.SYNC); // node2 saw a new view
        assertEquals(Optional.empty(), value("node2", "pingd"), "the delay still runs");
        table.apply("node1", List.of(AttributeUpdate.set("master-db", "5")), Kind.SYNC);
        assertEquals(Optional.of("5"), value("node1", "master-db"), "a value no delay holds back: written");
        loop.runFor(Duration.ofSeconds(5));
        assertEquals(Optional.of("0"), value("node2", "pingd"));
    }

    @Test
    void failCountsAndTheShutdownMarkStayWithTheController() {
        table.apply("node2", List.of(AttributeUpdate.set("fail-count-db#start_0", "3"),
                AttributeUpdate.set("shutdown", "12")), Kind.UPDATE);
        assertEquals(Map.of(), table.values());
        assertFalse(AttributeTable.kept("last-failure-db#start_0"));
        assertTrue(reasons.isEmpty());
    }
}
