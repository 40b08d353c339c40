package org.vigil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.vigil.world.RandomSource;

/**
 * Who can reach whom: nodes joined by one or more rings (independent networks). A ring can be split into
 * partitions or lose one node's link; two nodes talk while any ring still joins them and both are up.
 * Messages take a latency with jitter; a lost packet costs a retransmission, not the message (the totem
 * protocol retransmits), unless the nodes are cut off by the time it would arrive.
 */
public final class SimNetwork {
    private final List<String> nodes;
    private final int rings;
    private final List<Map<String, Integer>> partition = new ArrayList<>();
    private final List<Set<String>> linkDown = new ArrayList<>();
    private final Function<String, SimNodeHealth> health;
    private final RandomSource random;
    private Duration latency = Duration.ofMillis(1);
    private Runnable beforeChange = () -> { };
    /** Position of each node in {@link #nodes}. */
    private final Map<String, Integer> index = new HashMap<>();
    /**
     * Whether some ring joins two nodes, by position: 0 not worked out yet, else LINKED or APART; forgotten
     * whenever a ring changes.
     */
    private final byte[][] linked;
    private static final byte LINKED = 1;
    private static final byte APART = 2;
    private double loss;

    public SimNetwork(List<String> nodes, int rings, Function<String, SimNodeHealth> health, RandomSource random) {
        if (rings < 1) {
            throw new IllegalArgumentException("a cluster needs at least one ring");
        }
        this.nodes = List.copyOf(nodes);
        this.rings = rings;
        this.health = health;
        this.random = random;
        this.linked = new byte[this.nodes.size()][this.nodes.size()];
        for (int i = 0; i < this.nodes.size(); i++) {
            index.put(this.nodes.get(i), i);
        }
        for (int r = 0; r < rings; r++) {
            partition.add(new HashMap<>());
            linkDown.add(new HashSet<>());
        }
    }

    public List<String> nodes() {
        return nodes;
    }

    public int rings() {
        return rings;
    }

    public void setLatency(Duration latency, double lossProbability) {
        this.latency = latency;
        this.loss = lossProbability;
    }

    /** Told just before a ring changes (partition, heal, link). */
    public void beforeChange(Runnable listener) {
        this.beforeChange = listener;
    }

    /** Splits every ring (or one, with ring >= 0) into the given groups; nodes not named form one more group. */
    public void partition(int ring, List<Set<String>> groups) {
        ringsChanging();
        for (int r = 0; r < rings; r++) {
            if (ring >= 0 && r != ring) {
                continue;
            }
            Map<String, Integer> p = partition.get(r);
            p.clear();
            for (String n : nodes) {
                p.put(n, groups.size());
            }
            for (int g = 0; g < groups.size(); g++) {
                for (String n : groups.get(g)) {
                    p.put(n, g);
                }
            }
        }
    }

    public void heal(int ring) {
        ringsChanging();
        for (int r = 0; r < rings; r++) {
            if (ring < 0 || r == ring) {
                partition.get(r).clear();
            }
        }
    }

    /** A ring's link (NIC, cable, switch port) of one node, or of every node with node null. */
    public void setLink(int ring, String node, boolean up) {
        ringsChanging();
        Set<String> down = linkDown.get(ring);
        for (String n : node == null ? nodes : List.of(node)) {
            if (up) {
                down.remove(n);
            } else {
                down.add(n);
            }
        }
    }

    public boolean ringConnects(int ring, String a, String b) {
        if (linkDown.get(ring).contains(a) || linkDown.get(ring).contains(b)) {
            return false;
        }
        Map<String, Integer> p = partition.get(ring);
        return p.getOrDefault(a, 0).equals(p.getOrDefault(b, 0));
    }

    /** Both up and some ring joins them. */
    public boolean connected(String a, String b) {
        if (a.equals(b)) {
            return health.apply(a) == SimNodeHealth.UP;
        }
        if (health.apply(a) != SimNodeHealth.UP || health.apply(b) != SimNodeHealth.UP) {
            return false;
        }
        // asked for nearly every message, while the rings change only with a fault
        Integer ia = index.get(a);
        Integer ib = index.get(b);
        if (ia == null || ib == null) {
            return anyRingConnects(a, b);
        }
        byte known = linked[ia][ib];
        if (known == 0) {
            known = anyRingConnects(a, b) ? LINKED : APART;
            linked[ia][ib] = known;
        }
        return known == LINKED;
    }

    private boolean anyRingConnects(String a, String b) {
        for (int r = 0; r < rings; r++) {
            if (ringConnects(r, a, b)) {
                return true;
            }
        }
        return false;
    }

    private void ringsChanging() {
        beforeChange.run();
        for (byte[] row : linked) {
            java.util.Arrays.fill(row, (byte) 0);
        }
    }


    /** How long a message takes, retransmissions included. */
    public Duration delay() {
        Duration d = latency.plusNanos((long) (random.nextDouble() * latency.toNanos()));
        while (loss > 0 && random.nextDouble() < loss) {
            d = d.plusMillis(200);
        }
        return d;
    }

    /** Faulty rings as a node sees them: a ring is faulty when it no longer reaches a peer that another ring reaches. */
    public List<Integer> faultyRings(String node, Set<String> members) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < rings; r++) {
            for (String peer : members) {
                if (!peer.equals(node) && !ringConnects(r, node, peer)) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }
}
