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

    @Option(names = "--repeat", defaultValue = "1",
            description = "run the same simulation this many times in one JVM (later runs show the JIT-warm speed)")
    int repeat;

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
        List<TimelineEvent> faults = RandomFaults.generate(names, ids, TimelineEvent.duration(every, "fault-every"),
                total, List.of("crash", "hang", "partition", "monitor"), 2, seed);
        for (int i = 1; i < repeat; i++) {
            measure(scenario, cib, names, faults, total, out);
        }
        measure(scenario, cib, names, faults, total, out);
        return 0;
    }

    private void measure(Scenario scenario, Cib cib, List<String> names, List<TimelineEvent> faults, Duration total,
            java.io.PrintWriter out) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SimulationRun.Result r = SimulationRun.run(scenario, SimulationRun.ensureNodes(cib, names), faults, total,
                seed, SimulationRun.Policy.vigil(), new SimulationRun.Limits(50_000_000, traceLines > 0 ? 1_000_000 : 0, saveCibs));
        double wallMin = (System.nanoTime() - t0) / 60e9;
        double cpuMin = (threads.getCurrentThreadCpuTime() - cpu0) / 60e9;
        double simHours = Duration.between(r.start(), r.end()).toSeconds() / 3600.0;
        out.printf(Locale.ROOT, "%d nodes x %d resources, %d faults (one every %s), %d events%n", nodes, resources,
                faults.size(), every, r.events());
        out.printf(Locale.ROOT, "simulated %.1f h in %.2f s wall: %.0f simulated cluster-hours per wall minute%n",
                simHours, wallMin * 60, simHours / wallMin);
        // the machine is shared: CPU time of the simulating thread shows the speed without other load
        out.printf(Locale.ROOT, "simulating thread used %.2f s CPU: %.0f simulated cluster-hours per CPU minute%n",
                cpuMin * 60, simHours / cpuMin);
        List<String> tr = r.trace();
        tr.subList(Math.max(0, tr.size() - traceLines), tr.size()).forEach(out::println);
        r.violation().ifPresent(v -> out.println("invariant violated at the end of the run: " + v.getMessage()));
        out.println("trace hash: " + r.traceHash());
    }
}
