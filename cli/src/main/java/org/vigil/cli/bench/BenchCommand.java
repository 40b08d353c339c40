package org.vigil.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm bench scheduler}: how long the scheduler takes, cold and warm, on a given CIB or on generated
 * clusters of growing size. Benchmarks are a command, not a test: numbers go in reports, not assertions.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Vigil's speed (benchmarks, not tests).",
        subcommands = {BenchCommand.SchedulerBench.class, NPlusOneBench.class, CommitBench.class, StartupBench.class},
        footer = {"", "Examples:", "  crm bench scheduler -x ../shared/bench/large-8-500.xml.gz",
            "  crm bench scheduler --nodes 32 --resources 1000,10000",
            "  crm bench n-plus-one --nodes 32 --resources 1000   (crm verify --n-plus-one)",
            "  crm bench commits --count 200        (against a running cluster)",
            "  crm bench startup                    (bin/crm_mon -1, whole process, median of 20)", "",
            "Exit codes: 0 measured, 1 the input could not be read, 2 usage error."})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "scheduler", mixinStandardHelpOptions = true,
            description = "Time the scheduler on a CIB (-x) or on generated clusters.",
            footer = {"", "Examples:", "  crm bench scheduler -x ../shared/bench/large-8-500.xml.gz",
                "  crm bench scheduler --nodes 32 --resources 1000,2000,5000,10000", "",
                "Exit codes: 0 measured, 1 the input could not be read, 2 usage error."})
    static final class SchedulerBench implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE", description = "a CIB (.xml or .xml.gz)")
        Path file;

        @Option(names = "--nodes", defaultValue = "32", description = "nodes of generated clusters")
        int nodes;

        @Option(names = "--resources", split = ",", defaultValue = "1000,2000,5000,10000",
                description = "resource counts of generated clusters")
        int[] resources;

        @Option(names = "--runs", defaultValue = "5", description = "timed runs after warm-up (median reported)")
        int runs;

        @Option(names = "--warmup", defaultValue = "5", description = "untimed runs first")
        int warmup;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            if (file != null) {
                Cib cib;
                long t0 = System.nanoTime();
                try {
                    cib = CibXml.standard().read(file).cib();
                } catch (CibParseException e) {
                    spec.commandLine().getErr().println("crm bench: " + e.getMessage());
                    return 1;
                }
                long parseMs = (System.nanoTime() - t0) / 1_000_000;
                out.printf(Locale.ROOT, "%s: parsed in %d ms%n", file, parseMs);
                measure(out, file.getFileName().toString(), cib);
                return 0;
            }
            out.printf(Locale.ROOT, "%-28s %10s %10s %10s %12s %10s%n", "cluster", "cold ms", "warm ms",
                    "ms/1000 rsc", "actions", "heap MiB");
            for (int n : resources) {
                Cib cib = new LargeCibGenerator(nodes, n, 1).afterNodeFailure();
                measure(out, nodes + " nodes x " + n + " resources", cib);
            }
            return 0;
        }

        private void measure(java.io.PrintWriter out, String label, Cib cib) {
            Scheduler scheduler = new Scheduler();
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            System.gc();
            long t0 = System.nanoTime();
            Transition t = scheduler.schedule(cib, now);
            long cold = (System.nanoTime() - t0) / 1_000_000;
            for (int i = 0; i < warmup; i++) {
                scheduler.schedule(cib, now);
            }
            long[] times = new long[Math.max(1, runs)];
            long peak = 0;
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                scheduler.schedule(cib, now);
                times[i] = (System.nanoTime() - s) / 1_000;
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
            }
            Arrays.sort(times);
            double warmMs = times[times.length / 2] / 1000.0;
            int rsc = org.vigil.cib.Resources.primitives(cib.configuration().resources()).size();
            out.printf(Locale.ROOT, "%-28s %10d %10.1f %10.1f %12d %10d%n", label, cold, warmMs,
                    warmMs * 1000.0 / Math.max(1, rsc), t.actions().size(), peak / (1024 * 1024));
        }
    }

}
