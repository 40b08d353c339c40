package org.vigil.cli.simulate;

import java.util.ArrayList;
import java.util.List;
import org.vigil.scheduler.Transition;

/** Plain-words explanation of one resource's placement, from the scheduler's recorded contributions. */
public final class Explainer {
    private Explainer() {}

    public static List<String> explain(Transition t, String rsc) {
        List<String> out = new ArrayList<>();
        String node = t.placements().get(rsc);
        String role = t.roles().get(rsc);
        if (node != null) {
            out.add(rsc + " will be " + (role == null ? "Started" : role) + " on " + node + ".");
        } else if (t.roles().containsKey(rsc)) {
            out.add(rsc + " will be stopped.");
        }
        List<String> notes = t.explanations().getOrDefault(rsc, List.of());
        if (notes.isEmpty()) {
            out.add("No constraint, stickiness, failure or colocation changed its scores: every allowed node "
                    + "scored 0, and ties go to the node with fewer resources, then the current node, then the name.");
        } else {
            out.add("Contributions, in the order they were applied:");
            notes.forEach(n -> out.add("  - " + n));
        }
        for (String line : t.summary()) {
            String folded = SummarySet.fold(line);
            if (folded.matches("\\* \\S+ " + java.util.regex.Pattern.quote(rsc) + " .*")) {
                out.add("Action: " + folded.substring(2));
            }
        }
        return out;
    }
}
