package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cli.simulate.Injections;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;

class GraphSvgTest {
    @TempDir
    Path dir;

    private Transition recovery() throws Exception {
        Path f = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream("/org/vigil/cli/resource/running.xml")) {
            Files.write(f, in.readAllBytes());
        }
        Cib cib = CibXml.standard().read(f).cib();
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        Cib failed = new Injections(List.of(), List.of(), List.of(), List.of("vm01_monitor_30000@brina=7"))
                .apply(cib, now.getEpochSecond());
        return new Scheduler().schedule(failed, now);
    }

    private static int top(String svg, String label) {
        Matcher m = Pattern.compile("<title>" + Pattern.quote(label) + "[^<]*</title><rect x=\"\\d+\" y=\"(\\d+)\"").matcher(svg);
        assertTrue(m.find(), label + " drawn: " + svg);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void actionsSitBelowWhatTheyWaitForWithArrowsAndResultColours() throws Exception {
        Transition t = recovery();
        String svg = GraphSvg.draw(t, Map.of("vm01_stop_0@brina", "failed"));
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
        assertTrue(top(svg, "vm01_stop_0 brina") < top(svg, "vm01_start_0 brina"), "the start waits for the stop");
        assertTrue(svg.contains("marker-end=\"url(#arrow)\""), "orderings are arrows");
        assertTrue(svg.contains("<title>vm01_stop_0 brina (failed)</title>") && svg.contains("fill=\"#f9d0d0\""),
                "a failed action is red: " + svg);
    }

    @Test
    void labelsAreEscapedAndAnEmptyTransitionSaysSo() {
        assertTrue(GraphSvg.esc("<script>&\"").equals("&lt;script&gt;&amp;&quot;"));
        Transition none = new Scheduler().schedule(Cib.empty(), Instant.EPOCH);
        assertTrue(GraphSvg.draw(none, Map.of()).contains("No actions: nothing to do."));
    }
}
