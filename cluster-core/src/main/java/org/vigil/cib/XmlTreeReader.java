package org.vigil.cib;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML into {@link XmlElement} trees, safely: no DTDs, no entities beyond the predefined five, a
 * size cap and a depth cap, gzip detected by its magic bytes. Remembers each element's line.
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
     * Most bytes between two '<': bounds the parser's own buffers, which hold a whole tag (with its attribute
     * values) or a whole text run at once, however it is split into events.
     */
    static final int MAX_RUN = 4 * 1024 * 1024;

    private static final int MAX_DEPTH = 256;

    /**
     * What the tree and the model built from it hold per element and per attribute (objects, maps, the line
     * table), with a margin: a generated 200 MiB CIB (3.3 million elements, 8.3 million attributes) holds
     * 927 MiB once read and is estimated at 1.1 GiB (LargeCibs measure). Unshared values add their own.
     */
    private static final long ELEMENT_COST = 180;
    private static final long ATTRIBUTE_COST = 40;
    private static final long STRING_COST = 40;
    private static final long BYTES_PER_INPUT_BYTE = 8;
    private static final int SHARED_LENGTH = 48;
    private static final int SHARED_MAX = 1 << 16;

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
        // the JDK's own factory without the lookup (system property, jaxp.properties, a ServiceLoader scan of every jar
        // on the class path), which costs a one-shot command more than parsing its CIB
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // not coalescing: a long text run arrives in pieces and blank pieces are dropped, never gathered in one buffer
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        // Problems are reported once, as our one-line error; the JDK parser must not print its own.
        factory.setXMLReporter((message, type, info, location) -> { });
        XMLStreamReader r = null;
        try (InputStream in = new BoundedXmlInput(decompressIfGzip(raw, source), maxBytes, MAX_RUN)) {
            r = createReader(factory, in);
            return build(r, source);
        } catch (XMLStreamException e) {
            BoundedXmlInput.Refused big = refused(e);
            if (big != null) {
                throw new CibParseException(source, 0, big.getMessage());
            }
            Location loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(loc.getLineNumber(), 0);
            if (causedBy(e, java.nio.charset.CharacterCodingException.class)) {
                throw new CibParseException(source, line, "not valid UTF-8 text (binary data or another encoding;"
                        + " a CIB is UTF-8 XML)");
            }
            throw new CibParseException(source, line, "not well-formed XML: " + cleanMessage(e));
        } catch (BoundedXmlInput.Refused e) {
            throw new CibParseException(source, 0, e.getMessage());
        } catch (IOException e) {
            if (causedBy(e, java.nio.charset.CharacterCodingException.class)) {
                throw new CibParseException(source, 0, "not valid UTF-8 text (binary data or another encoding;"
                        + " a CIB is UTF-8 XML)");
            }
            throw new CibParseException(source, 0, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            BoundedXmlInput.Refused big = refused(e);
            if (big != null) {
                throw new CibParseException(source, 0, big.getMessage());
            }
            // The JDK parser reports some encoding errors as unchecked exceptions.
            throw new CibParseException(source, 0, "not readable as XML: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a failed reader has nothing left to report
                }
            }
        }
    }

    /**
     * UTF-8 input (declared or by default, as every CIB is) is decoded by us, strictly, so a bad byte is one
     * clean error instead of the JDK parser printing its own "[Fatal Error]" line; other declared encodings
     * are left to the parser.
     */
    private static XMLStreamReader createReader(XMLInputFactory factory, InputStream in)
            throws IOException, XMLStreamException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(256);
        byte[] head = buffered.readNBytes(200);
        buffered.reset();
        String prolog = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([^\"']+)")
                .matcher(prolog);
        if (m.find() && !m.group(1).equalsIgnoreCase("UTF-8") && !m.group(1).equalsIgnoreCase("UTF8")) {
            return factory.createXMLStreamReader(buffered);
        }
        java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        return factory.createXMLStreamReader(new java.io.InputStreamReader(buffered, strict));
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() != null ? c.getCause()
                : c instanceof XMLStreamException x ? x.getNestedException() : null) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        return false;
    }

    private static BoundedXmlInput.Refused refused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BoundedXmlInput.Refused s) {
                return s;
            }
            if (c instanceof XMLStreamException x && x.getNestedException() instanceof BoundedXmlInput.Refused s) {
                return s;
            }
        }
        return null;
    }

    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int idx = m.indexOf("Message: ");
        return idx >= 0 ? m.substring(idx + "Message: ".length()) : m;
    }

    private Parsed build(XMLStreamReader r, String source) throws XMLStreamException, CibParseException {
        IdentityHashMap<XmlElement, Integer> lines = new IdentityHashMap<>();
        Deque<Builder> stack = new ArrayDeque<>();
        XmlElement root = null;
        Map<String, String> shared = new java.util.HashMap<>();
        long retained = 0;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD -> throw new CibParseException(source, r.getLocation().getLineNumber(),
                        "DOCTYPE declarations are not allowed in a CIB (entities are never expanded)");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new CibParseException(source,
                        r.getLocation().getLineNumber(), "entity reference &" + r.getLocalName() + "; is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stack.size() >= MAX_DEPTH) {
                        throw new CibParseException(source, r.getLocation().getLineNumber(),
                                "elements nested deeper than " + MAX_DEPTH + " levels");
                    }
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String name = share(shared, qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)));
                        String raw = r.getAttributeValue(i);
                        String value = name.equals("id") ? raw : share(shared, raw); // ids are unique
                        attrs.put(name, value);
                        retained += ATTRIBUTE_COST + (value == raw ? STRING_COST + raw.length() : 0);
                    }
                    retained += ELEMENT_COST;
                    if (retained > memoryBudget) {
                        throw new CibParseException(source, r.getLocation().getLineNumber(), "reading this CIB "
                                + "would hold more than " + (memoryBudget >> 20) + " MiB, " + budgetReason);
                    }
                    stack.push(new Builder(share(shared, qualified(r.getPrefix(), r.getLocalName())), attrs,
                            r.getLocation().getLineNumber()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        Builder b = stack.peek();
                        // indentation is layout: a blank piece before any content is not kept at all
                        if (b.text.length() > 0 || !r.isWhiteSpace()) {
                            if (b.text.length() + r.getTextLength() > MAX_RUN) {
                                throw new CibParseException(source, r.getLocation().getLineNumber(), "text in <"
                                        + b.name + "> longer than " + (MAX_RUN >> 20) + " MiB");
                            }
                            b.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                            retained += r.getTextLength();
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Builder b = stack.pop();
                    XmlElement e = b.build();
                    lines.put(e, b.line);
                    if (stack.isEmpty()) {
                        root = e;
                    } else {
                        stack.peek().children.add(e);
                    }
                }
                default -> { }
            }
        }
        if (root == null) {
            throw new CibParseException(source, 0, "empty document (expected a <cib> element)");
        }
        return new Parsed(root, lines);
    }

    /**
     * One copy of each short string: a CIB repeats the same names and values (class="ocf", name="monitor",
     * interval="10s") hundreds of thousands of times. Bounded, so unique values cannot grow the table forever.
     */
    private static String share(Map<String, String> shared, String s) {
        if (s.length() > SHARED_LENGTH) {
            return s;
        }
        String known = shared.get(s);
        if (known != null) {
            return known;
        }
        if (shared.size() < SHARED_MAX) {
            shared.put(s, s);
        }
        return s;
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attrs;
        final int line;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attrs, int line) {
            this.name = name;
            this.attrs = attrs;
            this.line = line;
        }

        XmlElement build() {
            String t = text.toString();
            // Indentation between child elements is layout, not content.
            return new XmlElement(name, attrs, children, t.isBlank() ? null : t);
        }
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
