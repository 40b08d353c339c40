package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Lines recorded from their parts hash (and read) exactly as the same lines recorded whole. */
class TraceTest {
    @Provide
    Arbitrary<String> text() {
        // ASCII mostly, with Latin-1, other BMP characters, emoji (surrogate pairs) and lone surrogates
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("", "vm01_monitor_30000 on node03: rc=0", "caf\u00e9 \ud83d\ude00 ok", "a\ud83d",
                        "\ude00b", "x\ud83d\ud83dy", "\u20ac"));
    }

    @Property(tries = 500)
    void partsGiveTheHashAndLinesOfTheWholeLine(@ForAll @LongRange(min = -5, max = Long.MAX_VALUE) long millis,
            @ForAll("text") String node, @ForAll("text") String text) {
        Trace parts = new Trace(10);
        Trace whole = new Trace(10);
        parts.record(millis, text);
        whole.record(millis + " " + text);
        parts.record(millis, node, text);
        whole.record(millis + " " + node + ": " + text);
        parts.record(text);
        whole.record(text);
        assertEquals(whole.hash(), parts.hash());
        assertEquals(whole.lines(), parts.lines());
    }

    @Test
    void hashIsSha256OfTheLinesEachEndedByANewline() throws Exception {
        Trace t = new Trace(0);
        t.record(1767225600000L, "node01", "dispatch vm001_start_0 on node02");
        t.record(1767225600001L, "view node01 #1 [node01] quorate");
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(
                ("1767225600000 node01: dispatch vm001_start_0 on node02\n"
                        + "1767225600001 view node01 #1 [node01] quorate\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(expected), t.hash());
        assertEquals(List.of(), t.lines());
    }

    @Test
    void linesBeyondTheLimitAreHashedButNotKept() {
        Trace t = new Trace(1);
        t.record(1, "a");
        String first = t.hash();
        t.record(2, "n", "b");
        assertNotEquals(first, t.hash());
        assertEquals(List.of("1 a"), t.lines());
    }
}
