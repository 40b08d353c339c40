package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-resource uptime from the ground truth: when each resource first ran, every outage after that, and
 * where it ran over time (for the chart). Availability = uptime / observed time, as in the ISP thesis
 * (MTBF / (MTBF + MTTR)).
 */
public final class Availability {
    /** One stretch of time with the resource on a set of nodes (empty: down). */
    public record Span(Instant from, Instant to, List<String> nodes) {}

    private final Map<String, Instant> firstUp = new LinkedHashMap<>();
    private final Map<String, List<Span>> spans = new LinkedHashMap<>();
    private final Map<String, List<String>> current = new LinkedHashMap<>();
    private final Map<String, Instant> since = new LinkedHashMap<>();

    public Availability(List<String> resources, Instant start) {
        for (String r : resources) {
            spans.put(r, new ArrayList<>());
            current.put(r, List.of());
            since.put(r, start);
        }
    }

    /** Whether this resource's availability is followed (a primitive of the configuration). */
    public boolean tracks(String resource) {
        return current.containsKey(resource);
    }

    /**
     * Called after every event that may have moved {@code resource}, with the (sorted) nodes it runs on now.
     */
    public void observe(Instant now, String resource, List<String> nodes) {
        List<String> before = current.get(resource);
        if (before == null || nodes.equals(before)) {
            return;
        }
        spans.get(resource).add(new Span(since.get(resource), now, before));
        current.put(resource, nodes);
        since.put(resource, now);
        if (!nodes.isEmpty()) {
            firstUp.putIfAbsent(resource, now);
        }
    }

    /** Closes the open spans at the end of the run. */
    public void finish(Instant end) {
        for (Map.Entry<String, List<String>> e : current.entrySet()) {
            if (since.get(e.getKey()).isBefore(end)) {
                spans.get(e.getKey()).add(new Span(since.get(e.getKey()), end, e.getValue()));
                since.put(e.getKey(), end);
            }
        }
    }

    public List<Span> spans(String resource) {
        return List.copyOf(spans.getOrDefault(resource, List.of()));
    }

    public Map<String, List<Span>> all() {
        return spans;
    }

    /** Time down after the resource first came up (initial start-up does not count as an outage). */
    public Duration downtime(String resource) {
        return outages(resource).stream().map(s -> Duration.between(s.from(), s.to()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    public List<Span> outages(String resource) {
        Instant first = firstUp.get(resource);
        List<Span> out = new ArrayList<>();
        if (first == null) {
            return out;
        }
        for (Span s : spans.getOrDefault(resource, List.of())) {
            if (s.nodes().isEmpty() && !s.from().isBefore(first)) {
                out.add(s);
            }
        }
        return out;
    }

    public Duration observed(String resource, Instant end) {
        Instant first = firstUp.get(resource);
        return first == null ? Duration.ZERO : Duration.between(first, end);
    }

    public boolean everUp(String resource) {
        return firstUp.containsKey(resource);
    }

    /** The first moment at or after {@code from} when the resource ran somewhere (null if never). */
    public Instant upAt(String resource, Instant from) {
        for (Span s : spans.getOrDefault(resource, List.of())) {
            if (!s.nodes().isEmpty() && s.to().isAfter(from)) {
                return s.from().isAfter(from) ? s.from() : from;
            }
        }
        List<String> now = current.get(resource);
        if (now != null && !now.isEmpty()) {
            Instant s = since.get(resource);
            return s.isAfter(from) ? s : from;
        }
        return null;
    }
}
