package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Score;

/** Records every score contribution and decision, so a placement can be explained in plain words. */
final class Explanation {
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final List<String> scoreLines = new ArrayList<>();

    void note(Rsc rsc, SchedNode node, int score, String why) {
        if (score == 0) {
            return;
        }
        notes.computeIfAbsent(rsc.id, k -> new ArrayList<>())
                .add(Score.format(score) + " on " + (node == null ? "all nodes" : node.uname) + ": " + why);
    }

    void colocation(Rsc dependent, Rsc primary, Colocation c) {
        String where = primary.assignedTo == null ? "nowhere" : primary.assignedTo.uname;
        notes.computeIfAbsent(dependent.id, k -> new ArrayList<>())
                .add("colocation " + c.id() + " (score " + Score.format(c.score()) + ") with " + primary.id
                        + ", which is placed " + (primary.assignedTo == null ? where : "on " + where));
    }

    void decision(Rsc rsc, String text) {
        notes.computeIfAbsent(rsc.id, k -> new ArrayList<>()).add(text);
    }

    void promotion(Rsc rsc, SchedNode node, int score) {
        scoreLines.add(rsc.id + " promotion score on " + node.uname + ": " + Score.format(score));
    }

    void snapshot(Rsc rsc, String kind, NodeScores scores) {
        // kept for -s: the clone-level scores after merging colocations
    }

    void finalScores(WorkingSet ws, Rsc rsc, String function) {
        for (SchedNode n : ws.nodes) {
            if (rsc.allowed.has(n.index)) {
                scoreLines.add(function + ": " + rsc.id + " allocation score on " + n.uname + ": "
                        + Score.format(rsc.allowed.get(n.index)));
            }
        }
    }

    Map<String, List<String>> notes() {
        return notes;
    }

    List<String> scoreLines() {
        return scoreLines;
    }
}
