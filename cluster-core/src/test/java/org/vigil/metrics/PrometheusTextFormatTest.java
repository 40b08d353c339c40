package org.vigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextFormatTest {
    @Test
    void readsFamiliesWithEscapedLabels() {
        var f = PrometheusTextFormat.parse("""
                # HELP x_total Things.
                # TYPE x_total counter
                x_total{a="q\\"uo\\\\te",b="n\\nl"} 3
                # TYPE g gauge
                g 1.5e3
                """);
        assertEquals(Map.of("a", "q\"uo\\te", "b", "n\nl"), f.get("x_total").samples().get(0).labels());
        assertEquals(1500.0, f.get("g").samples().get(0).value());
    }

    @Test
    void refusesWhatTheGrammarForbids() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("1bad 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("a{b=\"c\" 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("a{b=\"\\t\"} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("a one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("a 1\nb 1\na{x=\"1\"} 2\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("a 1\na 2\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("# TYPE h histogram\nh 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextFormat.parse("a 1"));
    }
}
