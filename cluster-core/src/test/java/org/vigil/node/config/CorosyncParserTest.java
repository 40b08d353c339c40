package org.vigil.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorosyncParserTest {
    @Test
    void nestedSectionsKeepSettingsAndLines() throws ConfigException {
        ConfSection root = CorosyncParser.parse("""
                # comment
                totem {
                    version: 2
                    interface {
                        member {
                            memberaddr: 10.0.0.1
                        }
                    }
                }
                """, "c.conf");
        ConfSection totem = root.sections("totem").get(0);
        assertEquals(2, totem.line());
        assertEquals(new ConfSection.Setting("version", "2", 3), totem.setting("version").orElseThrow());
        ConfSection member = totem.sections("interface").get(0).sections("member").get(0);
        assertEquals("10.0.0.1", member.setting("memberaddr").orElseThrow().value());
    }

    @Test
    void valuesKeepInnerSpacesAndColons() throws ConfigException {
        ConfSection root = CorosyncParser.parse("logging {\n logfile: /var/log/a b:c.log\n}\n", "c.conf");
        assertEquals("/var/log/a b:c.log", root.sections("logging").get(0).setting("logfile").orElseThrow().value());
    }

    @Test
    void unclosedSectionNamesItsOpeningLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CorosyncParser.parse("totem {\n version: 2\nquorum {\n}\n", "c.conf"));
        assertEquals("c.conf:1: section 'totem' is not closed: expected '}' before the end of the file", e.getMessage());
    }

    @Test
    void strayClosingBraceIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> CorosyncParser.parse("totem {\n}\n}\n", "c.conf"));
        assertEquals("c.conf:3: unexpected '}': no section is open", e.getMessage());
    }

    @Test
    void lineWithoutColonIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CorosyncParser.parse("totem {\n  token 3000\n}\n", "c.conf"));
        assertEquals("c.conf:2: expected 'key: value', 'section {' or '}', got 'token 3000'", e.getMessage());
    }

    @Test
    void errorMessagesAreOneLine() {
        for (String bad : List.of("a {", "}", "x", "k: {", "{")) {
            ConfigException e = assertThrows(ConfigException.class, () -> CorosyncParser.parse(bad, "f"));
            assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        }
    }
}
