package org.vigil.scheduler.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.cib.Score;
import org.vigil.rules.Durations;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.history.ShutdownLocks;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Initial node scores: symmetric clusters allow every node at 0; rsc_location scores; stickiness on the current
 * node; bans from fail counts that reached migration-threshold (unless expired by failure-timeout).
 */
public final class LocationStage implements Stage {
    @Override
    public String name() {
        return "location scores";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Rsc r : ws.byId.values()) {
            // a guest's connection may run wherever its container may, even in an asymmetric cluster
            boolean guestConnection = r instanceof PrimitiveRsc p && p.isConnection() && p.container != null;
            if ((ws.symmetric || guestConnection) && !r.orphan) {
                for (SchedNode n : ws.nodes) {
                    if (!r.allowed.has(n.index)) {
                        // a bundle replica's node has weight -INFINITY: only its own instance, set up with the
                        // bundle, may run there
                        r.allowed.set(n.index, n.bundleReplica ? Score.MINUS_INFINITY : 0);
                    }
                }
            }
            if (r.orphan) {
                for (SchedNode n : ws.nodes) {
                    r.allowed.set(n.index, Score.MINUS_INFINITY);
                }
            }
        }
        if (ws.shutdownLock) {
            ShutdownLocks.apply(ws);
        }
        LocationConstraints.apply(ws);
        exclusiveDiscovery(ws);
        nodeHealth(ws);
        Map<SchedNode, Map<String, List<Map.Entry<String, String>>>> failureAttributes = failureAttributes(ws);
        Map<Rsc, List<PrimitiveRsc>> fillers = new java.util.HashMap<>();
        for (PrimitiveRsc p : ws.primitives) {
            if (p.container != null && p.container != p) {
                fillers.computeIfAbsent(p.container, k -> new ArrayList<>()).add(p);
            }
        }
        for (PrimitiveRsc p : ws.primitives) {
            stickiness(ws, p);
            failures(ws, p, failureAttributes, fillers.getOrDefault(p, List.of()));
        }
    }

    /**
     * resource-discovery=exclusive: a resource (and what is below it) may run only on the nodes that such a
     * location matches (Pacemaker's rsc_discover_filter).
     */
    private static void exclusiveDiscovery(WorkingSet ws) {
        Map<Rsc, java.util.Set<SchedNode>> exclusive = new java.util.HashMap<>();
        for (LocationRule l : ws.locations) {
            if ("exclusive".equals(l.discovery())) {
                exclusive.computeIfAbsent(l.rsc(), k -> new java.util.HashSet<>()).addAll(l.scores().keySet());
            }
        }
        if (exclusive.isEmpty()) {
            return;
        }
        for (Rsc r : ws.byId.values()) {
            java.util.Set<SchedNode> matched = null;
            for (Rsc a = r; a != null; a = a.followsParentLocations() ? a.parent : null) {
                java.util.Set<SchedNode> own = exclusive.get(a);
                if (own != null) {
                    matched = matched == null ? new java.util.HashSet<>() : matched;
                    matched.addAll(own);
                }
            }
            if (matched == null) {
                continue;
            }
            ws.exclusiveDiscovery.put(r, matched);
            for (SchedNode n : ws.nodes) {
                if (r.allowed.has(n.index) && !matched.contains(n)) {
                    r.allowed.set(n.index, Score.MINUS_INFINITY);
                    ws.explain.note(r, n, Score.MINUS_INFINITY, "resource-discovery=exclusive excludes " + n.uname);
                }
            }
        }
    }

    /** node-health-strategy: the sum of a node's #health-* attributes becomes a location score for all. */
    private static void nodeHealth(WorkingSet ws) {
        String strategy = ws.properties.getOrDefault("node-health-strategy", "none").trim().toLowerCase();
        if (strategy.equals("none")) {
            return;
        }
        int red;
        int yellow;
        int green;
        switch (strategy) {
            case "migrate-on-red" -> {
                red = Score.MINUS_INFINITY;
                yellow = 0;
                green = 0;
            }
            case "only-green" -> {
                red = Score.MINUS_INFINITY;
                yellow = Score.MINUS_INFINITY;
                green = 0;
            }
            default -> {
                red = Score.parseOr(ws.properties.get("node-health-red"), 0);
                yellow = Score.parseOr(ws.properties.get("node-health-yellow"), 0);
                green = Score.parseOr(ws.properties.get("node-health-green"), 0);
            }
        }
        int base = strategy.equals("progressive") ? Score.parseOr(ws.properties.get("node-health-base"), 0) : 0;
        for (SchedNode n : ws.nodes) {
            int health = base;
            for (Map.Entry<String, String> e : n.attributes.entrySet()) {
                if (!e.getKey().startsWith("#health")) {
                    continue;
                }
                String v = e.getValue() == null ? "" : e.getValue().trim().toLowerCase();
                int s = switch (v) {
                    case "red" -> red;
                    case "yellow" -> yellow;
                    case "green" -> green;
                    default -> Score.parseOr(v, 0);
                };
                health = Score.add(health, s);
            }
            if (health == 0) {
                continue;
            }
            for (Rsc r : ws.resources) {
                if (health < 0 && org.vigil.cib.Booleans.isTrue(r.meta.get("allow-unhealthy-nodes"))) {
                    continue;
                }
                r.addLocation(ws, n, health, "node health (" + strategy + ") of " + n.uname);
            }
        }
    }

    private static void stickiness(WorkingSet ws, PrimitiveRsc p) {
        if (!p.managed || p.stickiness == 0 || p.runningOn.size() != 1) {
            return;
        }
        SchedNode n = p.runningOn.get(0);
        if (!p.allowed.has(n.index) && !ws.symmetric) {
            return;
        }
        p.allowed.add(n.index, p.stickiness);
        ws.explain.note(p, n, p.stickiness, "resource-stickiness (it is running there)");
    }

    /**
     * Per node, its fail-count and last-failure attributes in attribute order, by the resource they name
     * (the text before any {@code #op_interval}, without an instance's {@code :N}): the only ones
     * {@link #failCount} looks at for that resource, gathered once instead of once per resource and node.
     * A resource counts only attributes that name it exactly (or an instance of it), so none is missed.
     */
    private static Map<SchedNode, Map<String, List<Map.Entry<String, String>>>> failureAttributes(WorkingSet ws) {
        Map<SchedNode, Map<String, List<Map.Entry<String, String>>>> out = new java.util.IdentityHashMap<>();
        for (SchedNode n : ws.nodes) {
            out.put(n, failureAttributes(n));
        }
        return out;
    }

    private static Map<String, List<Map.Entry<String, String>>> failureAttributes(SchedNode n) {
        Map<String, List<Map.Entry<String, String>>> byResource = null;
        for (Map.Entry<String, String> e : n.attributes.entrySet()) {
            String k = e.getKey();
            int start = k.startsWith("fail-count-") ? "fail-count-".length()
                    : k.startsWith("last-failure-") ? "last-failure-".length() : -1;
            if (start < 0) {
                continue;
            }
            if (byResource == null) {
                byResource = new java.util.HashMap<>();
            }
            byResource.computeIfAbsent(resourceNamed(k, start), r -> new ArrayList<>()).add(e);
        }
        return byResource == null ? Map.of() : byResource;
    }

    /** {@code RSC} of {@code fail-count-RSC[:N][#op_interval]} (ids contain neither ':' nor '#'). */
    private static String resourceNamed(String attribute, int start) {
        int hash = attribute.indexOf('#', start);
        int end = hash < 0 ? attribute.length() : hash;
        int colon = attribute.lastIndexOf(':', end - 1);
        if (colon >= start && colon + 1 < end) {
            boolean digits = true;
            for (int i = colon + 1; i < end && digits; i++) {
                digits = Character.isDigit(attribute.charAt(i));
            }
            if (digits) {
                end = colon;
            }
        }
        return attribute.substring(start, end);
    }

    private static void failures(WorkingSet ws, PrimitiveRsc p,
            Map<SchedNode, Map<String, List<Map.Entry<String, String>>>> attrs, List<PrimitiveRsc> fillers) {
        int threshold = Score.parseOr(p.meta.get("migration-threshold"), Score.INFINITY);
        if (threshold <= 0) {
            return;
        }
        for (SchedNode n : ws.nodes) {
            List<Map.Entry<String, String>> own = attrs.get(n).get(p.historyId);
            int count = own == null ? 0 : failCount(ws, p, n, own);
            // as Pacemaker (pe_fc_fillers): a container's count includes the failures of what runs inside it
            for (PrimitiveRsc filler : fillers) {
                List<Map.Entry<String, String>> theirs = attrs.get(n).get(filler.historyId);
                if (theirs != null) {
                    count = Score.add(count, failCount(ws, filler, n, theirs));
                }
            }
            if (count <= 0 || count < threshold) {
                continue;
            }
            Rsc target = p.top().isAnonymousClone() ? p.top() : p;
            target.addLocation(ws, n, Score.MINUS_INFINITY,
                    "failed " + count + " time(s) on " + n.uname + ", migration-threshold is "
                            + Score.format(threshold));
        }
    }

    private static boolean ignoredFailure(PrimitiveRsc p, String opAndInterval) {
        int us = opAndInterval.lastIndexOf('_');
        if (us < 0) {
            return false;
        }
        String name = opAndInterval.substring(0, us);
        long interval;
        try {
            interval = Long.parseLong(opAndInterval.substring(us + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        for (org.vigil.cib.Op op : p.ops) {
            if (name.equals(op.name()) && Durations.parseIntervalMs(op.interval()) == interval) {
                return "ignore".equalsIgnoreCase(op.attribute("on-fail"));
            }
        }
        return false;
    }

    /** Fail count from node attributes (fail-count-RSC or fail-count-RSC#op_interval), ignoring expired ones. */
    private static int failCount(WorkingSet ws, PrimitiveRsc p, SchedNode n, List<Map.Entry<String, String>> attrs) {
        String prefix = "fail-count-" + p.historyId;
        String lastPrefix = "last-failure-" + p.historyId;
        int total = 0;
        long last = 0;
        List<String> names = new ArrayList<>();
        boolean anonymous = p.top().isAnonymousClone();
        for (Map.Entry<String, String> e : attrs) {
            String k = e.getKey();
            if (!k.startsWith(prefix) && !k.startsWith(lastPrefix)) {
                continue; // another resource's (the instance-name rewrite below needs the prefix too)
            }
            if (anonymous) {
                // anonymous instances may have been counted under an instance name (fail-count-RSC:N#...)
                k = k.replaceFirst("^((?:fail-count|last-failure)-" + java.util.regex.Pattern.quote(p.historyId)
                        + "):\\d+(#|$)", "$1$2");
            } else if (!p.id.equals(p.historyId)) {
                // a unique clone's instance counts its own failures (fail-count-RSC:N#...), not another's
                String own = k.startsWith("fail-count-") ? "fail-count-" + p.id : "last-failure-" + p.id;
                if (k.equals(own) || k.startsWith(own + "#")) {
                    k = (k.startsWith("fail-count-") ? prefix : lastPrefix) + k.substring(own.length());
                } else if (k.matches("^(?:fail-count|last-failure)-" + java.util.regex.Pattern.quote(p.historyId)
                        + ":\\d+(#.*)?$")) {
                    continue;
                }
            }
            if (k.equals(prefix) || k.startsWith(prefix + "#")) {
                if (k.startsWith(prefix + "#") && ignoredFailure(p, k.substring(prefix.length() + 1))) {
                    continue; // failures of an operation with on-fail=ignore never count
                }
                total = Score.add(total, Score.parseOr(e.getValue(), 0));
                names.add(k);
            } else if (k.equals(lastPrefix) || k.startsWith(lastPrefix + "#")) {
                try {
                    last = Math.max(last, Long.parseLong(e.getValue().trim()));
                } catch (NumberFormatException ex) {
                    // not a timestamp: ignore
                }
            }
        }
        if (total == 0) {
            return 0;
        }
        long ms = org.vigil.scheduler.history.FailureTimeout.ms(p);
        if (ms > 0 && ws.now != null) {
            if (ms > 0 && last > 0 && last * 1000 + ms <= ws.now.toEpochMilli()) {
                return 0;
            }
            if (ms > 0 && last > 0) {
                ws.recheckAt(java.time.Instant.ofEpochMilli(last * 1000 + ms)); // the ban lifts then
            }
        }
        return total;
    }
}
