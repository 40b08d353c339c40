package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cib.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    private static SimulationRun.Result crashRun() throws Exception {
        Scenario s = new Scenario("html", null, null, null, null, null,
                List.of("crash node1 at 120s"), "10m", List.of("vm01 running within 90s of crash"), null);
        List<TimelineEvent> timeline = s.timeline().stream().map(TimelineEvent::parse).toList();
        return SimulationRun.run(s, CibXml.parse(FailoverSmokeTest.CIB), timeline, Duration.ofMinutes(10), 1,
                SimulationRun.Policy.vigil(), SimulationRun.Limits.DEFAULT);
    }

    private static Document parse(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList list = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void chartSegmentsAreTheRunsSpansWithAGapForTheOutage() throws Exception {
        SimulationRun.Result r = crashRun();
        Document d = parse(HtmlReport.html("html", 1, r, List.of("vm01"), List.of("node1", "node2"), Set.of()));

        List<Availability.Span> running = r.availability().spans("vm01").stream()
                .filter(s -> !s.nodes().isEmpty() && Duration.between(s.from(), s.to()).toMillis() > 0).toList();
        List<Element> segments = elements(d, "rect").stream()
                .filter(e -> "segment".equals(e.getAttribute("class"))).toList();
        assertEquals(running.size(), segments.size());
        for (int i = 0; i < running.size(); i++) {
            Availability.Span span = running.get(i);
            Element seg = segments.get(i);
            assertEquals(span.nodes().get(0), seg.getAttribute("data-node"));
            assertEquals(Duration.between(r.start(), span.from()).toMillis(),
                    Long.parseLong(seg.getAttribute("data-from-ms")));
            assertEquals(HtmlReport.fmt(HtmlReport.x(span.from(), r.start(), r.end())), seg.getAttribute("x"));
            double width = HtmlReport.x(span.to(), r.start(), r.end()) - HtmlReport.x(span.from(), r.start(), r.end());
            assertEquals(HtmlReport.fmt(width), seg.getAttribute("width"));
            assertEquals(HtmlReport.colour(List.of("node1", "node2").indexOf(span.nodes().get(0))),
                    seg.getAttribute("fill"));
        }
        // vm01 prefers node1, is restarted on node2 after the crash, and the outage in between is a gap
        assertEquals(List.of("node1", "node2"), segments.stream().map(e -> e.getAttribute("data-node")).toList());
        assertTrue(Long.parseLong(segments.get(1).getAttribute("data-from-ms"))
                > Long.parseLong(segments.get(0).getAttribute("data-to-ms")));
    }

    @Test
    void availabilityTableAndMilestonesComeFromTheRun() throws Exception {
        SimulationRun.Result r = crashRun();
        Document d = parse(HtmlReport.html("html", 1, r, List.of("vm01"), List.of("node1", "node2"), Set.of()));

        Element row = elements(d, "tr").stream().filter(e -> "vm01".equals(e.getAttribute("data-resource")))
                .findFirst().orElseThrow();
        List<Element> cells = new ArrayList<>();
        NodeList tds = row.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            cells.add((Element) tds.item(i));
        }
        Duration down = r.availability().downtime("vm01");
        assertFalse(down.isZero());
        assertEquals(Report.seconds(down), cells.get(1).getTextContent());
        assertEquals(Integer.toString(r.availability().outages("vm01").size()), cells.get(2).getTextContent());

        List<String> events = elements(d, "td").stream().filter(e -> "what".equals(e.getAttribute("class")))
                .map(Element::getTextContent).toList();
        assertTrue(events.stream().anyMatch(e -> e.startsWith("crash node1")), events::toString);
        long milestoneLines = elements(d, "line").stream()
                .filter(e -> "milestone".equals(e.getAttribute("class"))).count();
        assertEquals(events.size(), milestoneLines);
    }

    @Test
    void reportFileEndingInHtmlGetsThePage(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        Path text = dir.resolve("report.txt");
        assertEquals(0, SimMain.run("run", "isp-power-off", "--report", html.toString()));
        assertEquals(0, SimMain.run("run", "isp-power-off", "--report", text.toString()));

        Document d = parse(Files.readString(html));
        assertEquals("html", d.getDocumentElement().getTagName());
        assertFalse(elements(d, "svg").isEmpty());
        assertTrue(Files.readString(text).startsWith("scenario: "));
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", HtmlReport.esc("a <b> & \"c\""));
    }
}
