package org.vigil.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.SharedCorpus;
import org.vigil.scheduler.Scheduler;

/**
 * Differential testing against the locally installed Pacemaker: {@code ../shared/tools/gen_differential.py}
 * writes random CIBs with Pacemaker's own answers (seed 42, the first 60), and Vigil's scheduler must agree
 * on at least 95% of them. Skips with a message where Python, crm_simulate or ../shared is missing.
 *
 * <p>The installed crm_simulate is Pacemaker 2.1.5, while the scheduler follows the newer Pacemaker that the
 * shared conformance cases come from. Where the two differ Vigil keeps the newer behaviour: 2.1.5 shuffles
 * anonymous clone instances between nodes when one moves (Move cl:0 n1 -> n2, Move cl:1 n2 -> n1; fixed by the
 * clone-recover-no-shuffle cases), applies a resource's colocations strictly in priority order (newer
 * Pacemaker applies the mandatory ones first) and words a blocked migration "unrunnable X stop" (now
 * "unmigrateable"). Those account for most remaining disagreements (both of these 60, and most of the 9 and 8
 * of 300 for seeds 42 and 7; see docs/scheduler.md).
 */
class DifferentialTest {
    private static final int CASES = 60;
    private static final long SEED = 42;

    @Test
    void schedulerAgreesWithLocalPacemakerOnRandomClusters() throws Exception {
        Path tool = SharedCorpus.sharedDir().resolve("tools/gen_differential.py");
        Assumptions.assumeTrue(Files.isRegularFile(tool), "skipped: " + tool + " not found (../shared is absent)");
        Assumptions.assumeTrue(onPath("crm_simulate"),
                "skipped: crm_simulate not installed (apt-get install pacemaker-cli-utils)");
        Assumptions.assumeTrue(onPath("python3"), "skipped: python3 not installed");
        Path dir = Path.of("target", "differential-" + SEED + "-" + CASES).toAbsolutePath();
        if (!Files.isDirectory(dir) || countSummaries(dir) < CASES) {
            Process p = new ProcessBuilder("python3", tool.toString(), dir.toString(), Integer.toString(CASES),
                    Long.toString(SEED)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "gen_differential.py took longer than 5 minutes");
            Assumptions.assumeTrue(p.exitValue() == 0, "skipped: gen_differential.py failed (exit "
                    + p.exitValue() + ")");
        }
        Scheduler scheduler = new Scheduler();
        List<String> disagreements = new ArrayList<>();
        int total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path xml : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                Path summary = Path.of(xml.toString().replaceAll("\\.xml$", ".summary"));
                if (!Files.isRegularFile(summary)) {
                    continue;
                }
                total++;
                Cib cib = CibXml.standard().read(xml).cib();
                Set<String> ours = fold(scheduler.schedule(cib, now(cib)).summary());
                Set<String> theirs = underTransitionSummary(Files.readAllLines(summary));
                if (!ours.equals(theirs)) {
                    disagreements.add(xml.getFileName().toString());
                }
            }
        }
        int agreed = total - disagreements.size();
        System.out.printf("differential (seed %d): %d passed, %d failed%n", SEED, agreed, disagreements.size());
        int agreedFinal = agreed;
        int totalFinal = total;
        assertTrue(total > 0, "no differential cases were generated");
        assertTrue(agreed * 100 >= total * 95, () -> "only " + agreedFinal + " of " + totalFinal
                + " agree with Pacemaker; disagreeing: " + disagreements);
    }

    private static Instant now(Cib cib) {
        String date = cib.attribute("execution-date");
        return date == null ? Instant.parse("2026-01-01T00:00:00Z") : Instant.ofEpochSecond(Long.parseLong(date));
    }

    private static long countSummaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".summary")).count();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> fold(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(l.trim().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    private static Set<String> underTransitionSummary(List<String> output) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String l : output) {
            if (l.startsWith("Transition Summary:")) {
                in = true;
                continue;
            }
            if (in && !l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                break;
            }
            if (in) {
                lines.add(l);
            }
        }
        return fold(lines);
    }
}
