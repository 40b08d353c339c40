package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report of a run as one self-contained page (inline CSS and SVG, no script, no external asset; also
 * well-formed XML): verdict, the availability table, a chart of where each resource ran over time (one row
 * per resource, a coloured bar per node, gaps while it was down, red lines at the milestones) and the
 * milestones themselves.
 */
public final class HtmlReport {
    static final int LABEL_WIDTH = 180;
    static final int PLOT_WIDTH = 900;
    static final int ROW_HEIGHT = 18;
    static final int ROW_GAP = 4;
    static final int AXIS_HEIGHT = 24;
    /** Colours for nodes, in node order (repeats after twelve). */
    private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
            "#edc948", "#e15759", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf");

    private HtmlReport() {}

    public static String html(String name, long seed, SimulationRun.Result r, List<String> resources,
            List<String> nodes, Set<String> cloned) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>vigil-sim: ").append(esc(name)).append(" (seed ")
                .append(seed).append(")</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0}")
                .append("th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}")
                .append(".ok{color:#2a7d2a}.bad{color:#b22222;font-weight:bold}")
                .append(".legend span{display:inline-block;margin-right:1em}")
                .append(".swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}")
                .append("td.when{font-family:monospace;white-space:nowrap}td.what{text-align:left}")
                .append("\n</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(name)).append("</h1>\n<p>seed ").append(seed).append(", simulated ")
                .append(esc(Report.seconds(Duration.between(r.start(), r.end())))).append(", ").append(r.events())
                .append(" events, trace hash <code>").append(esc(r.traceHash())).append("</code></p>\n");
        verdict(b, r);
        table(b, r, resources);
        b.append("<h2>Where each resource ran</h2>\n");
        legend(b, nodes);
        chart(b, r, resources, nodes, cloned);
        milestones(b, r);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void verdict(StringBuilder b, SimulationRun.Result r) {
        r.violation().ifPresent(v -> b.append("<p class=\"bad\" id=\"violation\">INVARIANT VIOLATED: ")
                .append(esc(v.getMessage())).append("</p>\n"));
        for (String f : r.failedExpectations()) {
            b.append("<p class=\"bad\">EXPECTATION NOT MET: ").append(esc(f)).append("</p>\n");
        }
        if (r.violation().isEmpty() && r.failedExpectations().isEmpty()) {
            b.append("<p class=\"ok\" id=\"verdict\">all invariants held");
            if (!r.expectations().isEmpty()) {
                b.append(", all ").append(r.expectations().size()).append(" expectations met");
            }
            b.append("</p>\n");
        }
    }

    private static void table(StringBuilder b, SimulationRun.Result r, List<String> resources) {
        b.append("<h2>Availability</h2>\n<table id=\"availability\">\n<tr><th>resource</th><th>downtime</th>")
                .append("<th>outages</th><th>MTTR</th><th>availability</th></tr>\n");
        for (String rsc : resources) {
            Duration down = r.availability().downtime(rsc);
            int outages = r.availability().outages(rsc).size();
            Duration mttr = outages == 0 ? Duration.ZERO : down.dividedBy(outages);
            String avail = r.availability().everUp(rsc)
                    ? Report.availability(down, r.availability().observed(rsc, r.end())) : "never started";
            b.append("<tr data-resource=\"").append(esc(rsc)).append("\"><td>").append(esc(rsc)).append("</td><td>")
                    .append(esc(Report.seconds(down))).append("</td><td>").append(outages).append("</td><td>")
                    .append(esc(Report.seconds(mttr))).append("</td><td>").append(esc(avail)).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void legend(StringBuilder b, List<String> nodes) {
        b.append("<p class=\"legend\">");
        for (int i = 0; i < nodes.size(); i++) {
            b.append("<span><span class=\"swatch\" style=\"background:").append(colour(i)).append("\"></span>")
                    .append(esc(nodes.get(i))).append("</span>");
        }
        b.append("<span>gap: not running; red line: a milestone below; rows marked * are clones, one band per")
                .append(" node with an instance</span></p>\n");
    }

    /** x coordinate of an instant on the plot. */
    static double x(Instant t, Instant start, Instant end) {
        long total = Math.max(1, Duration.between(start, end).toMillis());
        return LABEL_WIDTH + PLOT_WIDTH * (double) Duration.between(start, t).toMillis() / total;
    }

    private static void chart(StringBuilder b, SimulationRun.Result r, List<String> resources, List<String> nodes,
            Set<String> cloned) {
        int height = resources.size() * (ROW_HEIGHT + ROW_GAP) + AXIS_HEIGHT;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        for (int row = 0; row < resources.size(); row++) {
            String rsc = resources.get(row);
            int y = row * (ROW_HEIGHT + ROW_GAP);
            b.append("<g class=\"row\" data-resource=\"").append(esc(rsc)).append("\">\n");
            b.append("<text x=\"4\" y=\"").append(y + ROW_HEIGHT - 5).append("\">").append(esc(rsc))
                    .append(cloned.contains(rsc) ? " *" : "").append("</text>\n");
            b.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                    .append(PLOT_WIDTH).append("\" height=\"").append(ROW_HEIGHT).append("\" fill=\"#f2f2f2\"/>\n");
            for (Availability.Span s : r.availability().spans(rsc)) {
                segment(b, r, rsc, s, y, nodes);
            }
            b.append("</g>\n");
        }
        int axisY = resources.size() * (ROW_HEIGHT + ROW_GAP);
        long total = Duration.between(r.start(), r.end()).toMillis();
        for (int i = 0; i <= 4; i++) {
            Instant t = r.start().plusMillis(total * i / 4);
            String tx = fmt(x(t, r.start(), r.end()));
            b.append("<line x1=\"").append(tx).append("\" y1=\"0\" x2=\"").append(tx).append("\" y2=\"")
                    .append(axisY + 4).append("\" stroke=\"#bbb\" stroke-width=\"0.5\"/>\n");
            b.append("<text x=\"").append(tx).append("\" y=\"").append(axisY + 16).append("\" text-anchor=\"")
                    .append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\">")
                    .append(esc(Report.seconds(Duration.ofMillis(total * i / 4)))).append("</text>\n");
        }
        for (String line : r.trace()) {
            if (Report.isMilestone(line)) {
                Instant t = Instant.ofEpochMilli(Long.parseLong(line.substring(0, line.indexOf(' '))));
                String tx = fmt(x(t, r.start(), r.end()));
                b.append("<line class=\"milestone\" x1=\"").append(tx).append("\" y1=\"0\" x2=\"").append(tx)
                        .append("\" y2=\"").append(axisY).append("\" stroke=\"#d62728\" stroke-width=\"1\"")
                        .append(" stroke-dasharray=\"3,3\"><title>").append(esc(Report.clock(r.start(), line).trim()))
                        .append("</title></line>\n");
            }
        }
        b.append("</svg>\n");
    }

    /** One span: a bar per node it ran on (stacked in the row when several), nothing while it was down. */
    private static void segment(StringBuilder b, SimulationRun.Result r, String rsc, Availability.Span s, int y,
            List<String> nodes) {
        if (s.nodes().isEmpty() || Duration.between(s.from(), s.to()).toMillis() <= 0) {
            return; // down, or a blink shorter than the chart's millisecond resolution
        }
        double x0 = x(s.from(), r.start(), r.end());
        double w = x(s.to(), r.start(), r.end()) - x0;
        double band = (double) ROW_HEIGHT / s.nodes().size();
        for (int i = 0; i < s.nodes().size(); i++) {
            String node = s.nodes().get(i);
            b.append("<rect class=\"segment\" data-node=\"").append(esc(node)).append("\" data-from-ms=\"")
                    .append(Duration.between(r.start(), s.from()).toMillis()).append("\" data-to-ms=\"")
                    .append(Duration.between(r.start(), s.to()).toMillis()).append("\" x=\"").append(fmt(x0))
                    .append("\" y=\"").append(fmt(y + band * i)).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"").append(fmt(band)).append("\" fill=\"")
                    .append(colour(nodes.indexOf(node))).append("\"><title>").append(esc(rsc)).append(" on ")
                    .append(esc(node)).append(", ").append(esc(Report.seconds(Duration.between(r.start(), s.from()))))
                    .append(" to ").append(esc(Report.seconds(Duration.between(r.start(), s.to()))))
                    .append("</title></rect>\n");
        }
    }

    private static void milestones(StringBuilder b, SimulationRun.Result r) {
        b.append("<h2>Milestones</h2>\n<table id=\"milestones\">\n<tr><th>time</th><th>event</th></tr>\n");
        for (String line : r.trace()) {
            if (Report.isMilestone(line)) {
                int sp = line.indexOf(' ');
                long ms = Long.parseLong(line.substring(0, sp)) - r.start().toEpochMilli();
                b.append("<tr><td class=\"when\">").append(esc(Report.seconds(Duration.ofMillis(ms))))
                        .append("</td><td class=\"what\">").append(esc(line.substring(sp + 1))).append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
    }

    static String colour(int nodeIndex) {
        return nodeIndex < 0 ? "#000000" : PALETTE.get(nodeIndex % PALETTE.size());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
