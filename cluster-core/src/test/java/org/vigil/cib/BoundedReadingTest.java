package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and huge inputs are refused while they stream past, in one line, before memory is at risk. */
class BoundedReadingTest {
    @TempDir
    Path dir;

    /** Counts what the reader consumed of the (compressed) file. */
    private static final class Counting extends FilterInputStream {
        long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b >= 0 ? 1 : 0;
            return b;
        }
    }

    /** The one-line refusal; {@code mostRead}: how much of the file may be consumed (plus the gzip buffer). */
    private String refusal(Path file, XmlTreeReader reader, double mostRead) throws IOException {
        try (Counting in = new Counting(Files.newInputStream(file))) {
            CibParseException e = assertThrows(CibParseException.class, () -> reader.read(in, file.toString()));
            assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
            long size = Files.size(file);
            assertTrue(in.read <= mostRead * size + (64 << 10) + 8192,
                    "read " + in.read + " of " + size + " bytes before refusing");
            return e.getMessage();
        }
    }

    @Test
    void gzipBombOfWhitespaceIsRefusedAtTheLongestRunNotAfterInflatingIt() throws Exception {
        Path bomb = dir.resolve("bomb.xml.gz");
        LargeCibs.gzipBomb(bomb, 256L << 20, LargeCibs.Filler.WHITESPACE);
        String m = refusal(bomb, new XmlTreeReader(XmlTreeReader.DEFAULT_MAX_BYTES), 0.05);
        assertTrue(m.endsWith("more than 4 MiB without markup near byte 4194453 (a tag, attribute value or text that "
                + "long is not a CIB)"), m);
    }

    @Test
    void gzipBombOfOneHugeAttributeIsRefusedTheSameWay() throws Exception {
        Path bomb = dir.resolve("attr.xml.gz");
        LargeCibs.gzipBomb(bomb, 256L << 20, LargeCibs.Filler.ATTRIBUTE);
        assertTrue(refusal(bomb, new XmlTreeReader(XmlTreeReader.DEFAULT_MAX_BYTES), 0.05)
                .contains("without markup"));
    }

    @Test
    void inflatedBytesAreCountedAgainstTheCap() throws Exception {
        Path plain = dir.resolve("cap.xml");
        LargeCibs.big(plain, 16L << 20);
        Path bomb = dir.resolve("cap.xml.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            Files.copy(plain, gz);
        }
        String m = refusal(bomb, new XmlTreeReader(1 << 20, Long.MAX_VALUE), 0.1);
        assertTrue(m.endsWith("inflates to more than the 1 MiB a CIB may have (a gzip bomb?); set "
                + "-Dvigil.cib.max-bytes to raise the cap"), m);
    }

    @Test
    void plainFileLargerThanTheCapIsRefusedBeforeAByteIsParsed() throws Exception {
        Path big = dir.resolve("big.xml");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write("<cib>".getBytes(StandardCharsets.US_ASCII));
            f.setLength((1 << 20) + 1); // sparse: nothing to parse would be refused sooner than the size
        }
        CibParseException e = assertThrows(CibParseException.class, () -> CibXml.withMaxBytes(1 << 20).read(big));
        assertEquals(big + ": larger than the 1 MiB a CIB may have; set -Dvigil.cib.max-bytes to raise the cap",
                e.getMessage());
    }

    @Test
    void gzipBombOfTinyElementsIsRefusedByTheMemoryBoundLongBeforeTheCap() throws Exception {
        Path bomb = dir.resolve("elements.xml.gz");
        LargeCibs.gzipBomb(bomb, 64L << 20, LargeCibs.Filler.ELEMENTS);
        String m = refusal(bomb, new XmlTreeReader(4 << 20, Long.MAX_VALUE), 0.2);
        assertTrue(m.contains("reading this CIB would hold more than 32 MiB, 8 times the 4 MiB size cap"), m);
    }

    @Test
    void aCibLargerThanTheHeapBudgetIsRefusedWithTheHeapNamed() throws Exception {
        Path big = dir.resolve("big.xml");
        LargeCibs.big(big, 8L << 20);
        String m = refusal(big, new XmlTreeReader(64L << 20, 4L << 20), 0.5);
        assertTrue(m.contains("reading this CIB would hold more than 4 MiB, 60% of the "), m);
        assertTrue(m.contains("MiB heap; give java more (-Xmx in VIGIL_JAVA_OPTS) or make the CIB smaller"), m);
    }

    @Test
    void aCibWithinTheBudgetIsReadWhole() throws Exception {
        Path big = dir.resolve("ok.xml");
        LargeCibs.big(big, 2L << 20);
        Cib cib = CibXml.standard().read(big).cib();
        assertTrue(cib.configuration().resources().size() > 3000, "" + cib.configuration().resources().size());
    }

    @Test
    void truncatedGzipIsReportedAsTruncated() throws Exception {
        Path big = dir.resolve("t.xml");
        LargeCibs.big(big, 256 << 10);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(Files.readAllBytes(big));
        }
        byte[] whole = buf.toByteArray();
        for (int keep : new int[] {whole.length / 2, whole.length - 4, 5}) {
            Path cut = dir.resolve("cut-" + keep + ".xml.gz");
            Files.write(cut, Arrays.copyOf(whole, keep));
            CibParseException e = assertThrows(CibParseException.class, () -> CibXml.standard().read(cut));
            assertTrue(e.getMessage().startsWith(cut + ": truncated gzip file: it ends "), e.getMessage());
            assertFalse(e.getMessage().contains("Premature"), e.getMessage());
        }
    }

    @Test
    void indentationIsNotKeptAsText() throws Exception {
        String xml = LargeCibs.HEAD.replace("<resources>", "<resources>\n\n      ") + "\n   " + LargeCibs.TAIL;
        XmlTreeReader.Parsed p = new XmlTreeReader(1 << 20).read(
                new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x");
        XmlElement resources = p.root().children().get(0).children().get(2);
        assertEquals("resources", resources.name());
        assertEquals(null, resources.text());
    }

    @Test
    void compactAttributeMapsBehaveAsSortedMaps() {
        Map<String, String> in = Map.of("type", "Dummy", "class", "ocf", "id", "p1", "provider", "heartbeat");
        var m = Copies.sorted(in);
        TreeMap<String, String> expected = new TreeMap<>(in);
        assertEquals(expected, m);
        assertEquals(m, expected);
        assertEquals(expected.hashCode(), m.hashCode());
        assertEquals(expected.toString(), m.toString());
        assertEquals("class", m.firstKey());
        assertEquals("type", m.lastKey());
        assertEquals(expected.headMap("p"), m.headMap("p"));
        assertEquals("ocf", m.get("class"));
        assertEquals(null, m.get("nope"));
        assertThrows(UnsupportedOperationException.class, () -> m.put("a", "b"));
        assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().remove());
    }

    @Test
    @Timeout(120)
    void underASmallHeapAHugeCibIsOneLineNotAnOutOfMemoryError() throws Exception {
        Path big = dir.resolve("huge.xml");
        LargeCibs.big(big, 60L << 20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                LargeCibs.class.getName(), "read", big.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertFalse(out.contains("OutOfMemoryError"), out);
        assertTrue(out.startsWith("refused in ") && out.contains("reading this CIB would hold more than")
                && out.indexOf('\n') == out.length() - 1, out);
    }
}
