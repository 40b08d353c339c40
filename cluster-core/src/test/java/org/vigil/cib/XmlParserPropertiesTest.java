package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The hand-written reader against the JDK's StAX parser on generated documents: every well-formed one gives the
 * same tree, and a damaged one is refused by both or read the same by both.
 */
class XmlParserPropertiesTest {
    @Property(tries = 1000)
    void generatedDocumentsReadAsTheJdkReadsThem(@ForAll long seed) throws Exception {
        String xml = new Generator(new Random(seed)).document();
        XmlElement jdk = jdk(xml);
        assertEquals(jdk, ours(xml), visible(xml));
    }

    @Property(tries = 3000)
    void damagedDocumentsAreRefusedByBothOrReadTheSame(@ForAll long seed) {
        Random random = new Random(seed);
        String xml = new Generator(random).document();
        String damaged = xml;
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            damaged = damage(damaged, random);
        }
        XmlElement jdk;
        try {
            jdk = jdk(damaged);
        } catch (XMLStreamException | RuntimeException e) {
            jdk = null;
        }
        XmlElement ours;
        String refusal = null;
        try {
            ours = ours(damaged);
        } catch (CibParseException e) {
            ours = null;
            refusal = e.getMessage();
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals(jdk, ours, "document:\n" + visible(damaged) + "\nour refusal: " + refusal);
    }

    /** Line ends and tabs shown, so a failure prints the document as it is. */
    private static String visible(String xml) {
        return xml.replace("\r", "\\r").replace("\n", "\\n\n").replace("\t", "\\t");
    }

    @Property(tries = 2000)
    void howTheInputArrivesChangesNeitherTheTreeNorTheRefusal(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        String xml = new Generator(random).document();
        if (random.nextBoolean()) {
            xml = damage(xml, random);
        }
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        String whole;
        try {
            whole = ours(xml).toString();
        } catch (CibParseException e) {
            whole = e.getMessage();
        }
        // a buffer of a few characters, filled from a stream that gives a few bytes at a time (splitting UTF-8
        // sequences, CR LF pairs and every token)
        int size = 12 + random.nextInt(20);
        InputStream trickle = new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + random.nextInt(5)), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
        String small;
        try {
            small = new XmlParser(trickle, StandardCharsets.UTF_8.newDecoder(), Long.MAX_VALUE, "", 1 << 20, size)
                    .parse().toString();
        } catch (XmlParser.Malformed e) {
            small = "g:" + e.line + ": " + e.getMessage();
        }
        if (whole.startsWith("g:")) {
            whole = whole.replaceFirst("^g: ", "g:0: ");
        }
        assertEquals(whole, small, visible(xml));
    }

    private static XmlElement ours(String xml) throws CibParseException {
        return new XmlTreeReader(1 << 24).read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "g")
                .root();
    }

    /** The tree as the StAX-based reader built it (coalesced text; a blank run before any content dropped). */
    private static XmlElement jdk(String xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLReporter((message, type, info, location) -> { });
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Deque<Object[]> stack = new ArrayDeque<>(); // name, attributes, children, text
        XmlElement root = null;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException("no");
                case XMLStreamConstants.START_ELEMENT -> {
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String p = r.getAttributePrefix(i);
                        attrs.put((p == null || p.isEmpty() ? "" : p + ":") + r.getAttributeLocalName(i),
                                r.getAttributeValue(i));
                    }
                    String p = r.getPrefix();
                    stack.push(new Object[] {(p == null || p.isEmpty() ? "" : p + ":") + r.getLocalName(), attrs,
                        new ArrayList<XmlElement>(), new StringBuilder()});
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        StringBuilder text = (StringBuilder) stack.peek()[3];
                        if (text.length() > 0 || !r.isWhiteSpace()) {
                            text.append(r.getText());
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Object[] b = stack.pop();
                    String t = b[3].toString();
                    @SuppressWarnings("unchecked")
                    XmlElement e = new XmlElement((String) b[0], (Map<String, String>) b[1],
                            (List<XmlElement>) b[2], t.isBlank() ? null : t);
                    if (stack.isEmpty()) {
                        root = e;
                    } else {
                        @SuppressWarnings("unchecked")
                        List<XmlElement> siblings = (List<XmlElement>) stack.peek()[2];
                        siblings.add(e);
                    }
                }
                default -> { }
            }
        }
        if (root == null) {
            throw new XMLStreamException("empty");
        }
        return root;
    }

    /** One small change after the XML declaration: a character dropped or inserted, a few doubled. */
    private static String damage(String xml, Random random) {
        int from = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
        int at = from + random.nextInt(xml.length() - from + 1);
        if (at < xml.length() && Character.isLowSurrogate(xml.charAt(at))) {
            at--; // not between the two halves of a character
        }
        String markup = "<>&;\"'=/!?-[]#x: \n";
        return switch (random.nextInt(3)) {
            case 0 -> at < xml.length() && !Character.isSurrogate(xml.charAt(at))
                    ? xml.substring(0, at) + xml.substring(at + 1) : xml + "<";
            case 1 -> xml.substring(0, at) + markup.charAt(random.nextInt(markup.length())) + xml.substring(at);
            default -> {
                int end = Math.min(xml.length(), at + 1 + random.nextInt(6));
                String piece = xml.substring(at, end);
                yield piece.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? xml
                        : xml.substring(0, end) + piece + xml.substring(end);
            }
        };
    }

    /** Random well-formed documents using every construct the reader knows, in every spelling. */
    private static final class Generator {
        private static final String[] NAMES = {"cib", "primitive", "nvpair", "op", "a", "b", "x_y", "n-1", "n.2",
            "\u00e9l\u00e9ment", "\u65e5\u672c", "_u", "A9"};
        /**
         * Characters for text and values. Beyond ASCII only ones that XML 1.0's fifth edition (which this reader
         * follows) and the JDK's parser (older name rules) agree on, in names or out: a damaged document can turn
         * text into a name.
         */
        private static final String TEXT = "ab c\t\n\r<>&\"']]\u00e9\u00a7\uDB80\uDC00 -?=/;#";

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        String document() {
            StringBuilder sb = new StringBuilder();
            if (random.nextBoolean()) {
                sb.append("<?xml").append(space()).append("version").append(eq()).append(quoted("1.0"));
                if (random.nextBoolean()) {
                    sb.append(space()).append("encoding").append(eq()).append(quoted(random.nextBoolean() ? "UTF-8"
                            : "utf-8"));
                }
                if (random.nextBoolean()) {
                    sb.append(space()).append("standalone").append(eq()).append(quoted(random.nextBoolean() ? "yes"
                            : "no"));
                }
                sb.append(random.nextBoolean() ? " " : "").append("?>");
            }
            misc(sb);
            element(sb, 0);
            misc(sb);
            return sb.toString();
        }

        private void misc(StringBuilder sb) {
            for (int i = random.nextInt(3); i > 0; i--) {
                switch (random.nextInt(3)) {
                    case 0 -> sb.append(layout());
                    case 1 -> comment(sb);
                    default -> pi(sb);
                }
            }
        }

        private void element(StringBuilder sb, int depth) {
            String name = NAMES[random.nextInt(NAMES.length)];
            sb.append('<').append(name);
            List<String> used = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                String attr = NAMES[random.nextInt(NAMES.length)];
                if (used.contains(attr)) {
                    continue;
                }
                used.add(attr);
                sb.append(space()).append(attr).append(eq());
                char q = random.nextBoolean() ? '"' : '\'';
                sb.append(q);
                escaped(sb, random.nextInt(8), q);
                sb.append(q);
            }
            sb.append(random.nextBoolean() ? space() : "");
            if (depth > 4 || random.nextInt(4) == 0) {
                sb.append("/>");
                return;
            }
            sb.append('>');
            for (int i = random.nextInt(5); i > 0; i--) {
                switch (random.nextInt(7)) {
                    case 0, 1 -> element(sb, depth + 1);
                    case 2 -> escaped(sb, random.nextInt(10), (char) 0);
                    case 3 -> sb.append(layout());
                    case 4 -> sb.append("<![CDATA[").append(cdata()).append("]]>");
                    case 5 -> comment(sb);
                    default -> pi(sb);
                }
            }
            sb.append("</").append(name).append(random.nextBoolean() ? space() : "").append('>');
        }

        /** Appends text of {@code n} characters, each markup character written as a reference. */
        private void escaped(StringBuilder sb, int n, char quote) {
            for (int i = 0; i < n; i++) {
                int cp = TEXT.codePointAt(TEXT.offsetByCodePoints(0, random.nextInt(TEXT.codePointCount(0,
                        TEXT.length()))));
                boolean must = cp == '<' || cp == '&' || cp == quote || (cp == '>' && sb.length() >= 2
                        && sb.charAt(sb.length() - 1) == ']' && sb.charAt(sb.length() - 2) == ']');
                if (must || random.nextInt(5) == 0) {
                    sb.append(switch (must ? random.nextInt(3) : random.nextInt(4)) {
                        case 0 -> "&#" + cp + ";";
                        case 1 -> "&#x" + Integer.toHexString(cp) + ";";
                        case 2 -> named(cp);
                        default -> "&#x" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT) + ";";
                    });
                } else {
                    sb.appendCodePoint(cp);
                }
            }
        }

        private static String named(int cp) {
            return switch (cp) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> "&#" + cp + ";";
            };
        }

        private String cdata() {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                int cp = TEXT.codePointAt(TEXT.offsetByCodePoints(0, random.nextInt(TEXT.codePointCount(0,
                        TEXT.length()))));
                if (cp == '>' && sb.toString().endsWith("]]")) {
                    continue;
                }
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }

        private void comment(StringBuilder sb) {
            String body = cdata().replace("-", "");
            sb.append("<!--").append(random.nextBoolean() ? "-x" : "").append(body).append("-->");
        }

        private void pi(StringBuilder sb) {
            sb.append("<?").append(random.nextBoolean() ? "target" : "xml-stylesheet");
            if (random.nextBoolean()) {
                sb.append(space()).append(cdata().replace("?>", ""));
            }
            sb.append("?>");
        }

        private String space() {
            return switch (random.nextInt(6)) {
                case 0 -> "\n";
                case 1 -> "\r\n";
                case 2 -> "\t ";
                case 3 -> "  ";
                default -> " ";
            };
        }

        private String layout() {
            return switch (random.nextInt(4)) {
                case 0 -> "\n  ";
                case 1 -> "\r\n\t";
                case 2 -> " ";
                default -> "\n";
            };
        }

        private String eq() {
            return (random.nextInt(4) == 0 ? space() : "") + "=" + (random.nextInt(4) == 0 ? space() : "");
        }

        private String quoted(String s) {
            return random.nextBoolean() ? "\"" + s + "\"" : "'" + s + "'";
        }
    }
}
