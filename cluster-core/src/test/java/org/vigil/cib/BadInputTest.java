package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever arrives, the reader answers with one line naming the source and line, never a stack trace. */
class BadInputTest {
    private static final String MINIMAL = "<cib epoch=\"1\">\n<configuration>\n<crm_config/>\n<nodes/>\n"
            + "<resources/>\n<constraints/>\n</configuration>\n</cib>\n";

    private static CibParseException reject(String xml) {
        return assertThrows(CibParseException.class, () -> CibXml.standard().read(xml, "cib.xml"));
    }

    private static void assertOneLine(CibParseException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cib.xml"), e.getMessage());
    }

    @Test
    void minimalCibIsAccepted() throws Exception {
        assertEquals(CibVersion.ZERO.nextEpoch(), CibXml.standard().read(MINIMAL, "cib.xml").cib().version());
    }

    @Test
    void truncatedXmlNamesTheLineWhereItBroke() {
        CibParseException e = reject(MINIMAL.substring(0, MINIMAL.indexOf("<constraints/>")));
        assertOneLine(e);
        assertTrue(e.line() >= 5, e.getMessage());
        assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
    }

    @Test
    void mismatchedTagIsRejectedWithItsLine() {
        CibParseException e = reject("<cib>\n<configuration>\n<nodes>\n</resources>\n</configuration>\n</cib>");
        assertOneLine(e);
        assertEquals(4, e.line());
    }

    @Test
    void wrongRootElementSaysWhatWasExpected() {
        CibParseException e = reject("<?xml version=\"1.0\"?>\n<html><body/></html>");
        assertOneLine(e);
        assertEquals("cib.xml:2: expected <cib> as the root element, found <html>", e.getMessage());
    }

    @Test
    void cibWithoutConfigurationIsRejected() {
        assertTrue(reject("<cib><status/></cib>").getMessage().contains("no <configuration> section"));
    }

    @Test
    void emptyInputIsRejected() {
        assertOneLine(reject(""));
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE cib [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<cib><configuration><crm_config><cluster_property_set id=\"p\"><nvpair id=\"n\" name=\"a\""
                + " value=\"&x;\"/></cluster_property_set></crm_config></configuration></cib>";
        CibParseException e = reject(xxe);
        assertOneLine(e);
        assertFalse(e.getMessage().contains("TOP-SECRET"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void billionLaughsIsRejectedBeforeAnyExpansion() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE cib [\n<!ENTITY l0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            b.append("<!ENTITY l").append(i).append(" \"");
            b.append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        b.append("]>\n<cib><configuration><crm_config/></configuration>&l9;</cib>");
        CibParseException e = reject(b.toString());
        assertOneLine(e);
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void binaryGarbageIsRejectedInOneLine() {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        CibParseException e = assertThrows(CibParseException.class,
                () -> CibXml.standard().read(new java.io.ByteArrayInputStream(junk), "cib.xml"));
        assertOneLine(e);
    }

    @Property(tries = 200)
    void randomBytesNeverEscapeAsAnythingButAParseError(@ForAll byte[] bytes) {
        try {
            CibXml.standard().read(new java.io.ByteArrayInputStream(bytes), "cib.xml");
        } catch (CibParseException e) {
            assertOneLine(e);
        }
    }

    @Test
    void hundredMegabyteInputStopsAtTheSizeLimitWithBoundedMemory() {
        // A stream that would be 100 MB of attribute text: the reader must stop at its limit, not buffer it.
        long limit = 8L * 1024 * 1024;
        InputStream huge = new InputStream() {
            private final byte[] head = "<cib><configuration><crm_config><x v=\"".getBytes(StandardCharsets.UTF_8);
            private long pos;

            @Override
            public int read() {
                if (pos >= 100L * 1024 * 1024) {
                    return -1;
                }
                return pos < head.length ? head[(int) pos++] : (pos++ % 80 == 0 ? ' ' : 'a');
            }
        };
        CibParseException e = assertThrows(CibParseException.class,
                () -> CibXml.withMaxBytes(limit).read(huge, "cib.xml"));
        assertOneLine(e);
        // one attribute value that long stops at the longest run without markup, before the size cap
        assertTrue(e.getMessage().contains("more than 4 MiB without markup"), e.getMessage());
    }

    @Test
    void invalidUtf8IsOneCleanErrorAndNothingIsPrinted() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured));
        try {
            byte[] bad = {'<', 'c', 'i', 'b', '>', (byte) 0xff, (byte) 0xfe, '<', '/', 'c', 'i', 'b', '>'};
            CibParseException e = assertThrows(CibParseException.class,
                    () -> CibXml.standard().read(new java.io.ByteArrayInputStream(bad), "cib.xml"));
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString());
    }

    @Test
    void missingFileIsAOneLineError(@TempDir Path dir) {
        CibParseException e = assertThrows(CibParseException.class,
                () -> CibXml.standard().read(dir.resolve("nope.xml")));
        assertEquals(dir.resolve("nope.xml") + ": no such file", e.getMessage());
    }

    @Test
    void gzippedCibIsReadTransparently(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("cib.xml.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(MINIMAL.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(CibXml.parse(MINIMAL), CibXml.standard().read(gz).cib());
    }
}
