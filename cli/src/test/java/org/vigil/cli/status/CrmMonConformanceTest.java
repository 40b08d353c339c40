package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/**
 * The crm_mon ratchet: every shared Pacemaker scheduler input, under each option set of {@link #OPTIONS}, goes
 * through Pacemaker's installed {@code crm_mon} (the oracle, run here) and through Vigil's; with the "Last
 * updated" time blanked the outputs must be identical. A pair listed in crm-mon-passing.txt that no longer
 * matches fails the build.
 */
class CrmMonConformanceTest {
    private static final Path RATCHET = Path.of("src/test/resources/status/crm-mon-passing.txt");
    /** The option sets compared; each is run on every input. */
    static final List<String> OPTIONS = List.of("-1", "-1 -rf", "-1 -rA");

    record Answer(int code, String out) {}

    /** Pacemaker's crm_mon where Debian installs it (not Vigil's bin/crm_mon, which may be on PATH). */
    static Path crmMon() {
        Path debian = Path.of("/usr/sbin/crm_mon");
        Assumptions.assumeTrue(Files.isExecutable(debian),
                "skipped: Pacemaker's crm_mon is not installed at " + debian + " (Debian: pacemaker-cli-utils)");
        return debian;
    }

    static Answer pacemaker(Path crmMon, Path xml, String options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(crmMon.toString());
        cmd.addAll(List.of(options.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("CIB_file", xml.toString());
        env.put("TZ", "UTC");
        env.put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Answer(-1, "timed out");
        }
        return new Answer(p.exitValue(), blank(new String(out, StandardCharsets.UTF_8)));
    }

    static Answer vigil(Path tmp, Path xml, String options) {
        List<String> args = new ArrayList<>();
        args.add("crm_mon");
        args.addAll(List.of(options.split(" ")));
        CliRunner.Result r = new CliRunner(tmp).env("CIB_file", xml.toString()).env("TZ", "UTC")
                .run(args.toArray(new String[0]));
        return new Answer(r.code(), blank(r.out()));
    }

    /** The one line that depends on when the command ran. */
    static String blank(String s) {
        return s.replaceAll("(?m)^(  \\* Last updated:).*$", "$1 <blanked>");
    }

    @Test
    void listedPairsStillMatchPacemakersCrmMon(@TempDir Path tmp) throws Exception {
        Path crmMon = crmMon();
        Path dir = org.vigil.cli.status.StatusConformanceTest.cases();
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        // the oracle is a process per pair: run them side by side while Vigil answers in-process
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Answer>> expected = new ArrayList<>();
        for (Path xml : inputs) {
            for (String opts : OPTIONS) {
                expected.add(pool.submit(() -> pacemaker(crmMon, xml, opts)));
            }
        }
        Set<String> passing = new TreeSet<>();
        StringBuilder report = new StringBuilder();
        int i = 0;
        int pairs = 0;
        for (Path xml : inputs) {
            String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
            for (String opts : OPTIONS) {
                Answer want = expected.get(i++).get();
                Answer got;
                try {
                    got = vigil(tmp, xml, opts);
                } catch (RuntimeException e) {
                    got = new Answer(-2, "crash: " + e);
                }
                pairs++;
                String key = name + "\t" + opts;
                if (want.equals(got)) {
                    passing.add(key);
                } else {
                    report.append("== ").append(name).append(" [").append(opts).append("]\n");
                    firstDifference(want, got, report);
                }
            }
        }
        pool.shutdown();
        Path out = Path.of("target/crm-mon-conformance.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        Files.write(Path.of("target/crm-mon-passing.txt"), passing);
        System.out.println("crm_mon conformance: " + passing.size() + " of " + pairs
                + " (input, options) pairs match Pacemaker's crm_mon (details in " + out + ")");
        Set<String> listed = new TreeSet<>();
        if (Files.exists(RATCHET)) {
            for (String l : Files.readAllLines(RATCHET)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    listed.add(l);
                }
            }
        }
        Set<String> regressed = new TreeSet<>(listed);
        regressed.removeAll(passing);
        if (passing.size() > listed.size()) {
            System.out.println("More pairs match than " + RATCHET + " lists; update it with: "
                    + "cp cli/target/crm-mon-passing.txt cli/" + RATCHET);
        }
        assertTrue(regressed.isEmpty(), regressed.size() + " pairs that used to match now differ: " + regressed);
    }

    private static void firstDifference(Answer want, Answer got, StringBuilder report) {
        if (want.code() != got.code()) {
            report.append("  exit: want ").append(want.code()).append(", got ").append(got.code()).append('\n');
        }
        String[] w = want.out().split("\n", -1);
        String[] g = got.out().split("\n", -1);
        for (int j = 0; j < Math.max(w.length, g.length); j++) {
            String a = j < w.length ? w[j] : "<none>";
            String b = j < g.length ? g[j] : "<none>";
            if (!a.equals(b)) {
                report.append("  line ").append(j + 1).append("\n  want: ").append(a).append("\n  got:  ").append(b)
                        .append('\n');
                return;
            }
        }
    }
}
