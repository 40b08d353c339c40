package org.vigil.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Codecs of the SPI give back what they were given. */
class RoundTripProperties {
    @Provide
    Arbitrary<String> text() {
        // XML 1.0 text: printable characters including the ones that need escaping
        return Arbitraries.strings().withChars("abcXYZ019 _-.:/&<>\"'=é").ofMaxLength(30).map(String::strip);
    }

    @Provide
    Arbitrary<String> name() {
        return Arbitraries.strings().withChars("abcdefXYZ_0123").ofMinLength(1).ofMaxLength(12);
    }

    @Property(tries = 200)
    void metadataSurvivesRenderingAndParsing(@ForAll("name") String param, @ForAll("text") String desc,
            @ForAll("text") String def, @ForAll boolean required, @ForAll @IntRange(min = 1, max = 100000) int timeout) throws Exception {
        AgentMetadata md = new AgentMetadata("agent", "1.0", desc, desc,
                List.of(new ParameterSpec(param, "string", required, !required, false, required ? Optional.empty() : Optional.of(def), desc, desc)),
                List.of(ActionSpec.of("start", timeout), ActionSpec.monitor(timeout, 10)));
        AgentMetadata back = MetadataXml.parse("ocf:test:agent", MetadataXml.render(md));
        assertEquals(md.parameters(), back.parameters());
        assertEquals(md.actions(), back.actions());
        assertEquals(md.shortDesc(), back.shortDesc());
    }

    @Property
    void agentIdsParseWhatTheyPrint(@ForAll("name") String provider, @ForAll("name") String type) {
        AgentId ocf = AgentId.ocf(provider, type);
        assertEquals(ocf, AgentId.parse(ocf.toString()));
        AgentId stonith = AgentId.stonith(type);
        assertEquals(stonith, AgentId.parse(stonith.toString()));
    }

    @Property
    void durationsParseWhatTheyFormat(@ForAll @LongRange(min = 1, max = 10_000_000) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertEquals(d, OcfDurations.parse(OcfDurations.format(d)));
    }

    @Property
    void everyExitCodeMapsToAnOcfStatusAndOcfCodesMapToThemselves(@ForAll int code) {
        OcfStatus s = OcfStatus.fromExitCode(code);
        if (code >= 0 && code <= 9) {
            assertEquals(code, s.code());
        } else {
            assertEquals(OcfStatus.ERR_GENERIC, s);
        }
    }
}
