package org.vigil.cts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil-cts}: a live fault suite in the style of Pacemaker's CTS, against real vigild processes. */
@Command(name = "vigil-cts", mixinStandardHelpOptions = true, version = "vigil-cts 0.1.0",
        description = {"Starts N real vigild nodes (each in a network namespace of its own, or on 127.x.y.z when "
                + "namespaces cannot be made) with ocf:heartbeat:Dummy and ocf:pacemaker:Stateful resources and a fence "
                + "device, then injects a seeded random sequence of faults and audits the cluster after each: no "
                + "primitive active twice (from the agents' state files), every acknowledged commit kept, one CIB on "
                + "every node, quorum respected, every resource running again. Needs root for namespaces and nft."},
        footer = {"", "Fault kinds: kill-dc, kill-node, hang, partition-dc, partition-node, ring-loss, agent-failure,"
                + " sigterm, commit, standby (rejoin is always on: it brings down nodes back).", "",
            "Examples:", "  bin/vigil-cts --faults 20 --seed 7", "  bin/vigil-cts --nodes 3 --faults 100 --seed 1",
            "  bin/vigil-cts --faults 10 --kinds kill-node,partition-dc --keep", "",
            "The last line reads 'faults: N, audit failures: M, settle median X s, max Y s'.",
            "Exit codes: 0 no audit failure; 1 an audit failure (logs kept); 2 usage or set-up error."})
public final class CtsMain implements Callable<Integer> {
    @Option(names = "--nodes", description = "number of nodes, 3 to 7 (default ${DEFAULT-VALUE})", defaultValue = "3")
    int nodes;

    @Option(names = "--faults", description = "number of faults to inject (default ${DEFAULT-VALUE})", defaultValue = "20")
    int faults;

    @Option(names = "--seed", description = "seed of the fault sequence (default: a random one, printed)")
    Long seed;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "only these fault kinds (comma separated; default: all)")
    List<String> kinds;

    @Option(names = "--settle-timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "how long a fault may take to settle before it is an audit failure (default ${DEFAULT-VALUE})")
    int settleTimeout;

    @Option(names = "--no-netns", description = "do not use network namespaces: all nodes on this host's loopback")
    boolean noNetns;

    @Option(names = "--work", paramLabel = "DIR",
            description = "working directory (logs, state); must be empty or absent (default: a new one under /tmp)")
    Path work;

    @Option(names = "--keep", description = "keep the working directory (it is always kept after an audit failure)")
    boolean keep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    static int run(PrintStream out, String... args) {
        CommandLine cl = new CommandLine(new CtsMain());
        cl.setOut(new java.io.PrintWriter(out, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try {
            CtsRun.Settings s = settings();
            int failures = new CtsRun(s, out).run();
            return failures == 0 ? 0 : 1;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (CtsException e) {
            out.flush();
            System.err.println("vigil-cts: " + e.getMessage());
            return 2;
        }
    }

    CtsRun.Settings settings() throws CtsException {
        if (nodes < 3 || nodes > 7) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes must be 3 to 7, not " + nodes);
        }
        if (faults < 0 || faults > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--faults must be 0 to 100000, not " + faults);
        }
        if (settleTimeout < 10 || settleTimeout > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--settle-timeout must be 10 to 3600 seconds, not " + settleTimeout);
        }
        Set<FaultKind> chosen = EnumSet.allOf(FaultKind.class);
        if (kinds != null) {
            chosen = EnumSet.noneOf(FaultKind.class);
            for (String k : kinds) {
                FaultKind kind = FaultKind.byLabel(k.strip()).orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "--kinds: unknown fault kind '" + k + "'; known: " + Stream.of(
                                FaultKind.values()).map(f -> f.label).collect(Collectors.joining(", "))));
                chosen.add(kind);
            }
        }
        Path root = Path.of(System.getProperty("vigil.home", ".")).toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("bin/vigild"))) {
            throw new CtsException("bin/vigild not found under " + root + " (set -Dvigil.home, as bin/vigil-cts does)");
        }
        Path dir;
        try {
            if (work == null) {
                dir = Files.createTempDirectory("vigil-cts.");
            } else {
                dir = work.toAbsolutePath().normalize();
                Files.createDirectories(dir);
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new CtsException("--work " + dir + " is not empty");
                    }
                }
            }
        } catch (IOException e) {
            throw new CtsException("cannot make the working directory: " + e.getMessage());
        }
        long s = seed != null ? seed : new SecureRandom().nextInt(1_000_000);
        return new CtsRun.Settings(root, dir, nodes, faults, s, chosen, Duration.ofSeconds(settleTimeout), noNetns,
                keep);
    }
}
