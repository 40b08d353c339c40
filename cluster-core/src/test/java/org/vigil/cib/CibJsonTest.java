package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CibJsonTest {
    private final CibJson json = CibJson.standard();

    @Test
    void everySharedInputRoundTripsThroughJson() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Path> inputs = SharedCorpus.schedulerInputs();
        for (Path p : inputs) {
            Cib cib = CibXml.standard().read(p).cib();
            Cib back = json.read(json.write(cib), p.toString());
            if (!back.equals(cib)) {
                failures.add(p.getFileName().toString());
            }
        }
        System.out.printf("CIB JSON round trip: %d of %d shared inputs%n", inputs.size() - failures.size(),
                inputs.size());
        assertTrue(failures.isEmpty(), () -> "JSON round trip changed: " + failures);
    }

    @Test
    void variantsAreTaggedWithTheirPacemakerElementName() {
        Cib cib = Cib.empty().withConfiguration(Configuration.EMPTY
                .withResources(List.of(new Primitive("r1", "ocf", "heartbeat", "Dummy", null, null, null, null, null,
                        null)))
                .withConstraints(List.of(LocationConstraint.simple("loc1", "r1", "100", "node1"))));
        String text = json.write(cib);
        assertTrue(text.contains("\"kind\" : \"primitive\""), text);
        assertTrue(text.contains("\"kind\" : \"rsc_location\""), text);
    }

    @Test
    void malformedJsonIsAOneLineErrorNamingTheSource() {
        CibParseException e = assertThrows(CibParseException.class, () -> json.read("{\"attributes\": [", "wire"));
        assertTrue(e.getMessage().startsWith("wire:1: not a CIB in JSON"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
