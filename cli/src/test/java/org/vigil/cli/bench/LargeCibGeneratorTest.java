package org.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibValidator;
import org.vigil.cib.CibXml;
import org.vigil.cib.Finding;
import org.vigil.cib.Resources;

class LargeCibGeneratorTest {
    @Test
    void sameSeedGivesTheSameCib() {
        assertEquals(CibXml.write(new LargeCibGenerator(4, 200, 7).afterNodeFailure()),
                CibXml.write(new LargeCibGenerator(4, 200, 7).afterNodeFailure()));
    }

    @Test
    void generatesTheRequestedPrimitivesPlusTheClone() {
        Cib cib = new LargeCibGenerator(8, 500, 1).afterNodeFailure();
        // 500 primitives in groups and alone, plus the clone's primitive
        assertEquals(501, Resources.primitives(cib.configuration().resources()).size());
        assertEquals(8, cib.configuration().nodes().size());
    }

    @Test
    void generatedCibIsValid() {
        Cib cib = new LargeCibGenerator(32, 2000, 3).afterNodeFailure();
        assertTrue(CibValidator.validate(cib).stream().noneMatch(Finding::isError),
                () -> CibValidator.validate(cib).toString());
    }

    @Test
    void firstNodeHasFailedAndTheOthersRunResources() {
        Cib cib = new LargeCibGenerator(4, 100, 1).afterNodeFailure();
        var first = cib.status().nodeState("node001").orElseThrow();
        assertEquals("false", first.inCcm());
        var second = cib.status().nodeState("node002").orElseThrow();
        assertTrue(second.lrm().resources().size() > 10);
    }
}
