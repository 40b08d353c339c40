package org.vigil.cib;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
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
    /** Largest document accepted (after decompression); a CIB of 10,000 resources is far below this. */
    static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private static final int MAX_DEPTH = 256;

    private final long maxBytes;

    XmlTreeReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The tree plus where each element started. */
    record Parsed(XmlElement root, IdentityHashMap<XmlElement, Integer> lines) {}

    Parsed read(InputStream raw, String source) throws CibParseException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Problems are reported once, as our one-line error; the JDK parser must not print its own.
        factory.setXMLReporter((message, type, info, location) -> { });
        XMLStreamReader r = null;
        try (InputStream in = limited(decompressIfGzip(raw, source), source)) {
            r = createReader(factory, in);
            return build(r, source);
        } catch (XMLStreamException e) {
            SizeExceeded big = sizeExceeded(e);
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
        } catch (SizeExceeded e) {
            throw new CibParseException(source, 0, e.getMessage());
        } catch (IOException e) {
            if (causedBy(e, java.nio.charset.CharacterCodingException.class)) {
                throw new CibParseException(source, 0, "not valid UTF-8 text (binary data or another encoding;"
                        + " a CIB is UTF-8 XML)");
            }
            throw new CibParseException(source, 0, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            SizeExceeded big = sizeExceeded(e);
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

    private static SizeExceeded sizeExceeded(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SizeExceeded s) {
                return s;
            }
            if (c instanceof XMLStreamException x && x.getNestedException() instanceof SizeExceeded s) {
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
                        attrs.put(qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
                                r.getAttributeValue(i));
                    }
                    stack.push(new Builder(qualified(r.getPrefix(), r.getLocalName()), attrs,
                            r.getLocation().getLineNumber()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(r.getText());
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
            return new GZIPInputStream(in);
        }
        return in;
    }

    private InputStream limited(InputStream in, String source) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) {
                count += n;
                if (count > maxBytes) {
                    throw new SizeExceeded("larger than the " + (maxBytes / (1024 * 1024))
                            + " MiB a CIB may have (set -Dvigil.cib.max-bytes to raise it)");
                }
            }
        };
    }

    /** Thrown from inside the stream so the parser stops at once; converted to a parse error above. */
    private static final class SizeExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SizeExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
