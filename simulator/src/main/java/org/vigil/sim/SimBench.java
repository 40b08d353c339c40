package org.vigil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil-sim bench}: simulated cluster-hours per wall-clock minute for a large cluster with a fault
 * every few simulated minutes (a benchmark command, not a test).
 */
@Command(name = "bench", description = "Measure simulation speed: simulated hours per wall-clock minute.")
final class SimBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "16")
    int nodes;

    @Option(names = "--resources", defaultValue = "200")
    int resources;

    @Option(names = "--hours", defaultValue = "24", description = "simulated hours per run")
    int hours;

    @Option(names = "--fault-every", defaultValue = "10m")
    String every;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--warmup", defaultValue = "5", description = "rounds run first and not counted (default"
            + " ${DEFAULT-VALUE}): the JIT compiler needs them; the first one shows the speed of a cold start")
    int warmup;

    @Option(names = "--rounds", defaultValue = "3",
            description = "measured rounds after the warm-up; their median is the result (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--jobs", defaultValue = "1", description = "simulations per round running at once on separate"
            + " threads (seeds SEED..SEED+JOBS-1), as 'vigil-sim run --runs N --jobs J' does")
    int jobs;

    @Option(names = "--trace", description = "print the last trace lines (debugging a violation)")
    int traceLines;

    @Option(names = "--save-cibs", description = "write the CIB of every DC decision to this directory")
    java.nio.file.Path saveCibs;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add(String.format(Locale.ROOT, "node%02d", i));
        }
        StringBuilder crm = new StringBuilder("property stonith-enabled=true\nproperty no-quorum-policy=stop\n"
                + "rsc_defaults resource-stickiness=100\n");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            String id = String.format(Locale.ROOT, "vm%03d", i);
            ids.add(id);
            crm.append("primitive ").append(id).append(" ocf:heartbeat:Dummy op monitor interval=30s")
                    .append(i % 3 == 0 ? " meta allow-migrate=true" : "").append('\n');
        }
        Configuration config = ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(crm.toString()),
                ConfigApplier.Mode.UPDATE);
        Cib cib = Cib.empty().withConfiguration(config);
        Scenario scenario = new Scenario("bench", null, new Scenario.ClusterSpec(names, 2, null,
                new Scenario.FencingSpec("5s", "2m", false), null, null), null, null, null, null, null, null, null);
        Duration total = Duration.ofHours(hours);
        if (rounds < 1 || jobs < 1 || warmup < 0) {
            spec.commandLine().getErr().println("vigil-sim bench: --rounds and --jobs must be at least 1, --warmup"
                    + " at least 0");
            return 2;
        }
        // every round simulates the same schedules: one per job, seeds SEED..SEED+JOBS-1
        List<List<TimelineEvent>> schedules = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            schedules.add(RandomFaults.generate(names, ids, TimelineEvent.duration(every, "fault-every"), total,
                    List.of("crash", "hang", "partition", "monitor"), 2, seed + i));
        }
        Cib withNodes = SimulationRun.ensureNodes(cib, names);
        out.printf(Locale.ROOT, "%d nodes x %d resources, %d faults (one every %s) in %d simulated hours per "
                + "simulation, %d simulation(s) per round%n", nodes, resources, schedules.get(0).size(), every,
                hours, jobs);
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= warmup + rounds; round++) {
            double rate = round(round <= warmup ? "warm-up " + round : "round " + (round - warmup), scenario,
                    withNodes, schedules, total, out);
            if (round > warmup) {
                rates.add(rate);
            }
        }
        rates.sort(null);
        out.printf(Locale.ROOT, "result: %.0f simulated cluster-hours per wall minute (median of %d rounds after "
                + "%d warm-up rounds)%n", rates.get(rates.size() / 2), rounds, warmup);
        return 0;
    }

    /** One round: {@code jobs} simulations at once; returns simulated cluster-hours per wall minute. */
    private double round(String round, Scenario scenario, Cib cib, List<List<TimelineEvent>> schedules,
            Duration total, java.io.PrintWriter out) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<SimulationRun.Result> results = new ArrayList<>();
        try (ParallelRuns<SimulationRun.Result> runs = new ParallelRuns<>(jobs, jobs,
                i -> SimulationRun.run(scenario, cib, schedules.get(i), total, seed + i, SimulationRun.Policy.vigil(),
                        new SimulationRun.Limits(50_000_000, traceLines > 0 ? 1_000_000 : 0, saveCibs)))) {
            for (int i = 0; i < jobs; i++) {
                results.add(runs.next());
            }
        }
        double wallMin = (System.nanoTime() - t0) / 60e9;
        double cpuMin = (threads.getCurrentThreadCpuTime() - cpu0) / 60e9;
        double simHours = 0;
        long events = 0;
        for (SimulationRun.Result r : results) {
            simHours += Duration.between(r.start(), r.end()).toSeconds() / 3600.0;
            events += r.events();
        }
        double rate = simHours / wallMin;
        out.printf(Locale.ROOT, "%s: simulated %.0f h (%d events) in %.2f s wall: %.0f simulated "
                + "cluster-hours per wall minute%s%n", round, simHours, events, wallMin * 60, rate,
                // on a shared machine the simulating thread's CPU time shows the speed without the others' load
                jobs == 1 ? String.format(Locale.ROOT, " (%.0f per CPU minute of the simulating thread)",
                        simHours / cpuMin) : "");
        SimulationRun.Result r = results.get(0);
        List<String> tr = r.trace();
        tr.subList(Math.max(0, tr.size() - traceLines), tr.size()).forEach(out::println);
        r.violation().ifPresent(v -> out.println("invariant violated at the end of the run: " + v.getMessage()));
        out.println("trace hash: " + r.traceHash() + (jobs > 1 ? "  (seed " + seed + ")" : ""));
        return rate;
    }
}
