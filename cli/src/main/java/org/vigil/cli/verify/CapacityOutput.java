package org.vigil.cli.verify;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.capacity.FailureOutcome;
import org.vigil.capacity.Loss;
import org.vigil.capacity.ProofReport;
import org.vigil.cib.Cib;
import org.vigil.cli.CliException;

/** How {@code crm verify} shows an N+1 capacity proof: as text, as JSON, or as verify findings. */
final class CapacityOutput {
    private CapacityOutput() {}

    /** The scheduler's "now": the CIB's execution-date when it has one (a saved scheduler input), else the clock. */
    static Instant now(Cib cib, Clock clock) {
        String d = cib.attribute("execution-date");
        if (d == null) {
            return clock.instant();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(d.trim()));
        } catch (NumberFormatException e) {
            throw new CliException("execution-date '" + d + "' is not a number of seconds");
        }
    }

    static String title(ProofReport r) {
        return r.depth() == 1 ? "N+1" : "N+2";
    }

    private static String scope(ProofReport r) {
        return r.depth() == 1 ? "single-node failure" : "failure of one or two nodes";
    }

    static void text(PrintWriter out, ProofReport r) {
        int failures = r.outcomes().size();
        out.printf("%s capacity proof: %d node%s up (%s)%s, %d resource%s running; %d failure%s checked "
                + "(%d scheduler runs)%n", title(r), r.members().size(), r.members().size() == 1 ? "" : "s",
                String.join(", ", r.members()), r.down().isEmpty() ? "" : ", already down: "
                        + String.join(", ", r.down()), r.activeBefore(), r.activeBefore() == 1 ? "" : "s", failures,
                failures == 1 ? "" : "s", r.schedulerRuns());
        if (!r.assumedOnline().isEmpty()) {
            out.println("  (no status for " + String.join(", ", r.assumedOnline()) + ": taken as online)");
        }
        for (FailureOutcome o : r.outcomes()) {
            String head = "  " + String.join(" + ", o.failed()) + " fail" + (o.failed().size() == 1 ? "s" : "");
            if (o.survivable()) {
                out.println(head + ": survivable");
                continue;
            }
            out.println(head + ": LOSES " + o.losses().size() + " resource" + (o.losses().size() == 1 ? "" : "s")
                    + (o.quorate() ? "" : " (the survivors have no quorum)"));
            for (Loss l : o.losses()) {
                out.println("    " + l.describe());
                for (String why : l.reasons()) {
                    out.println("      - " + why);
                }
            }
        }
        for (String u : r.unsupported()) {
            out.println("  note: the scheduler does not implement " + u + "; the proof may be incomplete");
        }
        long bad = r.unsurvivable().size();
        out.println(bad == 0 ? title(r) + " redundant: every " + scope(r) + " is survivable"
                : "Not " + title(r) + " redundant: " + bad + " of " + failures + " failures would lose resources");
        out.flush();
    }

    /** The proof as verify findings: a warning per resource lost, an informational line when all is well. */
    static List<Finding> findings(ProofReport r) {
        List<Finding> out = new ArrayList<>();
        for (FailureOutcome o : r.outcomes()) {
            for (Loss l : o.losses()) {
                out.add(Finding.warning(null, title(r) + ": if " + String.join(" and ", o.failed()) + " fail"
                        + (o.failed().size() == 1 ? "s" : "") + ", " + l.describe()
                        + (l.reasons().isEmpty() ? "" : ": " + String.join("; ", l.reasons()))));
            }
        }
        if (out.isEmpty()) {
            out.add(Finding.info(null, title(r) + ": every " + scope(r) + " is survivable (" + r.members().size()
                    + " nodes, " + r.schedulerRuns() + " scheduler runs)"));
        }
        for (String u : r.unsupported()) {
            out.add(Finding.warning(null, title(r) + ": the scheduler does not implement " + u
                    + ", so the proof may be incomplete"));
        }
        return out;
    }

    static Map<String, Object> json(ProofReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("failuresAtOnce", r.depth());
        doc.put("survivable", r.survivable());
        doc.put("nodes", r.members());
        doc.put("alreadyDown", r.down());
        doc.put("assumedOnline", r.assumedOnline());
        doc.put("resourcesRunning", r.activeBefore());
        doc.put("schedulerRuns", r.schedulerRuns());
        doc.put("unsupported", r.unsupported());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (FailureOutcome o : r.outcomes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("failed", o.failed());
            m.put("survivable", o.survivable());
            m.put("quorate", o.quorate());
            List<Map<String, Object>> losses = new ArrayList<>();
            for (Loss l : o.losses()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("resource", l.resource());
                x.put("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                x.put("group", l.group());
                x.put("wasOn", l.wasOn());
                x.put("count", l.count());
                x.put("description", l.describe());
                x.put("reasons", l.reasons());
                losses.add(x);
            }
            m.put("losses", losses);
            outcomes.add(m);
        }
        doc.put("failures", outcomes);
        return doc;
    }
}
