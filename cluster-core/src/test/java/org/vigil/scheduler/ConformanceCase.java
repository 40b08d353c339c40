package org.vigil.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;

/** One Pacemaker scheduler regression case: input CIB and the expected Transition Summary lines. */
record ConformanceCase(String name, Path xml, Path summary) {

    /** Lines under "Transition Summary:", white space folded, as a set. */
    static Set<String> summaryLines(List<String> lines) {
        Set<String> out = new TreeSet<>();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("Transition Summary:")) {
                in = true;
                continue;
            }
            if (in && !l.startsWith(" ") && !l.isBlank()) {
                break;
            }
            if (in && !l.isBlank()) {
                out.add(l.trim().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    static Set<String> fold(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(l.trim().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    Set<String> expected() throws IOException {
        return summaryLines(Files.readAllLines(summary));
    }

    /** "now" for the case: the CIB's execution-date when present (as crm_simulate uses it). */
    static Instant now(Cib cib) {
        String d = cib.attribute("execution-date");
        if (d != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(d.trim()));
            } catch (NumberFormatException e) {
                // fall through to the fixed instant
            }
        }
        return Instant.parse("2026-01-01T00:00:00Z");
    }

    Result run(Scheduler scheduler) throws IOException, org.vigil.cib.CibParseException {
        Cib cib = CibXml.standard().read(xml).cib();
        Transition t = scheduler.schedule(cib, now(cib));
        Set<String> actual = fold(t.summary());
        Set<String> expected = expected();
        return new Result(name, expected.equals(actual), expected, actual, new ArrayList<>(t.unsupported()));
    }

    record Result(String name, boolean passed, Set<String> expected, Set<String> actual, List<String> unsupported) {}
}
