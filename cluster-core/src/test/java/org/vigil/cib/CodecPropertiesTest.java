package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

class CodecPropertiesTest {
    @Provide
    Arbitrary<Cib> cibs() {
        return RandomCibs.cibs();
    }

    @Property(tries = 300)
    void xmlRoundTripGivesTheSameModel(@ForAll("cibs") Cib cib) throws Exception {
        assertEquals(cib, CibXml.parse(CibXml.write(cib)));
    }

    @Property(tries = 300)
    void sameModelWritesSameBytes(@ForAll("cibs") Cib cib) throws Exception {
        String once = CibXml.write(cib);
        assertEquals(once, CibXml.write(CibXml.parse(once)));
    }

    @Property(tries = 300)
    void jsonRoundTripGivesTheSameModel(@ForAll("cibs") Cib cib) throws Exception {
        CibJson json = CibJson.standard();
        assertEquals(cib, json.read(json.write(cib), "generated"));
    }

    @Property(tries = 200)
    void applyingTheDiffOfTwoCibsTurnsTheFirstIntoTheSecond(@ForAll("cibs") Cib a, @ForAll("cibs") Cib b)
            throws Exception {
        assertEquals(b, CibDiff.apply(a, CibDiff.between(a, b)));
    }

    @Property(tries = 100)
    void aCibHasNoDifferencesWithItself(@ForAll("cibs") Cib a) {
        assertEquals(java.util.List.of(), CibDiff.between(a, a));
    }
}
