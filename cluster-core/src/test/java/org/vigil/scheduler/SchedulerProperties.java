package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vigil.cib.Cib;

/** Scheduler invariants over random small clusters. */
class SchedulerProperties {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] SCORES = {"INFINITY", "-INFINITY", "100", "-100"};

    /** A location preference: resource index, node index, score. */
    record Loc(int rsc, int node, String score) {}

    /** "dependent with primary"; dependent index is always greater, so colocations never form cycles. */
    record Coloc(int dependent, int primary, String score) {}

    record Cluster(int nodes, int resources, List<Integer> running, List<Loc> locations, List<Coloc> colocations) {
        Cib cib() {
            CibBuilder b = new CibBuilder();
            for (int n = 0; n < nodes; n++) {
                b.nodes("n" + n);
            }
            StringBuilder rs = new StringBuilder();
            for (int r = 0; r < resources; r++) {
                rs.append(CibBuilder.primitive("r" + r));
                int where = running.get(r);
                if (where >= 0 && where < nodes) {
                    b.running("r" + r, "n" + where);
                }
            }
            b.resources(rs.toString());
            StringBuilder cs = new StringBuilder();
            int i = 0;
            for (Loc l : locations) {
                if (l.rsc() < resources && l.node() < nodes) {
                    cs.append("<rsc_location id=\"l").append(i++).append("\" rsc=\"r").append(l.rsc())
                            .append("\" node=\"n").append(l.node()).append("\" score=\"").append(l.score())
                            .append("\"/>");
                }
            }
            for (Coloc c : colocations) {
                if (c.dependent() < resources && c.primary() < c.dependent()) {
                    cs.append("<rsc_colocation id=\"c").append(i++).append("\" rsc=\"r").append(c.dependent())
                            .append("\" with-rsc=\"r").append(c.primary()).append("\" score=\"").append(c.score())
                            .append("\"/>");
                }
            }
            b.constraints(cs.toString());
            return b.build();
        }
    }

    @Provide
    Arbitrary<Cluster> clusters() {
        Arbitrary<Integer> nodes = Arbitraries.integers().between(2, 4);
        Arbitrary<Integer> resources = Arbitraries.integers().between(1, 6);
        Arbitrary<List<Integer>> running = Arbitraries.integers().between(-1, 3).list().ofSize(6);
        Arbitrary<String> score = Arbitraries.of(SCORES);
        Arbitrary<Loc> loc = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 3), score).as(Loc::new);
        Arbitrary<Coloc> coloc = Combinators.combine(Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(0, 4), score).as(Coloc::new);
        return Combinators.combine(nodes, resources, running, loc.list().ofMaxSize(6), coloc.list().ofMaxSize(5))
                .as(Cluster::new);
    }

    @Property(tries = 200)
    void mandatoryColocationsAndBansAreNeverViolated(@ForAll("clusters") Cluster cluster) {
        Transition t = new Scheduler().schedule(cluster.cib(), NOW);
        for (Loc l : cluster.locations()) {
            if (l.rsc() < cluster.resources() && l.node() < cluster.nodes() && l.score().equals("-INFINITY")) {
                assertNotEquals("n" + l.node(), t.placements().get("r" + l.rsc()), "banned by " + l);
            }
        }
        for (Coloc c : cluster.colocations()) {
            if (c.dependent() >= cluster.resources() || c.primary() >= c.dependent()) {
                continue;
            }
            String dep = t.placements().get("r" + c.dependent());
            String pri = t.placements().get("r" + c.primary());
            if (dep == null) {
                continue;
            }
            if (c.score().equals("INFINITY")) {
                assertNotNull(pri, "r" + c.dependent() + " runs although its primary does not: " + c);
                assertEquals(pri, dep, "mandatory colocation " + c);
            } else if (c.score().equals("-INFINITY")) {
                assertNotEquals(pri, dep, "mandatory anti-colocation " + c);
            }
        }
    }

    @Property(tries = 100)
    void sameInputGivesSameOutput(@ForAll("clusters") Cluster cluster) {
        Cib cib = cluster.cib();
        Transition a = new Scheduler().schedule(cib, NOW);
        Transition b = new Scheduler().schedule(cib, NOW);
        assertEquals(a.summary(), b.summary());
        assertEquals(a.toText(), b.toText());
        assertEquals(a.placements(), b.placements());
    }
}
