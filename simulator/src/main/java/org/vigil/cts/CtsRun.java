package org.vigil.cts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vigil.ipc.ClusterState;

/** One run of the suite: the cluster up, the seeded faults one after the other, the report. */
final class CtsRun {
    /** Settings from the command line. */
    record Settings(Path root, Path work, int nodes, int faults, long seed, Set<FaultKind> kinds,
            Duration settleTimeout, boolean loopbackOnly, boolean keep) {}

    static final Duration START_LIMIT = Duration.ofSeconds(180);
    static final int GIVE_UP_AFTER = 3;

    private final Settings settings;
    private final PrintStream out;

    CtsRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs everything; returns the number of audit failures (setup failures throw). */
    int run() throws CtsException {
        out.println("vigil-cts: " + settings.nodes() + " nodes, " + settings.faults() + " faults, seed "
                + settings.seed() + "; working directory " + settings.work());
        // names and addresses must differ between runs on one host, also between two runs of one seed
        Random unique = new java.security.SecureRandom();
        CtsCluster cluster = CtsCluster.prepare(settings.root(), settings.work(), settings.nodes(),
                settings.keep(), settings.loopbackOnly(), unique, out);
        Thread hook = new Thread(() -> {
            // only Ctrl-C or SIGTERM get here: a finished run removes this hook before the JVM exits
            cluster.close();
            System.err.println("vigil-cts: interrupted; machines, network namespaces and rules removed");
        }, "vigil-cts cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        int failures = 0;
        boolean failed = true;
        try {
            Set<FaultKind> kinds = EnumSet.copyOf(settings.kinds());
            String noCuts = cluster.network().cutsUnavailable();
            if (noCuts != null) {
                out.println("partitions and ring losses are off: " + noCuts);
                kinds.removeIf(FaultKind::needsCuts);
            }
            CommitLedger ledger = new CommitLedger();
            FaultRunner runner = new FaultRunner(cluster, ledger, settings.settleTimeout());
            failures += start(cluster, runner);
            SettleStats stats = new SettleStats();
            FaultPlanner planner = new FaultPlanner(settings.seed(), kinds);
            int done = 0;
            int unsettledInARow = 0;
            for (int i = 1; i <= settings.faults(); i++) {
                FaultPlanner.Step step = planner.next(runner.facts(noCuts == null));
                FaultRunner.Result r = runner.run(step);
                if (cluster.isClosed()) {
                    return failures; // interrupted: what the fault saw was the clean-up
                }
                done++;
                failures += report(i, r);
                if (r.settleSeconds() != null) {
                    stats.settled(r.kind(), r.settleSeconds());
                    unsettledInARow = 0;
                } else {
                    stats.unsettled(r.kind());
                    runner.recover().forEach(line -> out.println("  recovery: " + line));
                    if (++unsettledInARow >= GIVE_UP_AFTER) {
                        out.println("stopping early: the cluster did not settle after " + GIVE_UP_AFTER
                                + " faults in a row");
                        break;
                    }
                }
            }
            out.println("settle time per fault kind (from the fault to the cluster settled):");
            stats.perKind().forEach(out::println);
            out.println("commits acknowledged: " + ledger.acknowledgedCount());
            if (failures > 0 && !settings.keep()) {
                out.println("audit failures: logs are in " + settings.work() + " (kept)");
            }
            out.println(stats.lastLine(done, failures));
            failed = failures > 0;
            return failures;
        } finally {
            out.flush();
            if (failed && !settings.keep()) {
                // the logs are what explains a failure: keep them, and say where they are (above)
                cluster.keepWorkDirectory();
            }
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs close() again, which does nothing the second time
            }
        }
    }

    /** Boots every node, waits for one membership, loads the configuration, waits for the cluster to settle. */
    private int start(CtsCluster cluster, FaultRunner runner) throws CtsException {
        Instant t0 = Instant.now();
        for (Machine m : cluster.machines) {
            cluster.boot(m);
        }
        String dc = awaitMembership(cluster);
        out.printf("cluster formed in %.1f s, DC %s%n", Duration.between(t0, Instant.now()).toMillis() / 1000.0, dc);
        Operator.Outcome o = cluster.operator.crm(cluster.machine(dc), "configure", "load", "update",
                cluster.configurationFile().toString());
        if (!o.ok()) {
            throw new CtsException("loading the configuration failed: " + o.summary());
        }
        Instant loaded = Instant.now();
        FaultRunner.Result r = runner.initialSettle(loaded, START_LIMIT);
        if (r.settleSeconds() == null || !r.findings().isEmpty()) {
            int f = report(0, r);
            throw new CtsException("the cluster did not settle after start-up (" + f + " audit failures); logs in "
                    + cluster.work);
        }
        out.printf("resources running %.1f s after the configuration was loaded%n", r.settleSeconds());
        return 0;
    }

    private String awaitMembership(CtsCluster cluster) throws CtsException {
        Instant deadline = Instant.now().plus(START_LIMIT);
        String last = "no daemon answered";
        while (Instant.now().isBefore(deadline)) {
            for (Machine m : cluster.machines) {
                if (!m.daemonAlive()) {
                    throw new CtsException("vigild on " + m.name + " exited during start-up (exit " + m.exitCode()
                            + "): " + String.join(" | ", m.logTail(5)));
                }
            }
            Map<String, ClusterState> states = cluster.probe.states();
            String dc = null;
            boolean all = states.size() == cluster.names.size();
            for (ClusterState s : states.values()) {
                all &= s.members().size() == cluster.names.size() && s.quorate() && s.dc() != null
                        && (dc == null || dc.equals(s.dc()));
                dc = s.dc();
                last = s.localNode() + " sees " + s.members() + ", DC " + s.dc();
            }
            if (all) {
                return dc;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CtsException("interrupted");
            }
        }
        throw new CtsException("the nodes did not form one cluster within " + START_LIMIT.toSeconds() + " s (" + last
                + ")");
    }

    private int report(int i, FaultRunner.Result r) {
        String head = i == 0 ? "start-up" : String.format("fault %3d/%d", i, settings.faults());
        String outcome = r.settleSeconds() == null ? "NOT SETTLED" : String.format("settled in %.2f s", r.settleSeconds());
        out.printf("%s %-14s %s: %s%s%n", head, r.kind(), r.what(), outcome,
                r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")");
        r.findings().forEach(f -> out.println("  AUDIT FAILURE: " + f));
        out.flush();
        return r.findings().size();
    }
}
