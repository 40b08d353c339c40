package org.vigil.capacity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.scheduler.Transition;

/**
 * Why a resource ends up stopped, read from the scheduler's own record of the failure run: its per-resource
 * explanations (bans, capacity, colocations) and its transition summary (blocked starts, no quorum). Only
 * what stands against the surviving nodes is kept; identical reasons on several nodes are merged.
 */
final class Reasons {
    /** Explanation.note: {@code -INFINITY on node2: not enough capacity on node2}. */
    private static final Pattern NOTE = Pattern.compile("^(\\S+) on (all nodes|\\S+): (.*)$");
    /** Explanation.colocation: {@code colocation c1 (score INFINITY) with db, which is placed nowhere}. */
    private static final Pattern COLOCATION =
            Pattern.compile("^colocation (\\S+) \\(score (\\S+)\\) with (\\S+), which is placed (nowhere|on (\\S+))$");
    /** A summary line: {@code * Stop   web   ( node2 )  due to colocation with db (blocked)}. */
    private static final Pattern SUMMARY = Pattern.compile("^\\s*\\*\\s+(\\S+)\\s+(\\S+)\\s+\\( (.*?) \\)\\s*(.*)$");
    private static final int MAX = 8;

    private final Transition run;
    private final Set<String> survivors;

    Reasons(Transition run, Set<String> survivors) {
        this.run = run;
        this.survivors = survivors;
    }

    /** The reasons for the given primitives (instance ids for clones), most specific first. */
    List<String> of(Collection<String> ids) {
        if (survivors.isEmpty()) {
            return List.of("no cluster node is left to run it");
        }
        Set<String> blocked = new LinkedHashSet<>();
        Set<String> out = new LinkedHashSet<>();
        Map<String, Map<String, List<String>>> merged = new LinkedHashMap<>(); // template -> score -> nodes
        List<String> fallbacks = new ArrayList<>();
        for (String id : ids) {
            for (String note : run.explanations().getOrDefault(id, List.of())) {
                note(note, merged, out, fallbacks);
            }
            summary(id, blocked);
        }
        // a blocked action names the cause the scheduler acted on (no quorum, an unrunnable start): first
        List<String> result = new ArrayList<>(blocked);
        merged.forEach((template, byScore) -> byScore.forEach((score, nodes) -> result.add(render(template, score,
                nodes))));
        result.addAll(out);
        if (result.isEmpty()) {
            result.addAll(new LinkedHashSet<>(fallbacks));
        }
        return result.size() > MAX ? result.subList(0, MAX) : result;
    }

    private void note(String note, Map<String, Map<String, List<String>>> merged, Set<String> out,
            List<String> fallbacks) {
        Matcher c = COLOCATION.matcher(note);
        if (c.matches()) {
            boolean positive = !c.group(2).startsWith("-");
            String primaryNode = c.group(5);
            String with = c.group(1).equals("group:internal_colocation")
                    ? c.group(3) + " (the group member before it)"
                    : c.group(3) + " (colocation " + c.group(1) + ", score " + c.group(2) + ")";
            if (positive && primaryNode == null) {
                out.add("must run with " + with + ", which cannot run");
            } else if (c.group(2).equals("INFINITY") && primaryNode != null && survivors.contains(primaryNode)) {
                out.add("must run with " + with + ", which is placed on " + primaryNode);
            } else if (!positive && primaryNode != null && survivors.contains(primaryNode)) {
                out.add("must not run with " + c.group(3) + " (colocation " + c.group(1) + ", score "
                        + c.group(2) + "), which is placed on " + primaryNode);
            }
            return;
        }
        Matcher m = NOTE.matcher(note);
        if (m.matches()) {
            String score = m.group(1);
            String node = m.group(2);
            if (score.startsWith("-") && (node.equals("all nodes") || survivors.contains(node))) {
                String template = node.equals("all nodes") ? m.group(3) : m.group(3).replace(node, "{}");
                merged.computeIfAbsent(template, k -> new LinkedHashMap<>())
                        .computeIfAbsent(score, k -> new ArrayList<>()).add(node);
            }
            return;
        }
        if (note.startsWith("cannot run anywhere")) {
            fallbacks.add(note);
        }
    }

    private static String render(String template, String score, List<String> nodes) {
        String where = String.join(", ", nodes);
        boolean ban = score.equals("-INFINITY");
        if (template.contains("{}")) {
            return template.replace("{}", where) + (ban ? "" : " (score " + score + ")");
        }
        return template + " (" + (ban ? "rules out " : "score " + score + " on ") + where + ")";
    }

    private void summary(String id, Set<String> out) {
        for (String line : run.summary()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches() && m.group(2).equals(id) && !m.group(4).isBlank()) {
                out.add("the scheduler: " + m.group(1) + " " + id + " ( " + m.group(3) + " ) " + m.group(4).trim());
            }
        }
    }
}
