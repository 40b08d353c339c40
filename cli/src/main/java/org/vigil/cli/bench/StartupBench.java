package org.vigil.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crm bench startup}: the whole-process time of a command as scripts see it (fork, JVM start, the
 * command, exit), run many times one after the other; the median is the figure to report.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = {"Time a whole command process, start to exit, many times (median reported).",
            "Default: bin/crm_mon -1 with CIB_file=docs/examples/isp-drbd-ocfs2.xml."},
        footer = {"", "Examples:", "  crm bench startup", "  crm bench startup --runs 50 -- bin/crm status",
            "  crm bench startup -- /usr/sbin/crm_mon -1        (Pacemaker's, for comparison)", "",
            "Exit codes: 0 measured, 1 the command could not be run or failed, 2 usage error."})
final class StartupBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE",
            description = "CIB_file for the command (default docs/examples/isp-drbd-ocfs2.xml)")
    Path file;

    @Option(names = "--runs", defaultValue = "20", description = "timed runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed runs first (page cache, archive)")
    int warmup;

    @Parameters(paramLabel = "COMMAND", description = "the command line to time (default: bin/crm_mon -1)")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1 and --warmup >= 0");
        }
        Path home = Path.of(System.getProperty("vigil.home", ".")).toAbsolutePath().normalize();
        List<String> cmd = command.isEmpty() ? List.of(home.resolve("bin/crm_mon").toString(), "-1") : command;
        Path cib = file != null ? file.toAbsolutePath() : home.resolve("docs/examples/isp-drbd-ocfs2.xml");
        if (!Files.isRegularFile(cib)) {
            err.println("crm bench: no CIB file at " + cib + " (give one with -x)");
            return 1;
        }
        long[] ms = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            long t0 = System.nanoTime();
            int code;
            try {
                code = run(cmd, cib);
            } catch (IOException e) {
                err.println("crm bench: cannot run " + String.join(" ", cmd) + ": " + e.getMessage());
                return 1;
            }
            long elapsed = System.nanoTime() - t0;
            if (code != 0) {
                err.println("crm bench: " + String.join(" ", cmd) + " exited with " + code);
                return 1;
            }
            if (i >= 0) {
                ms[i] = elapsed;
            }
        }
        Arrays.sort(ms);
        double p90 = ms[(int) Math.ceil(runs * 0.9) - 1] / 1e6;
        out.printf(Locale.ROOT, "%s (CIB_file=%s): %d runs, median %.1f ms, min %.1f ms, p90 %.1f ms, max %.1f ms%n",
                String.join(" ", cmd), cib, runs, ms[runs / 2] / 1e6, ms[0] / 1e6, p90, ms[runs - 1] / 1e6);
        return 0;
    }

    private static int run(List<String> cmd, Path cib) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CIB_file", cib.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
