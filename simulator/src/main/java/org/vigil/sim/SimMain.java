package org.vigil.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cib.Primitive;
import org.vigil.cib.Resources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil-sim}: run failure scenarios against Vigil's real controller and scheduler in virtual time. */
@Command(name = "vigil-sim", mixinStandardHelpOptions = true, version = "vigil-sim 0.1.0",
        description = "Deterministic failure simulator: runs Vigil's controller and scheduler against simulated"
                + " nodes, networks and agents in virtual time, checking safety invariants after every event.",
        subcommands = {SimMain.Run.class, SimMain.ListScenarios.class, SimBench.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  vigil-sim list", "  vigil-sim run isp-power-off",
            "  vigil-sim run my-scenario.yaml --seed 7 --report report.txt",
            "  vigil-sim run xen-4node-iscsi --runs 100", "",
            "Exit codes: 0 every run met its expectations and invariants; 1 a violation or unmet expectation;"
                    + " 2 usage or scenario error."})
public final class SimMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new SimMain()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Print the built-in scenarios, one per line, name first.")
    static final class ListScenarios implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (String name : ScenarioLoader.builtinNames()) {
                String description = "";
                try {
                    String d = ScenarioLoader.load(name).scenario().description();
                    description = d == null ? "" : d.strip().split("\n")[0];
                } catch (ScenarioLoader.ScenarioException e) {
                    description = "(broken: " + e.getMessage() + ")";
                }
                spec.commandLine().getOut().printf("%-32s %s%n", name, description);
            }
            return 0;
        }
    }

    @Command(name = "run", description = "Run a built-in scenario or a scenario file.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SCENARIO|FILE", description = "a name from 'vigil-sim list' or a YAML/JSON file")
        String scenario;

        @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})", defaultValue = "1")
        long seed;

        @Option(names = "--runs", description = "runs with seeds SEED..SEED+N-1, each adding random faults",
                defaultValue = "1")
        int runs;

        @Option(names = "--jobs", defaultValue = "1", description = "with --runs: simulate this many seeds at once"
                + " on separate threads (each run stays deterministic; output comes in seed order)")
        int jobs;

        @Option(names = "--report", paramLabel = "FILE", description = "write the full report of the (first failing)"
                + " run here; a FILE ending in .html gets a self-contained page with the availability chart")
        Path report;

        @Option(names = "--trace", description = "print the event trace of a single run")
        boolean printTrace;

        @Option(names = "--save-cibs", paramLabel = "DIR",
                description = "write the CIB of every transition's decision to DIR (replay with crm simulate -x)")
        Path saveCibs;

        @Override
        public Integer call() throws IOException {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            ScenarioLoader.Loaded loaded;
            try {
                loaded = ScenarioLoader.load(scenario);
            } catch (ScenarioLoader.ScenarioException e) {
                err.println("vigil-sim: " + e.getMessage());
                return 2;
            }
            if (runs < 1) {
                err.println("vigil-sim: --runs must be at least 1");
                return 2;
            }
            if (jobs < 1) {
                err.println("vigil-sim: --jobs must be at least 1");
                return 2;
            }
            List<String> resources = Resources.primitives(loaded.cib().configuration().resources()).stream()
                    .map(Primitive::id).toList();
            List<String> nodes = SimulationRun.nodeNames(loaded.scenario(), loaded.cib());
            String name = loaded.scenario().name() == null ? scenario : loaded.scenario().name();
            int failures = 0;
            String firstFailing = null;
            String last = null;
            String firstFailingHtml = null;
            String lastHtml = null;
            boolean html = report != null && report.getFileName() != null
                    && report.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".html");
            ParallelRuns<SimulationRun.Result> results = new ParallelRuns<>(runs, Math.min(jobs, runs), i -> {
                long s = seed + i;
                return SimulationRun.run(loaded.scenario(), loaded.cib(), timeline(loaded, resources, nodes, s),
                        loaded.duration(), s, SimulationRun.Policy.vigil(),
                        SimulationRun.Limits.DEFAULT.withSaveCibs(runs == 1 ? saveCibs : null));
            });
            try {
                for (int i = 0; i < runs; i++) {
                    long s = seed + i;
                    SimulationRun.Result r = results.next();
                    String text = Report.text(name, s, r, resources, nodes, clonedPrimitives(loaded));
                    if (runs == 1) {
                        if (printTrace) {
                            r.trace().forEach(out::println);
                            out.println();
                        }
                        out.print(text);
                    }
                    last = text + "\ntrace:\n" + String.join("\n", r.trace()) + "\n";
                    lastHtml = html ? HtmlReport.html(name, s, r, resources, nodes, clonedPrimitives(loaded))
                            : null;
                    if (!r.passed()) {
                        failures++;
                        firstFailing = firstFailing == null ? last : firstFailing;
                        firstFailingHtml = firstFailingHtml == null ? lastHtml : firstFailingHtml;
                        if (runs > 1) {
                            out.println("seed " + s + ": FAILED " + r.violation().map(Throwable::getMessage)
                                    .orElse(String.join("; ", r.failedExpectations())));
                            List<TimelineEvent> minimal = Shrinker.shrink(loaded,
                                    timeline(loaded, resources, nodes, s), s);
                            out.println("  smallest failing schedule (" + minimal.size() + " events):");
                            minimal.forEach(e -> out.println("    " + e.text()));
                        }
                    }
                    out.println("trace hash: " + r.traceHash() + (runs > 1 ? "  (seed " + s + ")" : ""));
                }
            } finally {
                results.close();
            }
            if (runs > 1) {
                out.printf("%d runs, %d failed%n", runs, failures);
            }
            if (report != null) {
                if (html) {
                    Files.writeString(report, firstFailingHtml != null ? firstFailingHtml : lastHtml);
                } else {
                    Files.writeString(report, firstFailing != null ? firstFailing : last);
                }
            }
            return failures == 0 ? 0 : 1;
        }
    }

    static java.util.Set<String> clonedPrimitives(ScenarioLoader.Loaded loaded) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (var r : loaded.cib().configuration().resources()) {
            if (r instanceof org.vigil.cib.Clone c && c.child() != null) {
                Resources.primitives(List.of(c.child())).forEach(p -> out.add(p.id()));
            }
        }
        return out;
    }

    static List<TimelineEvent> timeline(ScenarioLoader.Loaded loaded, List<String> resources, List<String> nodes,
            long seed) {
        List<TimelineEvent> timeline = new ArrayList<>(loaded.timeline());
        Scenario.RandomFaults rf = loaded.scenario().random();
        if (rf != null) {
            Duration every = TimelineEvent.duration(rf.every() == null ? "10m" : rf.every(), "random.every");
            int rings = loaded.scenario().cluster() == null || loaded.scenario().cluster().rings() == null ? 1
                    : loaded.scenario().cluster().rings();
            timeline.addAll(RandomFaults.generate(nodes, resources, every, loaded.duration(), rf.kinds(), rings,
                    seed));
        }
        return timeline;
    }
}
