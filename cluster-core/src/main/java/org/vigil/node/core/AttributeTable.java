package org.vigil.node.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.vigil.agents.AttributeUpdate;
import org.vigil.cib.Cib;
import org.vigil.cib.FailCounts;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.TransientAttributes;
import org.vigil.controller.NodeStatus;
import org.vigil.world.Cancellable;
import org.vigil.world.Timers;

/**
 * Pacemaker's attrd on one node: every node holds the transient attributes of every member, as they were
 * sent to all members by the node that set them. The writer (the DC, as attrd's elected writer) puts them
 * into the CIB status; since every node holds them all, a new writer loses nothing. Dampening
 * ({@code attrd_updater -d}) is per attribute: the first update starts the delay on every node, and when it
 * is up the writer writes the latest values, so a flapping value moves nothing meanwhile — and a DC change
 * during the delay does not lose the update, because the new writer's own timer is running too.
 *
 * <p>Fail counts and the {@code shutdown} mark are written by the controller itself and are not kept here.
 */
final class AttributeTable {
    private final Timers timers;
    private final BooleanSupplier writer;
    private final Writer write;
    /** By attribute name, then node; an empty value is a deletion the writer must still make. */
    private final Map<String, Attribute> attributes = new TreeMap<>();

    /** Applies a change of the CIB status as the writer, saying why and whether it came with an action's result. */
    @FunctionalInterface
    interface Writer {
        void write(String why, UnaryOperator<Cib> change, boolean fromRequestedAction);
    }

    private static final class Attribute {
        final Map<String, Optional<String>> values = new TreeMap<>();
        Cancellable timer;
    }

    /**
     * @param writer whether this node writes the CIB (is DC) now
     * @param write  applies a change of the CIB status as the writer
     */
    AttributeTable(Timers timers, BooleanSupplier writer, Writer write) {
        this.timers = timers;
        this.writer = writer;
        this.write = write;
    }

    /** Whether attrd keeps {@code name} (the controller keeps fail counts and the shutdown mark). */
    static boolean kept(String name) {
        return name != null && !name.startsWith(FailCounts.FAIL_COUNT) && !name.startsWith(FailCounts.LAST_FAILURE)
                && !name.equals("shutdown");
    }

    /**
     * Updates of {@code node}'s attributes, sent by the node that made them (this one included). A sync
     * (a node's own attributes after a view change) sets values but leaves running delays alone.
     */
    void apply(String node, List<AttributeUpdate> updates, NodeMessage.Attributes.Kind kind) {
        boolean fromRequestedAction = kind == NodeMessage.Attributes.Kind.ACTION_RESULT;
        for (AttributeUpdate u : updates) {
            if (!kept(u.name())) {
                continue;
            }
            Attribute a = attributes.computeIfAbsent(u.name(), k -> new Attribute());
            Optional<String> was = a.values.put(node, u.value());
            if (kind == NodeMessage.Attributes.Kind.SYNC) {
                if (a.timer == null && !u.value().equals(was)) {
                    writeAttribute(u.name(), a, " (sync from " + node + ")", false);
                }
                continue;
            }
            if (!u.dampen().isZero()) {
                if (a.timer == null) {
                    a.timer = timers.schedule(u.dampen(), () -> {
                        a.timer = null;
                        writeAttribute(u.name(), a, " (after dampening)", false);
                    });
                }
                continue;
            }
            if (a.timer != null) {
                a.timer.cancel(); // this value is the latest: nothing is left to wait for
                a.timer = null;
            }
            writeAttribute(u.name(), a, "", fromRequestedAction);
        }
    }

    private void writeAttribute(String name, Attribute a, String note, boolean fromRequestedAction) {
        if (!writer.getAsBoolean()) {
            return;
        }
        Map<String, Optional<String>> values = new TreeMap<>(a.values);
        write.write("node attribute " + name + note, cib -> {
            Cib c = cib;
            for (Map.Entry<String, Optional<String>> v : values.entrySet()) {
                c = set(c, v.getKey(), name, v.getValue());
            }
            return c;
        }, fromRequestedAction);
    }

    /** The node left the membership: attrd forgets its values (the writer removes them from the CIB). */
    void nodeLeft(String node) {
        attributes.values().forEach(a -> a.values.remove(node));
        attributes.values().removeIf(a -> a.values.isEmpty() && a.timer == null);
    }

    /** What this table holds for {@code node}, as updates: a rejoining node sends its own to the others. */
    List<AttributeUpdate> of(String node) {
        List<AttributeUpdate> out = new ArrayList<>();
        attributes.forEach((name, a) -> {
            Optional<String> v = a.values.get(node);
            if (v != null) {
                out.add(new AttributeUpdate(name, v));
            }
        });
        return out;
    }

    /** Every node's values, by node then name (present values only): what the CIB should show once written. */
    Map<String, Map<String, String>> values() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        attributes.forEach((name, a) -> a.values.forEach((node, v) -> v.ifPresent(x ->
                out.computeIfAbsent(node, k -> new TreeMap<>()).put(name, x))));
        return out;
    }

    /** Whether an update of {@code name} is waiting for its dampening delay. */
    boolean dampening(String name) {
        Attribute a = attributes.get(name);
        return a != null && a.timer != null;
    }

    /**
     * {@code node}'s transient attributes in {@code cib} as attrd holds them: the controller's own entries
     * (fail counts, shutdown) stay, the rest is replaced by this table's values — except attributes still
     * waiting for their delay, which keep what the CIB says until the delay is up.
     */
    Cib writeNode(Cib cib, String node) {
        NodeState s = cib.status().nodeState(node).orElse(null);
        Cib c = cib;
        if (s != null && s.transientAttributes() != null) {
            for (NvSet set : s.transientAttributes().sets()) {
                for (NvPair p : set.pairs()) {
                    if (kept(p.name()) && !dampening(p.name()) && !has(p.name(), node)) {
                        c = set(c, node, p.name(), Optional.empty());
                    }
                }
            }
        }
        for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
            Optional<String> v = e.getValue().values.get(node);
            if (v != null && e.getValue().timer == null) {
                c = set(c, node, e.getKey(), v);
            }
        }
        return c;
    }

    private boolean has(String name, String node) {
        Attribute a = attributes.get(name);
        return a != null && a.values.containsKey(node);
    }

    /** Removes every transient attribute of {@code node} (it left, or was fenced). */
    static Cib clear(Cib cib, String node) {
        NodeState s = cib.status().nodeState(node).orElse(null);
        if (s == null || s.transientAttributes() == null) {
            return cib;
        }
        return cib.withStatus(cib.status().withNodeState(s.withTransientAttributes(null)));
    }

    private static Cib set(Cib cib, String node, String name, Optional<String> value) {
        if (value.isEmpty()) {
            NodeState s = cib.status().nodeState(node).orElse(null);
            if (s == null || s.transientAttributes() == null) {
                return cib;
            }
            // every set, not only the first: an operator's edit may have put it elsewhere
            List<NvSet> sets = new ArrayList<>();
            boolean changed = false;
            for (NvSet set : s.transientAttributes().sets()) {
                NvSet w = set.without(name);
                changed |= !w.equals(set);
                sets.add(w);
            }
            return changed ? cib.withStatus(cib.status().withNodeState(s.withTransientAttributes(
                    new TransientAttributes(s.transientAttributes().id(), sets)))) : cib;
        }
        return NodeStatus.setTransient(cib, node, name, value.get());
    }
}
