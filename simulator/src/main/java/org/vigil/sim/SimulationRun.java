package org.vigil.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.vigil.controller.PolicyEngine;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Node;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resources;
import org.vigil.controller.Controller;
import org.vigil.membership.QuorumConfig;
import org.vigil.world.RandomSource;

/** One run of a scenario with one seed: builds the world, plays the timeline, checks invariants and expectations. */
public final class SimulationRun {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Set<String> VERBS = Set.of("crash", "power-on", "boot", "reboot", "hang", "resume", "slow", "partition",
            "heal", "ring0", "ring1", "fail", "standby", "online", "cleanup", "fencing", "property", "fence",
            "attribute");

    private SimulationRun() {}

    /** What happened. */
    public record Result(
            String traceHash,
            long events,
            Instant start,
            Instant end,
            Availability availability,
            Optional<InvariantViolation> violation,
            List<Expectation> expectations,
            List<String> failedExpectations,
            List<String> trace,
            Map<String, Map<String, String>> finalTruth) {
        public boolean passed() {
            boolean violationExpected = expectations.stream().anyMatch(e -> e instanceof Expectation.Violation);
            return failedExpectations.isEmpty() && (violation.isEmpty() || violationExpected);
        }
    }

    /** The scheduler and how to read its placements (for the quiescence check). */
    public record Policy(Controller.Scheduler scheduler, BiFunction<Cib, Instant, Map<String, String>> placements) {
        /** Vigil's own scheduler. */
        public static Policy vigil() {
            PolicyEngine engine = new PolicyEngine();
            return new Policy(engine, engine::placements);
        }
    }

    /** Limits that keep every run bounded. */
    public record Limits(long maxEvents, int keepTraceLines, java.nio.file.Path saveCibs) {
        public static final Limits DEFAULT = new Limits(5_000_000, 2_000, null);

        public Limits withSaveCibs(java.nio.file.Path dir) {
            return new Limits(maxEvents, keepTraceLines, dir);
        }
    }

    public static Result run(Scenario scenario, Cib cib, List<TimelineEvent> timeline, Duration duration,
            long seed, Policy policy, Limits limits) {
        List<String> nodes = nodeNames(scenario, cib);
        Cib withNodes = ensureNodes(cib, nodes);
        RandomSource random = RandomSource.seeded(seed);
        Trace trace = new Trace(limits.keepTraceLines());
        EventLoop loop = new EventLoop(T0, trace);
        Map<String, ResourceProfile> profiles = profiles(scenario, withNodes.configuration());
        Scenario.ClusterSpec spec = scenario.cluster();
        int rings = spec == null || spec.rings() == null ? 1 : spec.rings();
        ResourceProfile unknown = ResourceProfile.forAgent("");
        SimCluster cluster = new SimCluster(loop, withNodes, nodes, rings, quorum(spec, nodes), policy.scheduler(),
                r -> profiles.getOrDefault(GroundTruth.base(r), unknown), random);
        configureFencing(cluster, spec);
        configureNetwork(cluster, spec);
        if (limits.saveCibs() != null) {
            saveCibs(cluster, loop, limits.saveCibs());
        }
        Invariants invariants = new Invariants(cluster);
        cluster.addObserver(invariants::checkDispatch);
        cluster.addCommitObserver(invariants::checkCommit);
        List<String> resources = Resources.primitives(withNodes.configuration().resources()).stream()
                .map(Primitive::id).toList();
        Availability availability = new Availability(resources, T0);
        long[] seen = {-1};
        loop.afterEach(() -> {
            cluster.afterEvent();
            invariants.checkAcknowledgedCommits();
            if (cluster.truth().version() != seen[0]) {
                seen[0] = cluster.truth().version();
                java.util.NavigableSet<String> changed = cluster.truth().takeChangedResources();
                invariants.checkActiveCopiesOf(changed);
                for (String r : changed) {
                    if (availability.tracks(r)) {
                        availability.observe(loop.now(), r, cluster.truth().nodesOf(r));
                    }
                }
            }
        });
        for (TimelineEvent e : timeline) {
            loop.at(T0.plus(e.at()), e.text(), () -> apply(cluster, e));
        }
        Instant end = T0.plus(duration);
        InvariantViolation violation = null;
        try {
            cluster.start();
            loop.runUntil(end, limits.maxEvents());
            invariants.checkConfiguration();
            invariants.checkSettledReplicas();
            invariants.checkQuiescent(c -> policy.placements().apply(c, loop.now()));
            invariants.checkConstraintsAtQuiescence();
        } catch (InvariantViolation v) {
            violation = v;
            trace.record(loop.now().toEpochMilli() + " VIOLATION " + v.getMessage());
        }
        Instant stoppedAt = violation == null ? end : loop.now();
        availability.finish(stoppedAt);
        Map<String, Map<String, String>> finalTruth = new LinkedHashMap<>(cluster.truth().all());
        List<Expectation> expectations = scenario.expect().stream().map(Expectation::parse).toList();
        Expectation.Outcome outcome = new Expectation.Outcome(availability, finalTruth, Optional.ofNullable(violation),
                timeline, T0, stoppedAt, cluster.operatorResults(), cluster.fencingHistories(),
                cluster.dcTransientAttributes());
        List<String> failed = new ArrayList<>();
        for (Expectation x : expectations) {
            if (violation != null && !(x instanceof Expectation.Violation)) {
                continue; // the run stopped early; only the violation expectation can still be judged
            }
            String why = x.check(outcome);
            if (why != null) {
                failed.add(x.text() + ": " + why);
            }
        }
        return new Result(trace.hash(), loop.executedEvents(), T0, stoppedAt, availability,
                Optional.ofNullable(violation), expectations, failed, trace.lines(), finalTruth);
    }

    /**
     * Writes the CIB each DC decided on, one file per transition, so any decision can be replayed with
     * {@code crm simulate -x FILE} (or Pacemaker's crm_simulate) and compared.
     */
    private static void saveCibs(SimCluster cluster, EventLoop loop, java.nio.file.Path dir) {
        int[] n = new int[1];
        cluster.onTransition((dc, cib) -> {
            String name = String.format(java.util.Locale.ROOT, "%04d-%06ds-%s.xml", ++n[0],
                    Duration.between(T0, loop.now()).toSeconds(), dc);
            try {
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(dir.resolve(name), org.vigil.cib.CibXml.write(
                        cib.withAttribute("execution-date", Long.toString(loop.now().getEpochSecond()))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot save CIB to " + dir, e);
            }
        });
    }

    static void apply(SimCluster cluster, TimelineEvent e) {
        EventLoop loop = cluster.loop();
        String node = e.args().isEmpty() ? null : e.args().get(0);
        Duration span = e.span();
        switch (e.verb()) {
            case "crash" -> {
                cluster.crash(node);
                if (span != null) {
                    loop.at(loop.now().plus(span), "power on " + node, () -> cluster.boot(node));
                }
            }
            case "power-on", "boot" -> cluster.boot(node);
            case "reboot" -> cluster.reboot(node, span == null ? Duration.ofSeconds(60) : span,
                    Duration.ofMinutes(30));
            case "hang" -> {
                if (e.argAfter("of") != null) {
                    cluster.faults().add(new FaultPlan.AgentFault(e.argAfter("of"), e.args().get(0),
                            e.argAfter("on"), FaultPlan.Kind.HANG));
                } else {
                    cluster.hang(node);
                    if (span != null) {
                        loop.at(loop.now().plus(span), "resume " + node, () -> cluster.resume(node));
                    }
                }
            }
            case "resume" -> cluster.resume(node);
            case "slow" -> {
                String f = e.argAfter("factor");
                int factor = f == null ? 5 : Integer.parseInt(f);
                cluster.slow(node, factor);
                if (span != null) {
                    loop.at(loop.now().plus(span), node + " at normal speed", () -> cluster.slow(node, 1));
                }
            }
            case "partition" -> {
                cluster.network().partition(-1, e.groups());
                cluster.topologyChanged();
                if (span != null) {
                    loop.at(loop.now().plus(span), "heal partition", () -> {
                        cluster.network().heal(-1);
                        cluster.membership().topologyChanged(SimMembership.MERGE_DELAY);
                    });
                }
            }
            case "heal" -> {
                cluster.network().heal(-1);
                cluster.membership().topologyChanged(SimMembership.MERGE_DELAY);
            }
            case "ring0", "ring1" -> {
                int ring = e.verb().charAt(4) - '0';
                boolean up = e.args().contains("up");
                String on = e.argAfter("on");
                cluster.network().setLink(ring, on, up);
                cluster.topologyChanged();
                if (!up && span != null) {
                    loop.at(loop.now().plus(span), e.verb() + " up", () -> {
                        cluster.network().setLink(ring, on, true);
                        cluster.membership().topologyChanged(SimMembership.MERGE_DELAY);
                    });
                }
            }
            case "fail" -> cluster.faults().add(new FaultPlan.AgentFault(e.argAfter("of"), e.args().get(0),
                    e.argAfter("on"), FaultPlan.Kind.FAIL));
            case "standby" -> {
                cluster.setStandby(node, true, e.argAfter("on"), operatorText(e));
                if (span != null) {
                    loop.at(loop.now().plus(span), "online " + node, () -> cluster.setStandby(node, false,
                            e.argAfter("on"), "online " + node));
                }
            }
            case "online" -> cluster.setStandby(node, false, e.argAfter("on"), operatorText(e));
            case "cleanup" -> cluster.cleanup(node, e.argAfter("on"), operatorText(e));
            case "property" -> {
                String[] kv = node.split("=", 2);
                cluster.setProperty(kv[0], kv[1], e.argAfter("on"), operatorText(e));
            }
            case "fence" -> cluster.fence(node, e.argAfter("on"), operatorText(e));
            case "attribute" -> {
                String[] kv = node.split("=", 2);
                String dampen = e.argAfter("dampen");
                cluster.updateAttribute(kv[0], kv[1], dampen == null ? Duration.ZERO
                        : TimelineEvent.duration(dampen, e.text()), e.argAfter("on"), operatorText(e));
            }
            case "fencing" -> {
                cluster.fencer().setFailing(true);
                if (span != null) {
                    loop.at(loop.now().plus(span), "fencing works again", () -> cluster.fencer().setFailing(false));
                }
            }
            default -> throw new IllegalArgumentException("unknown timeline event '" + e.text() + "'");
        }
    }

    /** An operator action as the results name it: the timeline line without its time. */
    static String operatorText(TimelineEvent e) {
        int at = e.text().lastIndexOf(" at ");
        return at < 0 ? e.text() : e.text().substring(0, at).trim();
    }

    /** Checks a timeline line before anything runs, so a typo is reported up front. */
    static TimelineEvent validate(TimelineEvent e) {
        if (!VERBS.contains(e.verb())) {
            throw new IllegalArgumentException("timeline event '" + e.text() + "': unknown event '" + e.verb()
                    + "' (expected one of " + new java.util.TreeSet<>(VERBS) + ")");
        }
        boolean needsNode = Set.of("crash", "power-on", "boot", "reboot", "resume", "slow", "standby", "online",
                "cleanup", "property", "fence", "attribute")
                .contains(e.verb()) || e.verb().equals("hang") && e.argAfter("of") == null;
        if (needsNode && e.args().isEmpty()) {
            throw new IllegalArgumentException("timeline event '" + e.text() + "': names no node or resource");
        }
        if (e.verb().equals("fail") && (e.args().isEmpty() || e.argAfter("of") == null)) {
            throw new IllegalArgumentException("timeline event '" + e.text()
                    + "': expected 'fail ACTION of RESOURCE [on NODE]'");
        }
        if (e.verb().equals("slow") && e.argAfter("factor") != null && !e.argAfter("factor").matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("timeline event '" + e.text() + "': factor must be a whole number"
                    + " from 1 (e.g. 'slow node2 factor 5 at 60s for 10m')");
        }
        if (e.verb().equals("property") && !e.args().get(0).matches("[A-Za-z0-9_-]+=.*")) {
            throw new IllegalArgumentException("timeline event '" + e.text()
                    + "': expected 'property NAME=VALUE [on NODE] at TIME'");
        }
        if (e.verb().equals("attribute") && !e.args().get(0).matches("[A-Za-z0-9_#:.-]+=.*")) {
            throw new IllegalArgumentException("timeline event '" + e.text()
                    + "': expected 'attribute NAME=VALUE [dampen TIME] [on NODE] at TIME'");
        }
        if (e.verb().equals("attribute") && e.argAfter("dampen") != null) {
            TimelineEvent.duration(e.argAfter("dampen"), e.text());
        }
        if (e.verb().equals("partition") && e.groups().isEmpty()) {
            throw new IllegalArgumentException("timeline event '" + e.text()
                    + "': expected 'partition [a,b] [c] at TIME'");
        }
        return e;
    }

    static List<String> nodeNames(Scenario s, Cib cib) {
        if (s.cluster() != null && !s.cluster().nodes().isEmpty()) {
            return s.cluster().nodes();
        }
        return cib.configuration().nodes().stream().map(Node::uname).toList();
    }

    static Cib ensureNodes(Cib cib, List<String> names) {
        List<Node> nodes = new ArrayList<>(cib.configuration().nodes());
        int next = nodes.size() + 1;
        for (String n : names) {
            if (cib.configuration().node(n).isEmpty()) {
                nodes.add(Node.of(Integer.toString(next++), n));
            }
        }
        return cib.withConfiguration(cib.configuration().withNodes(nodes));
    }

    private static Map<String, ResourceProfile> profiles(Scenario s, Configuration config) {
        Map<String, ResourceProfile> out = new LinkedHashMap<>();
        for (Primitive p : Resources.primitives(config.resources())) {
            ResourceProfile prof = ResourceProfile.forAgent(p.type());
            Scenario.ResourceSpec spec = s.resources().get(p.id());
            if (spec != null) {
                if (spec.memoryGb() != null) {
                    prof = prof.withMemoryGb(spec.memoryGb());
                }
                if (spec.start() != null) {
                    prof = prof.withStart(TimelineEvent.duration(spec.start(), p.id() + " start"));
                }
                if (spec.stop() != null) {
                    prof = prof.withStop(TimelineEvent.duration(spec.stop(), p.id() + " stop"));
                }
            }
            out.put(p.id(), prof);
        }
        return out;
    }

    static QuorumConfig quorum(Scenario.ClusterSpec spec, List<String> nodes) {
        QuorumConfig base = QuorumConfig.majority(nodes);
        Scenario.QuorumSpec q = spec == null ? null : spec.quorum();
        if (q == null) {
            return base;
        }
        return new QuorumConfig(base.nodes(), q.expectedVotes() == null ? 0 : q.expectedVotes(),
                Boolean.TRUE.equals(q.twoNode()), Boolean.TRUE.equals(q.waitForAll()),
                Boolean.TRUE.equals(q.lastManStanding()), null, Boolean.TRUE.equals(q.autoTieBreaker()), null);
    }

    private static void configureFencing(SimCluster cluster, Scenario.ClusterSpec spec) {
        Scenario.FencingSpec f = spec == null ? null : spec.fencing();
        if (f == null) {
            return;
        }
        cluster.fencer().configure(
                f.delay() == null ? Duration.ofSeconds(5) : TimelineEvent.duration(f.delay(), "fencing delay"),
                f.rebootTime() == null ? Duration.ofSeconds(60)
                        : TimelineEvent.duration(f.rebootTime(), "fencing reboot_time"));
        cluster.fencer().setFailing(Boolean.TRUE.equals(f.fails()));
    }

    private static void configureNetwork(SimCluster cluster, Scenario.ClusterSpec spec) {
        if (spec != null && (spec.latency() != null || spec.loss() != null)) {
            Duration latency = spec.latency() == null ? Duration.ofMillis(1)
                    : TimelineEvent.duration(spec.latency(), "latency");
            cluster.network().setLatency(latency, spec.loss() == null ? 0 : spec.loss());
        }
    }
}
