package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human report of a run: per-resource downtime, outages, MTTR and availability (the ISP thesis'
 * tables), the violation if any, and a chart of where each resource ran over time.
 */
public final class Report {
    private static final int CHART_WIDTH = 72;

    private Report() {}

    public static String seconds(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** Availability as a percentage and in nines, e.g. 99.996 % (4.4 nines). */
    static String availability(Duration down, Duration observed) {
        if (observed.isZero()) {
            return "n/a";
        }
        double a = 1.0 - (double) down.toMillis() / observed.toMillis();
        if (a >= 1.0) {
            return "100 %";
        }
        double nines = -Math.log10(1.0 - a);
        return String.format(Locale.ROOT, "%.4f %% (%.1f nines)", a * 100, nines);
    }

    public static String text(String name, long seed, SimulationRun.Result r, List<String> resources,
            List<String> nodes, java.util.Set<String> cloned) {
        StringBuilder b = new StringBuilder();
        b.append("scenario: ").append(name).append("  seed: ").append(seed).append('\n');
        b.append("simulated: ").append(seconds(Duration.between(r.start(), r.end()))).append(", ")
                .append(r.events()).append(" events\n\n");
        b.append(String.format(Locale.ROOT, "%-22s %9s %8s %9s  %s%n", "resource", "downtime", "outages", "MTTR",
                "availability"));
        for (String rsc : resources) {
            Duration down = r.availability().downtime(rsc);
            int outages = r.availability().outages(rsc).size();
            Duration mttr = outages == 0 ? Duration.ZERO : down.dividedBy(outages);
            String avail = r.availability().everUp(rsc)
                    ? availability(down, r.availability().observed(rsc, r.end())) : "never started";
            b.append(String.format(Locale.ROOT, "%-22s %9s %8d %9s  %s%n", rsc, seconds(down), outages,
                    seconds(mttr), avail));
        }
        b.append('\n').append(chart(r, resources, nodes, cloned));
        b.append("\nevents:\n");
        for (String line : r.trace()) {
            if (isMilestone(line)) {
                b.append("  ").append(clock(r.start(), line)).append('\n');
            }
        }
        if (r.violation().isPresent()) {
            b.append("\nINVARIANT VIOLATED: ").append(r.violation().get().getMessage()).append('\n');
        }
        for (String f : r.failedExpectations()) {
            b.append("EXPECTATION NOT MET: ").append(f).append('\n');
        }
        if (r.violation().isEmpty() && r.failedExpectations().isEmpty()) {
            b.append("\nall invariants held");
            if (!r.expectations().isEmpty()) {
                b.append(", all ").append(r.expectations().size()).append(" expectations met");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** One row per resource; each column a slice of time, marked with the node it ran on. */
    static String chart(SimulationRun.Result r, List<String> resources, List<String> nodes,
            java.util.Set<String> cloned) {
        StringBuilder b = new StringBuilder();
        b.append("where each resource ran (");
        for (int i = 0; i < nodes.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(mark(i)).append('=').append(nodes.get(i));
        }
        b.append(", . stopped, ! more than one node;\n  rows marked * are clones: the digit is how many instances run):\n");
        long total = Duration.between(r.start(), r.end()).toMillis();
        for (String rsc : resources) {
            StringBuilder row = new StringBuilder();
            for (int col = 0; col < CHART_WIDTH; col++) {
                Instant t = r.start().plusMillis(total * col / CHART_WIDTH + total / (2L * CHART_WIDTH));
                row.append(cloned.contains(rsc) ? countAt(r.availability().spans(rsc), t)
                        : markAt(r.availability().spans(rsc), t, nodes));
            }
            b.append(String.format(Locale.ROOT, "%-22s%s|%s|%n", rsc, cloned.contains(rsc) ? "*" : " ", row));
        }
        b.append(String.format(Locale.ROOT, "%-22s  0%s%s%n", "", " ".repeat(CHART_WIDTH - 1 - seconds(
                Duration.ofMillis(total)).length()), seconds(Duration.ofMillis(total))));
        return b.toString();
    }

    /** Injected faults, operator actions, fencing and view changes: the timeline a reader wants. */
    static boolean isMilestone(String traceLine) {
        String rest = traceLine.substring(traceLine.indexOf(' ') + 1);
        return rest.matches("(crash|reboot|hang|partition|heal|ring[01]|fail|standby|online|cleanup|fencing|power on|"
                + "resume|boot|VIOLATION|operator|fence device).*") || rest.contains(" leaves for reboot")
                || rest.contains(": fenced ") || rest.contains("FAILED") || rest.contains(" takes over");
    }

    /** "1767225900000 crash node1" -> "  5m00s crash node1". */
    static String clock(Instant start, String traceLine) {
        int sp = traceLine.indexOf(' ');
        long ms = Long.parseLong(traceLine.substring(0, sp));
        Duration d = Duration.ofMillis(ms - start.toEpochMilli());
        return String.format(Locale.ROOT, "%8s  %s", seconds(d), traceLine.substring(sp + 1));
    }

    private static char countAt(List<Availability.Span> spans, Instant t) {
        for (Availability.Span s : spans) {
            if (!t.isBefore(s.from()) && t.isBefore(s.to())) {
                int n = s.nodes().size();
                return n == 0 ? '.' : n < 10 ? (char) ('0' + n) : '+';
            }
        }
        return '.';
    }

    private static char markAt(List<Availability.Span> spans, Instant t, List<String> nodes) {
        for (Availability.Span s : spans) {
            if (!t.isBefore(s.from()) && t.isBefore(s.to())) {
                if (s.nodes().isEmpty()) {
                    return '.';
                }
                if (s.nodes().size() > 1) {
                    return '!';
                }
                int i = nodes.indexOf(s.nodes().get(0));
                return i < 0 ? '?' : mark(i);
            }
        }
        return '.';
    }

    private static char mark(int i) {
        return i < 9 ? (char) ('1' + i) : (char) ('a' + i - 9);
    }
}
