package org.vigil.cli.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.cli.CliRunner;

/**
 * Differential check against Pacemaker: the node and resource lists of {@code crm status} on each shared
 * scheduler input, compared with the "Current cluster status" Pacemaker's crm_simulate printed for it
 * (same formatter as crm_mon). A ratchet: the number of matching cases may only go up.
 */
class StatusConformanceTest {
    /**
     * Raise when more cases match. The .summary files come from a newer Pacemaker than the 2.1.5 whose crm_mon
     * Vigil follows (CrmMonConformanceTest), so a few layouts differ on purpose.
     */
    static final int BASELINE = 518;

    static Path cases() {
        String prop = System.getProperty("vigil.shared.dir");
        Path dir = Path.of(prop != null ? prop : "../../shared").toAbsolutePath().normalize()
                .resolve("conformance/pacemaker-scheduler");
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: Pacemaker cases not found at " + dir);
        return dir;
    }

    /** The expected block: Pacemaker's "Current cluster status" section, lines as printed. */
    static List<String> expected(String summary) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : summary.split("\n", -1)) {
            if (line.equals("Current cluster status:")) {
                in = true;
                continue;
            }
            if (in && !line.startsWith(" ") && !line.isEmpty()) {
                break;
            }
            if (in && !line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Our node and resource sections, indented the way crm_simulate nests them. */
    static List<String> actual(String status) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : status.split("\n", -1)) {
            if (line.equals("Node List:") || line.equals("Full List of Resources:")) {
                in = true;
                out.add("  * " + line);
                continue;
            }
            if (line.isEmpty() || !line.startsWith(" ")) {
                in = false;
                continue;
            }
            if (in) {
                out.add("  " + line);
            }
        }
        return out;
    }

    @Test
    void nodeAndResourceListsMatchPacemaker(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path dir = cases();
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int match = 0;
        StringBuilder report = new StringBuilder();
        for (Path xml : inputs) {
            Path summary = Path.of(xml.toString().replaceFirst("\\.xml$", ".summary"));
            if (!Files.exists(summary)) {
                continue;
            }
            List<String> want = expected(Files.readString(summary));
            CliRunner.Result r = new CliRunner(tmp).env("CIB_file", xml.toString()).run("status");
            List<String> got = actual(r.out());
            if (want.equals(got)) {
                match++;
            } else {
                report.append("== ").append(xml.getFileName()).append('\n');
                for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
                    String w = i < want.size() ? want.get(i) : "<none>";
                    String g = i < got.size() ? got.get(i) : "<none>";
                    if (!w.equals(g)) {
                        report.append("  want: ").append(w).append("\n  got:  ").append(g).append('\n');
                        break;
                    }
                }
                if (r.code() != 0) {
                    report.append("  exit ").append(r.code()).append(": ").append(r.err().trim()).append('\n');
                }
            }
        }
        Path out = Path.of("target/status-conformance.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("crm status conformance: " + match + " of " + inputs.size()
                + " match Pacemaker's node and resource lists (details in " + out + ")");
        assertTrue(match >= BASELINE, "regressed: " + match + " < " + BASELINE);
    }
}
