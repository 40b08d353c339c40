package org.vigil.cib;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;

/**
 * Reads XML into {@link XmlElement} trees, safely: no DTDs, no entities beyond the predefined five, a
 * size cap, a depth cap and a memory budget, gzip detected by its magic bytes. Remembers each element's line.
 * The XML itself is read by {@link XmlParser}.
 */
final class XmlTreeReader {
    /**
     * Largest document accepted (after decompression). It was 256 MiB, which needs about 1.2 GiB of heap to
     * read (tree and model: about 5 times the input); 64 MiB holds about 300 MiB, within the reader's budget of
     * the launchers' default heap (a quarter of the memory) on any machine with 2 GB or more. A CIB of 10,000
     * resources with their status is about 15 MiB.
     */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /**
     * Most bytes between two '<' (counted as they stream in), and the longest attribute value or element text:
     * what one tag or one text run can make the reader hold.
     */
    static final int MAX_RUN = 4 * 1024 * 1024;

    private static final long BYTES_PER_INPUT_BYTE = 8;

    /** Bytes looked at for a byte order mark and the XML declaration's encoding. */
    private static final int PROLOG = 256;

    private final long maxBytes;
    private final long memoryBudget;
    private final String budgetReason;

    /**
     * The budget is 60% of the heap (the rest is the daemon's, and the parser's passing garbage), and at most
     * {@link #BYTES_PER_INPUT_BYTE} times the size cap: a real CIB holds about 5 times its size once read,
     * so input dense with tiny elements (a gzip bomb of {@code <a/>}) is refused long before the cap.
     */
    XmlTreeReader(long maxBytes) {
        this(maxBytes, Runtime.getRuntime().maxMemory() / 5 * 3);
    }

    /** {@code heapBudget}: the most the tree and the model may hold before the input is refused. */
    XmlTreeReader(long maxBytes, long heapBudget) {
        this.maxBytes = maxBytes;
        long capBudget = maxBytes > Long.MAX_VALUE / BYTES_PER_INPUT_BYTE ? Long.MAX_VALUE
                : maxBytes * BYTES_PER_INPUT_BYTE;
        this.memoryBudget = Math.min(heapBudget, capBudget);
        this.budgetReason = capBudget <= heapBudget
                ? BYTES_PER_INPUT_BYTE + " times the " + (maxBytes >> 20) + " MiB size cap (far more elements per"
                        + " byte than a CIB has; -Dvigil.cib.max-bytes raises both)"
                : "60% of the " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap; give java more (-Xmx in "
                        + "VIGIL_JAVA_OPTS) or make the CIB smaller";
    }

    /** The tree plus where each element started. */
    record Parsed(XmlElement root, IdentityHashMap<XmlElement, Integer> lines) {}

    Parsed read(InputStream raw, String source) throws CibParseException {
        try (InputStream in = new BufferedInputStream(new BoundedXmlInput(decompressIfGzip(raw, source), maxBytes,
                MAX_RUN))) {
            Charset charset = encoding(in, source);
            CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            XmlParser parser = new XmlParser(in, strict, memoryBudget, budgetReason, MAX_RUN);
            XmlElement root = parser.parse();
            return new Parsed(root, parser.lines());
        } catch (XmlParser.Malformed e) {
            throw new CibParseException(source, e.line, e.getMessage());
        } catch (XmlParser.Undecodable e) {
            throw new CibParseException(source, e.line, "not valid " + e.encoding + " text at column " + e.column
                    + " (binary data or another encoding" + (e.encoding.equals("UTF-8") ? "; a CIB is UTF-8 XML)"
                    : ")"));
        } catch (BoundedXmlInput.Refused e) {
            throw new CibParseException(source, 0, e.getMessage());
        } catch (IOException e) {
            throw new CibParseException(source, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The input's encoding: UTF-8 (as every CIB is) unless a byte order mark or the XML declaration says
     * otherwise. The stream is left where it was.
     */
    private static Charset encoding(InputStream in, String source) throws IOException, CibParseException {
        in.mark(PROLOG);
        byte[] head = in.readNBytes(PROLOG);
        in.reset();
        if (head.length >= 2 && ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff
                || (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe)) {
            return StandardCharsets.UTF_16; // by its byte order mark, which the decoder drops
        }
        if (head.length >= 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] == '?') {
            return StandardCharsets.UTF_16BE;
        }
        if (head.length >= 4 && head[0] == '<' && head[1] == 0 && head[2] == '?' && head[3] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        String declared = declaredEncoding(new String(head, StandardCharsets.ISO_8859_1));
        if (declared == null || declared.equalsIgnoreCase("UTF-8") || declared.equalsIgnoreCase("UTF8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(declared);
        } catch (IllegalArgumentException e) {
            throw new CibParseException(source, 1, "the XML declaration names the encoding " + declared
                    + ", which this Java does not know (a CIB is UTF-8)");
        }
    }

    /** The encoding named by an XML declaration at the start of {@code prolog}, or null. */
    static String declaredEncoding(String prolog) {
        int i = prolog.startsWith("\uFEFF") ? 1 : prolog.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        if (!prolog.startsWith("<?xml", i)) {
            return null;
        }
        int end = prolog.indexOf("?>", i);
        int at = prolog.indexOf("encoding", i);
        if (at < 0 || (end >= 0 && at > end)) {
            return null;
        }
        int p = skipSpace(prolog, at + "encoding".length());
        if (p >= prolog.length() || prolog.charAt(p) != '=') {
            return null;
        }
        p = skipSpace(prolog, p + 1);
        if (p >= prolog.length() || (prolog.charAt(p) != '"' && prolog.charAt(p) != '\'')) {
            return null;
        }
        int close = prolog.indexOf(prolog.charAt(p), p + 1);
        if (close < 0) {
            return null;
        }
        String name = prolog.substring(p + 1, close);
        return XmlChars.isEncodingName(name) ? name : null; // a bad name is the parser's to report
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static InputStream decompressIfGzip(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return BoundedXmlInput.gunzip(in);
        }
        return in;
    }
}
