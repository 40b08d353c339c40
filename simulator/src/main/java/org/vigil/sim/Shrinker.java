package org.vigil.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing fault schedule: drops one event at a time while the run still fails, so the report
 * shows the fewest faults that break the cluster (delta debugging, one pass per removal).
 */
final class Shrinker {
    private static final int MAX_ATTEMPTS = 200;

    private Shrinker() {}

    static List<TimelineEvent> shrink(ScenarioLoader.Loaded loaded, List<TimelineEvent> failing, long seed) {
        List<TimelineEvent> current = new ArrayList<>(failing);
        int attempts = 0;
        boolean progress = true;
        while (progress && attempts < MAX_ATTEMPTS) {
            progress = false;
            for (int i = 0; i < current.size() && attempts < MAX_ATTEMPTS; i++) {
                List<TimelineEvent> candidate = new ArrayList<>(current);
                candidate.remove(i);
                attempts++;
                SimulationRun.Result r = SimulationRun.run(loaded.scenario(), loaded.cib(), candidate,
                        loaded.duration(), seed, SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
                if (!r.passed()) {
                    current = candidate;
                    progress = true;
                    i--;
                }
            }
        }
        return current;
    }
}
