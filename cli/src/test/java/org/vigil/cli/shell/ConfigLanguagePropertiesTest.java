package org.vigil.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vigil.cib.Configuration;

/** The configure language's printer and parser are inverse on everything the language can express. */
class ConfigLanguagePropertiesTest {
    @Property(tries = 400)
    void printThenParseGivesTheSameConfiguration(@ForAll long seed) {
        Configuration original = new ConfigGenerator(seed).configuration();
        String text = ConfigPrinter.print(original);
        assertFalse(text.contains("\nxml ") || text.startsWith("xml "), "fell back to xml:\n" + text);
        Configuration parsed = ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(text),
                ConfigApplier.Mode.CREATE);
        assertEquals(original, parsed, text);
        assertEquals(text, ConfigPrinter.print(parsed));
    }

    @Provide
    Arbitrary<List<String>> tokenStreams() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(ConfigParser.KEYWORDS),
                Arbitraries.of("params", "meta", "op", "rule", "and", "or", "inf:", "-inf:", "100:", "(", ")", "[",
                        "]", "{", "}", "a=b", "$id=x", "$role=Master", "monitor", "interval=10", "date", "in",
                        "spec", "gt", "defined", "#uname", "eq", "vm01", "vm02", "ocf:heartbeat:Xen", "Mandatory:",
                        "A:Master", "B:start", "x:", ":", "=", "\"", "'", "\\", ""),
                Arbitraries.strings().ofMaxLength(6));
        return token.list().ofMaxSize(14);
    }

    @Property(tries = 2000)
    void randomTokenStreamsEitherParseOrFailWithASyntaxError(@ForAll("tokenStreams") List<String> words) {
        List<String> all = new ArrayList<>(words);
        try {
            Statement s = ConfigParser.parseArguments(all);
            ConfigApplier.apply(Configuration.EMPTY, List.of(s), ConfigApplier.Mode.UPDATE);
        } catch (ShellSyntaxException e) {
            assertFalse(e.getMessage().isBlank());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Property(tries = 2000)
    void randomTextEitherParsesOrFailsWithALineNumber(@ForAll("tokenStreams") List<String> words,
            @ForAll boolean newlines) {
        String text = String.join(newlines ? "\n" : " ", words);
        try {
            ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(text), ConfigApplier.Mode.UPDATE);
        } catch (ShellSyntaxException e) {
            assertFalse(e.describe("f").isBlank());
        }
    }
}
