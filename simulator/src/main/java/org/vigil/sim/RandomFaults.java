package org.vigil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vigil.world.RandomSource;

/**
 * Generates a random fault schedule for one seed: one fault every {@code every} of simulated time, each a
 * crash (with power-on later), a hang, a network partition, a ring failure or a monitor failure, all healed
 * before the next one, so the cluster has a chance to recover in between; or an operator action typed on a
 * random node: a configuration commit, a standby (online again later), {@code crm node fence} or a dampened
 * attribute update ({@code attrd_updater -d}). With commits (attribute updates) among the kinds, every other
 * fault also gets a commit (an attribute update) typed on a random node while it is on.
 */
public final class RandomFaults {
    private RandomFaults() {}

    public static List<TimelineEvent> generate(List<String> nodes, List<String> resources, Duration every,
            Duration total, List<String> kinds, int rings, long seed) {
        RandomSource rnd = RandomSource.seeded(seed ^ 0x5DEECE66DL);
        List<TimelineEvent> out = new ArrayList<>();
        long step = every.toSeconds();
        // Leave the last stretch quiet so the run ends at quiescence.
        for (long t = step; t + step <= total.toSeconds(); t += step) {
            String kind = kinds.get(rnd.nextInt(kinds.size()));
            String node = nodes.get(rnd.nextInt(nodes.size()));
            String line = switch (kind) {
                case "crash" -> "crash " + node + " at " + t + "s for " + (60 + rnd.nextInt(Math.max(1,
                        (int) step / 2))) + "s";
                case "hang" -> "hang " + node + " at " + t + "s for " + (5 + rnd.nextInt(25)) + "s";
                case "partition" -> partition(nodes, rnd) + " at " + t + "s for " + (20 + rnd.nextInt(100)) + "s";
                case "ring" -> rings > 1 ? "ring" + rnd.nextInt(rings) + " down at " + t + "s for "
                        + (30 + rnd.nextInt(120)) + "s" : "hang " + node + " at " + t + "s for 10s";
                case "commit" -> "property batch-limit=" + (1 + rnd.nextInt(50)) + " on " + other(nodes, rnd)
                        + " at " + t + "s";
                case "standby" -> "standby " + node + " on " + other(nodes, rnd) + " at " + t + "s for "
                        + (30 + rnd.nextInt(Math.max(1, (int) step / 2))) + "s";
                case "fence" -> "fence " + node + " on " + other(nodes, rnd) + " at " + t + "s";
                case "attribute" -> attribute(node, rnd) + " at " + t + "s";
                case "monitor" -> resources.isEmpty() ? "hang " + node + " at " + t + "s for 10s"
                        : "fail monitor of " + resources.get(rnd.nextInt(resources.size())) + " at " + t + "s";
                default -> throw new IllegalArgumentException("unknown random fault kind '" + kind
                        + "' (expected crash, hang, partition, ring, monitor, commit, standby, fence, attribute)");
            };
            out.add(SimulationRun.validate(TimelineEvent.parse(line)));
            if (kinds.contains("attribute") && !kind.equals("attribute") && rnd.nextInt(2) == 0) {
                // a dampened attribute update while the fault is on: it may wait for its delay at a DC change
                out.add(SimulationRun.validate(TimelineEvent.parse(attribute(other(nodes, rnd), rnd) + " at "
                        + (t + rnd.nextInt(30)) + "s")));
            }
            if (kinds.contains("commit") && !kind.equals("commit") && rnd.nextInt(2) == 0) {
                // an operator commit while the fault is on: typed on any node, the cut-off ones included
                out.add(SimulationRun.validate(TimelineEvent.parse("property batch-limit=" + (51 + rnd.nextInt(50))
                        + " on " + other(nodes, rnd) + " at " + (t + 1 + rnd.nextInt(60)) + "s")));
            }
        }
        return out;
    }

    /** {@code attrd_updater -n pingd -U 0|1000 -d 20s} on {@code node}: a ping-style connectivity measurement. */
    private static String attribute(String node, RandomSource rnd) {
        return "attribute pingd=" + (rnd.nextInt(2) * 1000) + " dampen 20s on " + node;
    }

    private static String other(List<String> nodes, RandomSource rnd) {
        return nodes.get(rnd.nextInt(nodes.size()));
    }

    private static String partition(List<String> nodes, RandomSource rnd) {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (String n : nodes) {
            (rnd.nextInt(2) == 0 ? a : b).add(n);
        }
        if (a.isEmpty()) {
            a.add(b.remove(0));
        }
        if (b.isEmpty()) {
            b.add(a.remove(a.size() - 1));
        }
        return String.format(Locale.ROOT, "partition [%s] [%s]", String.join(",", a), String.join(",", b));
    }
}
