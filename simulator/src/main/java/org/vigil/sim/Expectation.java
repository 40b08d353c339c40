package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario's expectation, checked after the run:
 * <pre>
 * vm01 running within 90s of crash      (the first timeline event with that verb; "of start" = t0)
 * vm01 running on node2 at end
 * vm01 downtime at most 0s
 * violation double-activation           (the run must stop on that invariant)
 * </pre>
 */
public sealed interface Expectation {
    String text();

    /** Null when met, else why not. */
    String check(Outcome run);

    /** What the checker needs from a finished run. */
    record Outcome(Availability availability, Map<String, Map<String, String>> finalTruth,
            Optional<InvariantViolation> violation, List<TimelineEvent> timeline, Instant start, Instant end,
            List<SimCluster.OperatorResult> operator, Map<String, List<org.vigil.ipc.FenceOutcome>> fencing,
            Map<String, Map<String, String>> dcAttributes) {} // dcAttributes: null when no node was DC at the end

    /** {@code commit "ACTION" acknowledged} or {@code commit "ACTION" refused [KIND]}: how that operator action ended. */
    record Commit(String text, String action, boolean acknowledged, String kind) implements Expectation {
        @Override
        public String check(Outcome run) {
            SimCluster.OperatorResult r = run.operator().stream().filter(o -> o.action().equals(action)).findFirst()
                    .orElse(null);
            if (r == null) {
                return "no result for '" + action + "'";
            }
            boolean ok = acknowledged ? r.outcome().startsWith("acknowledged") || r.outcome().equals("done")
                    : r.outcome().startsWith("refused" + (kind == null ? "" : " " + kind))
                            || kind == null && r.outcome().startsWith("failed");
            return ok ? null : "'" + action + "' ended " + r.outcome();
        }
    }

    /** {@code commits N acknowledged} or {@code commits N refused KIND}: how many operator actions ended so. */
    record CommitCount(String text, int count, String outcomePrefix) implements Expectation {
        @Override
        public String check(Outcome run) {
            long n = run.operator().stream().filter(o -> o.outcome().startsWith(outcomePrefix)).count();
            return n == count ? null : n + " operator actions ended '" + outcomePrefix + "', expected " + count;
        }
    }

    /**
     * {@code fenced NODE [reason WORDS]}: every node's fencing history holds a successful fencing of NODE
     * (whose reason contains WORDS).
     */
    record Fenced(String text, String node, String reason) implements Expectation {
        @Override
        public String check(Outcome run) {
            for (Map.Entry<String, List<org.vigil.ipc.FenceOutcome>> h : run.fencing().entrySet()) {
                boolean found = h.getValue().stream().anyMatch(o -> o.target().equals(node) && o.succeeded()
                        && (reason == null || o.reason().contains(reason)));
                if (!found) {
                    return h.getKey() + "'s fencing history has no successful fencing of " + node
                            + (reason == null ? "" : " for '" + reason + "'") + ": " + h.getValue();
                }
            }
            return null;
        }
    }

    record RunningWithin(String text, String resource, Duration within, String afterVerb) implements Expectation {
        @Override
        public String check(Outcome run) {
            Instant from = run.start();
            if (!afterVerb.equals("start")) {
                TimelineEvent e = run.timeline().stream().filter(t -> t.verb().equals(afterVerb)).findFirst()
                        .orElse(null);
                if (e == null) {
                    return "the timeline has no '" + afterVerb + "' event";
                }
                from = run.start().plus(e.at());
            }
            Instant up = run.availability().upAt(resource, from);
            if (up == null) {
                return resource + " never ran after " + afterVerb;
            }
            Duration took = Duration.between(from, up);
            if (took.compareTo(within) > 0) {
                return resource + " was running again " + Report.seconds(took) + " after " + afterVerb
                        + " (expected within " + Report.seconds(within) + ")";
            }
            return null;
        }
    }

    record RunningOnAtEnd(String text, String resource, String node) implements Expectation {
        @Override
        public String check(Outcome run) {
            Map<String, String> where = run.finalTruth().getOrDefault(resource, Map.of());
            if (node == null) {
                return where.isEmpty() ? resource + " is not running at the end" : null;
            }
            return where.containsKey(node) ? null : resource + " runs on " + where.keySet() + " at the end, not "
                    + node;
        }
    }

    /** {@code RSC promoted on NODE at end}: an instance of the promotable clone runs promoted there. */
    record PromotedOnAtEnd(String text, String resource, String node) implements Expectation {
        @Override
        public String check(Outcome run) {
            java.util.Set<String> promoted = new java.util.TreeSet<>();
            run.finalTruth().forEach((instance, where) -> {
                if (instance.equals(resource) || instance.startsWith(resource + ":")) {
                    where.forEach((n, role) -> {
                        if (GroundTruth.PROMOTED.equals(role)) {
                            promoted.add(n);
                        }
                    });
                }
            });
            return promoted.equals(java.util.Set.of(node)) ? null
                    : resource + " is promoted on " + promoted + " at the end, not [" + node + "]";
        }
    }

    /** {@code attribute NAME of NODE is VALUE at end}: the DC's CIB status holds that transient attribute. */
    record AttributeAtEnd(String text, String name, String node, String value) implements Expectation {
        @Override
        public String check(Outcome run) {
            if (run.dcAttributes() == null) {
                return "no DC at the end to read the attribute from";
            }
            String got = run.dcAttributes().getOrDefault(node, Map.of()).get(name);
            return value.equals(got) ? null : "the DC's CIB has " + name + " of " + node + " = " + got + ", not "
                    + value;
        }
    }

    record DowntimeAtMost(String text, String resource, Duration limit) implements Expectation {
        @Override
        public String check(Outcome run) {
            Duration down = run.availability().downtime(resource);
            return down.compareTo(limit) <= 0 ? null : resource + " was down " + Report.seconds(down)
                    + " (expected at most " + Report.seconds(limit) + ")";
        }
    }

    record Violation(String text, String invariant) implements Expectation {
        @Override
        public String check(Outcome run) {
            if (run.violation().isEmpty()) {
                return "expected the invariant checker to report " + invariant + ", but the run was clean";
            }
            String got = run.violation().get().invariant();
            return got.equals(invariant) ? null : "expected " + invariant + " but the checker reported " + got;
        }
    }

    static Expectation parse(String line) {
        String t = line.trim();
        String[] w = t.split("\\s+");
        java.util.regex.Matcher quoted = java.util.regex.Pattern
                .compile("commit \"([^\"]+)\" (acknowledged|refused)(?: ([A-Z_]+))?").matcher(t);
        if (quoted.matches()) {
            return new Commit(t, quoted.group(1), quoted.group(2).equals("acknowledged"), quoted.group(3));
        }
        if (w.length >= 3 && w[0].equals("commits") && w[1].matches("[0-9]+")
                && (w[2].equals("acknowledged") || w[2].equals("refused") && w.length == 4)) {
            return new CommitCount(t, Integer.parseInt(w[1]), w[2].equals("acknowledged") ? "acknowledged"
                    : "refused " + w[3]);
        }
        if (w.length >= 2 && w[0].equals("fenced")) {
            String reason = w.length >= 4 && w[2].equals("reason") ? t.substring(t.indexOf(" reason ") + 8) : null;
            return new Fenced(t, w[1], reason);
        }
        if (w.length >= 2 && w[0].equals("violation")) {
            return new Violation(t, w[1]);
        }
        if (w.length >= 6 && w[1].equals("running") && w[2].equals("within") && w[4].equals("of")) {
            String verb = w[w.length - 1];
            return new RunningWithin(t, w[0], TimelineEvent.duration(w[3], t), verb);
        }
        if (w.length == 6 && w[1].equals("running") && w[2].equals("on") && w[4].equals("at") && w[5].equals("end")) {
            return new RunningOnAtEnd(t, w[0], w[3]);
        }
        if (w.length == 6 && w[1].equals("promoted") && w[2].equals("on") && w[4].equals("at") && w[5].equals("end")) {
            return new PromotedOnAtEnd(t, w[0], w[3]);
        }
        if (w.length == 8 && w[0].equals("attribute") && w[2].equals("of") && w[4].equals("is") && w[6].equals("at")
                && w[7].equals("end")) {
            return new AttributeAtEnd(t, w[1], w[3], w[5]);
        }
        if (w.length == 4 && w[1].equals("running") && w[2].equals("at") && w[3].equals("end")) {
            return new RunningOnAtEnd(t, w[0], null);
        }
        if (w.length == 5 && w[1].equals("downtime") && w[2].equals("at") && w[3].equals("most")) {
            return new DowntimeAtMost(t, w[0], TimelineEvent.duration(w[4], t));
        }
        if (w.length == 3 && w[1].equals("never") && w[2].equals("down")) {
            return new DowntimeAtMost(t, w[0], Duration.ZERO);
        }
        throw new IllegalArgumentException("expectation '" + t + "': expected one of 'RSC running within TIME of"
                + " EVENT', 'RSC running [on NODE] at end', 'RSC promoted on NODE at end',"
                + " 'attribute NAME of NODE is VALUE at end', 'RSC downtime at most TIME', 'RSC never down',"
                + " 'violation INVARIANT', 'commit \"ACTION\" acknowledged|refused [KIND]', 'commits N acknowledged',"
                + " 'commits N refused KIND', 'fenced NODE [reason WORDS]'");
    }
}
