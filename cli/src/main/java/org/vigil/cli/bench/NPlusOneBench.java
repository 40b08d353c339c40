package org.vigil.cli.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.capacity.CapacityProof;
import org.vigil.capacity.ProofReport;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.cib.NodeState;
import org.vigil.scheduler.Scheduler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm bench n-plus-one}: how long the N+1 capacity proof of {@code crm verify --n-plus-one} takes
 * (one scheduler run for the settled cluster plus one per failure), on a CIB or on generated clusters.
 */
@Command(name = "n-plus-one", mixinStandardHelpOptions = true,
        description = {"Time the N+1 capacity proof (crm verify --n-plus-one) on a CIB (-x) or on generated",
            "clusters with every node up and every resource running."},
        footer = {"", "Examples:", "  crm bench n-plus-one --nodes 32 --resources 1000",
            "  crm bench n-plus-one --pairs --nodes 8 --resources 500",
            "  crm bench n-plus-one -x ../shared/bench/large-8-500.xml.gz", "",
            "Columns: failures = failure cases proven (nodes, plus pairs with --pairs); runs = scheduler runs",
            "per proof; cold s = first proof in this JVM; warm s = median proof after warm-up (wall clock);",
            "cpu s = median CPU time of this thread per warm proof (comparable on a loaded machine); ms/run =",
            "warm s per scheduler run; losing = failure cases that would lose resources.", "",
            "Exit codes: 0 measured, 1 the input could not be read, 2 usage error."})
final class NPlusOneBench implements Callable<Integer> {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE", description = "a CIB (.xml or .xml.gz)")
    Path file;

    @Option(names = "--nodes", defaultValue = "32", description = "nodes of generated clusters (default 32)")
    int nodes;

    @Option(names = "--resources", split = ",", defaultValue = "1000",
            description = "resource counts of generated clusters (default 1000)")
    int[] resources;

    @Option(names = "--pairs", description = "also every pair of nodes (N+2)")
    boolean pairs;

    @Option(names = "--runs", defaultValue = "3", description = "timed proofs after warm-up (median reported)")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed proofs first")
    int warmup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Cib given = null;
        if (file != null) {
            try {
                given = CibXml.standard().read(file).cib();
            } catch (CibParseException e) {
                spec.commandLine().getErr().println("crm bench: " + e.getMessage());
                return 1;
            }
        }
        out.printf(Locale.ROOT, "%-28s %9s %6s %9s %9s %9s %9s %8s%n", "cluster", "failures", "runs", "cold s",
                "warm s", "cpu s", "ms/run", "losing");
        if (given != null) {
            measure(out, file.getFileName().toString(), given);
            return 0;
        }
        for (int n : resources) {
            measure(out, nodes + " nodes x " + n + " resources", allUp(new LargeCibGenerator(nodes, n, 1)
                    .afterNodeFailure()));
        }
        return 0;
    }

    /** The generated cluster with its failed first node back: every node up, every resource running. */
    private static Cib allUp(Cib cib) {
        NodeState failed = cib.status().nodeStates().get(0);
        return cib.withStatus(cib.status().withNodeState(new NodeState(failed.id(), failed.uname(), "true", "online",
                "member", "member", failed.otherAttributes(), failed.transientAttributes(), failed.lrm(),
                failed.extras())));
    }

    private void measure(PrintWriter out, String label, Cib cib) {
        CapacityProof proof = new CapacityProof(new Scheduler());
        int depth = pairs ? 2 : 1;
        long t0 = System.nanoTime();
        ProofReport report = proof.prove(cib, NOW, depth);
        double cold = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < warmup; i++) {
            proof.prove(cib, NOW, depth);
        }
        double[] times = new double[Math.max(1, runs)];
        double[] cpu = new double[times.length];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < times.length; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            proof.prove(cib, NOW, depth);
            times[i] = (System.nanoTime() - s) / 1e9;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e9;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        double warm = times[times.length / 2];
        out.printf(Locale.ROOT, "%-28s %9d %6d %9.2f %9.2f %9.2f %9.1f %8d%n", label, report.outcomes().size(),
                report.schedulerRuns(), cold, warm, cpu[cpu.length / 2], warm * 1000 / report.schedulerRuns(),
                report.unsurvivable().size());
        out.flush();
    }
}
