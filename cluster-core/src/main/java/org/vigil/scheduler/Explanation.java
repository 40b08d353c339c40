package org.vigil.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Score;
import org.vigil.scheduler.constraint.Colocation;
import org.vigil.scheduler.node.NodeScores;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/** Records every score contribution and decision, so a placement can be explained in plain words. */
public final class Explanation {
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final ScoreLines scoreLines = new ScoreLines();
    /** False for a scheduler that only decides (the controller's): nothing is recorded. */
    private final boolean recording;

    Explanation(boolean recording) {
        this.recording = recording;
    }

    /**
     * Score lines as crm_simulate -s prints them, formatted only when read: every run records one per
     * resource and node, and few callers ever print them.
     */
    static final class ScoreLines extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final List<Object> entries = new ArrayList<>();

        /** A final allocation score: function, resource, node and score are kept, the text made on demand. */
        private record Allocation(String function, String rsc, String node, int score) {
            @Override
            public String toString() {
                return function + ": " + rsc + " allocation score on " + node + ": " + Score.format(score);
            }
        }

        void add(String function, String rsc, String node, int score) {
            entries.add(new Allocation(function, rsc, node, score));
        }

        void addLine(String line) {
            entries.add(line);
        }

        @Override
        public String get(int index) {
            return entries.get(index).toString();
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    public void note(Rsc rsc, SchedNode node, int score, String why) {
        if (score == 0 || !recording) {
            return;
        }
        notes.computeIfAbsent(rsc.id, k -> new ArrayList<>())
                .add(Score.format(score) + " on " + (node == null ? "all nodes" : node.uname) + ": " + why);
    }

    public void colocation(Rsc dependent, Rsc primary, Colocation c) {
        if (!recording) {
            return;
        }
        notes.computeIfAbsent(dependent.id, k -> new ArrayList<>())
                .add("colocation " + c.id() + " (score " + Score.format(c.score()) + ") with " + primary.id
                        + ", which is placed " + placement(primary));
    }

    /** Where a resource is placed: its node, or for a clone (which has none of its own) its instances' nodes. */
    private static String placement(Rsc primary) {
        if (primary.assignedTo != null) {
            return "on " + primary.assignedTo.uname;
        }
        List<PrimitiveRsc> prims = new ArrayList<>();
        primary.collectPrimitives(prims);
        java.util.Set<String> nodes = new java.util.LinkedHashSet<>();
        for (PrimitiveRsc p : prims) {
            if (p.assignedTo != null) {
                nodes.add(p.assignedTo.uname);
            }
        }
        return nodes.isEmpty() ? "nowhere" : "on " + String.join(", ", nodes);
    }

    public void decision(Rsc rsc, String text) {
        if (!recording) {
            return;
        }
        notes.computeIfAbsent(rsc.id, k -> new ArrayList<>()).add(text);
    }

    public void promotion(Rsc rsc, SchedNode node, int score) {
        if (!recording) {
            return;
        }
        scoreLines.addLine(rsc.id + " promotion score on " + node.uname + ": " + Score.format(score));
    }

    public void snapshot(Rsc rsc, String kind, NodeScores scores) {
        // kept for -s: the clone-level scores after merging colocations
    }

    public void finalScores(WorkingSet ws, Rsc rsc, String function) {
        if (!recording) {
            return;
        }
        for (SchedNode n : ws.nodes) {
            if (rsc.allowed.has(n.index)) {
                scoreLines.add(function, rsc.id, n.uname, rsc.allowed.get(n.index));
            }
        }
    }

    boolean recording() {
        return recording;
    }

    Map<String, List<String>> notes() {
        return notes;
    }

    List<String> scoreLines() {
        return scoreLines;
    }
}
