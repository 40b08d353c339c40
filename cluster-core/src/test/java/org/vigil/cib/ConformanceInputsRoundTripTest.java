package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Pacemaker regression input must parse, and writing it back must read to an equal model. */
class ConformanceInputsRoundTripTest {
    @Test
    void everySharedInputParsesAndRoundTrips() throws Exception {
        List<Path> inputs = SharedCorpus.schedulerInputs();
        List<String> failures = new ArrayList<>();
        int roundTripped = 0;
        for (Path p : inputs) {
            try {
                ParsedCib parsed = CibXml.standard().read(p);
                String written = CibXml.write(parsed.cib());
                Cib again = CibXml.parse(written);
                if (!again.equals(parsed.cib())) {
                    failures.add(p.getFileName() + ": model differs after round trip");
                } else if (!CibXml.write(again).equals(written)) {
                    failures.add(p.getFileName() + ": output is not stable");
                } else {
                    roundTripped++;
                }
            } catch (CibParseException e) {
                failures.add(e.getMessage());
            }
        }
        System.out.printf("CIB XML round trip: %d of %d shared inputs parse and round-trip%n", roundTripped,
                inputs.size());
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        assertEquals(inputs.size(), roundTripped);
    }

    @Test
    void sharedInputsLoseNoContent() throws Exception {
        // Anything the reader drops is reported as a warning; Pacemaker's own inputs must produce none.
        List<String> warnings = new ArrayList<>();
        for (Path p : SharedCorpus.schedulerInputs()) {
            warnings.addAll(CibXml.standard().read(p).warnings());
        }
        assertTrue(warnings.isEmpty(), () -> String.join("\n", warnings.subList(0, Math.min(20, warnings.size()))));
    }
}
