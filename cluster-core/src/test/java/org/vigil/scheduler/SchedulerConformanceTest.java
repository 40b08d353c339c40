package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vigil.cib.SharedCorpus;

/**
 * The conformance ratchet: every shared Pacemaker case runs through the scheduler; a case listed in
 * passing-cases.txt that no longer passes fails the build.
 */
class SchedulerConformanceTest {
    private static final Path RATCHET = Path.of("src/test/resources/scheduler/passing-cases.txt");

    @Test
    void listedCasesStillPass() throws IOException {
        List<Path> inputs = SharedCorpus.schedulerInputs();
        Scheduler scheduler = new Scheduler();
        Set<String> passing = new TreeSet<>();
        List<String> report = new ArrayList<>();
        for (Path xml : inputs) {
            String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
            Path summary = xml.resolveSibling(name + ".summary");
            if (!Files.exists(summary)) {
                continue;
            }
            ConformanceCase.Result r;
            try {
                r = new ConformanceCase(name, xml, summary).run(scheduler);
            } catch (RuntimeException | org.vigil.cib.CibParseException e) {
                report.add("CRASH " + name + ": " + e);
                continue;
            }
            if (r.passed()) {
                passing.add(name);
            } else {
                Set<String> missing = new TreeSet<>(r.expected());
                missing.removeAll(r.actual());
                Set<String> extra = new TreeSet<>(r.actual());
                extra.removeAll(r.expected());
                report.add("FAIL " + name + (r.unsupported().isEmpty() ? "" : " [unsupported: " + r.unsupported() + "]"));
                missing.forEach(m -> report.add("   - " + m));
                extra.forEach(m -> report.add("   + " + m));
            }
        }
        Path out = Path.of("target/scheduler-conformance.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        Files.write(Path.of("target/scheduler-passing.txt"), passing);
        System.out.println("scheduler conformance: " + passing.size() + " passed, " + (inputs.size() - passing.size())
                + " failed (details in " + out + ")");
        Set<String> listed = new TreeSet<>();
        if (Files.exists(RATCHET)) {
            for (String l : Files.readAllLines(RATCHET)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    listed.add(l.trim());
                }
            }
        }
        Set<String> regressed = new TreeSet<>(listed);
        regressed.removeAll(passing);
        if (passing.size() > listed.size()) {
            System.out.println("More cases pass than " + RATCHET + " lists; update it with: "
                    + "cp cluster-core/target/scheduler-passing.txt cluster-core/" + RATCHET);
        }
        assertTrue(regressed.isEmpty(), "cases that used to pass now fail: " + regressed);
    }
}
