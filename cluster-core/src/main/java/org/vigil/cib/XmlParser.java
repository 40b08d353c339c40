package org.vigil.cib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, hand-written XML 1.0 reader for CIB documents: the XML declaration, elements, attributes, character
 * data, CDATA sections, comments and processing instructions, the five predefined entities and character
 * references, line ends normalised to LF and attribute whitespace to spaces, namespace prefixes checked for a
 * binding (names are kept as written). A document type declaration, any other entity reference and anything
 * not well-formed is refused with its line, column and what was expected instead. Comments and processing
 * instructions are skipped; the tree is that of {@link XmlTreeReader}.
 *
 * <p>It replaces the JDK's StAX parser, whose set-up alone (security properties, method handles, a few hundred
 * classes) took a one-shot {@code crm_mon} longer than reading its CIB.
 */
final class XmlParser {
    /** Thrown inside the parser; {@link XmlTreeReader} turns it into a {@link CibParseException}. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        final int line;

        Malformed(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private static final int EOF = -1;
    private static final int MAX_DEPTH = 256;
    private static final int SHARED_LENGTH = 48;
    private static final int SHARED_MAX = 1 << 16;

    /** What {@link #name} was expecting, for its message when there is no name. */
    private static final int NAME_ELEMENT = 0;
    private static final int NAME_END = 1;
    private static final int NAME_ATTRIBUTE = 2;
    private static final int NAME_ENTITY = 3;
    private static final int NAME_PI = 4;

    /** ASCII characters that may continue a name. */
    private static final boolean[] ASCII_NAME = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_NAME[c] = XmlChars.isNameChar(c);
        }
    }

    /**
     * What the tree and the model built from it hold per element and per attribute (objects, maps, the line
     * table), with a margin: a generated 200 MiB CIB (3.3 million elements, 8.3 million attributes) holds
     * 927 MiB once read and is estimated at 1.1 GiB (LargeCibs measure). Unshared values add their own.
     */
    private static final long ELEMENT_COST = 180;
    private static final long ATTRIBUTE_COST = 40;
    private static final long STRING_COST = 40;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String encoding;
    /** Bytes read and not decoded yet (in read mode: position to limit). */
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean bytesEnded;
    /** Every byte decoded and the decoder flushed: nothing more will come. */
    private boolean charsEnded;
    /** The decoder stopped at bytes that are not text: reported when the parser gets there. */
    private boolean undecodable;
    private final long memoryBudget;
    private final String budgetReason;
    private final int maxText;
    private final char[] buf;
    private int pos;
    private int limit;
    private int line = 1;
    private int column;
    /** A '\r' was read last: a '\n' right after it belongs to the same line end. */
    private boolean afterCr;

    private final StringBuilder scratch = new StringBuilder();
    private final StringBuilder value = new StringBuilder();
    private final Map<String, String> shared = new HashMap<>();
    private final IdentityHashMap<XmlElement, Integer> lines = new IdentityHashMap<>();
    private final List<Open> stack = new ArrayList<>();
    private long retained;

    /**
     * @param decoder a decoder that reports malformed input (the parser decodes, so it knows where)
     * @param maxText the longest text of one element
     */
    XmlParser(InputStream in, CharsetDecoder decoder, long memoryBudget, String budgetReason, int maxText) {
        this(in, decoder, memoryBudget, budgetReason, maxText, 8192);
    }

    /** {@code bufferSize}: characters decoded at a time (tests use small ones to cross every boundary). */
    XmlParser(InputStream in, CharsetDecoder decoder, long memoryBudget, String budgetReason, int maxText,
            int bufferSize) {
        this.buf = new char[bufferSize];
        this.in = in;
        this.decoder = decoder;
        this.encoding = decoder.charset().name();
        this.memoryBudget = memoryBudget;
        this.budgetReason = budgetReason;
        this.maxText = maxText;
    }

    /** The document's root element; {@code lines} gets the line of each element's start tag. */
    XmlElement parse() throws IOException, Malformed {
        skipBom();
        if (lookingAt("<?xml") && XmlChars.isSpace(peekAt(5))) {
            xmlDeclaration();
        }
        misc(true);
        if (peek() == EOF) {
            throw new Malformed(0, "empty document (expected a <cib> element)");
        }
        XmlElement root = element();
        misc(false);
        if (peek() != EOF) {
            throw expected("nothing after the root element's end tag </" + root.name() + ">");
        }
        return root;
    }

    IdentityHashMap<XmlElement, Integer> lines() {
        return lines;
    }

    // ---- structure

    /** Comments, processing instructions and white space before ({@code prolog}) or after the root element. */
    private void misc(boolean prolog) throws IOException, Malformed {
        while (true) {
            skipSpace();
            if (!lookingAt("<")) {
                if (peek() != EOF) {
                    throw expected(prolog ? "'<' (only comments and processing instructions may come before the"
                            + " root element)" : "nothing after the root element");
                }
                return;
            }
            if (lookingAt("<!--")) {
                comment();
            } else if (lookingAt("<?")) {
                processingInstruction();
            } else if (lookingAt("<!DOCTYPE")) {
                throw new Malformed(line, "DOCTYPE declarations are not allowed in a CIB (entities are never"
                        + " expanded)");
            } else if (prolog) {
                return;
            } else {
                throw expected("nothing after the root element's end tag");
            }
        }
    }

    /** The root element and everything in it, iteratively (a deep document cannot overflow the stack). */
    private XmlElement element() throws IOException, Malformed {
        XmlElement done = startTag();
        if (done != null) {
            return done;
        }
        while (true) {
            Open top = stack.get(stack.size() - 1);
            int c = peek();
            if (c == EOF) {
                throw new Malformed(line, notWellFormed("the document ends inside <" + top.name + "> (opened on line "
                        + top.line + "), expected its end tag </" + top.name + ">"));
            }
            if (c != '<') {
                text(top);
                continue;
            }
            if (lookingAt("</")) {
                XmlElement e = endTag(top);
                if (stack.isEmpty()) {
                    return e;
                }
                stack.get(stack.size() - 1).children.add(e);
                top = stack.get(stack.size() - 1);
                top.textEnds();
            } else if (lookingAt("<!--")) {
                comment();
                top.textEnds();
            } else if (lookingAt("<![CDATA[")) {
                cdata(top);
            } else if (lookingAt("<?")) {
                processingInstruction();
                top.textEnds();
            } else if (lookingAt("<!")) {
                throw expected("an element, a comment (<!--) or a CDATA section (<![CDATA[) after '<!'");
            } else {
                XmlElement e = startTag();
                if (e != null) {
                    top.children.add(e);
                    top.textEnds();
                }
            }
        }
    }

    /** A start tag; an empty element comes back built, an open one is pushed and null returned. */
    private XmlElement startTag() throws IOException, Malformed {
        int startLine = line;
        next(); // '<'
        if (stack.size() >= MAX_DEPTH) {
            throw new Malformed(startLine, "elements nested deeper than " + MAX_DEPTH + " levels");
        }
        String name = share(name(NAME_ELEMENT, null));
        Map<String, String> attrs = new LinkedHashMap<>();
        List<String> declared = null;
        boolean prefixed = name.indexOf(':') > 0;
        while (true) {
            boolean space = skipSpace();
            int c = peek();
            if (c == '>' || c == '/') {
                break;
            }
            if (c == EOF) {
                throw expected("'>' to end the start tag <" + name + ">");
            }
            if (!space) {
                throw expected("white space, '>' or '/>' after <" + name
                        + (attrs.isEmpty() ? "" : " ...\"") + " (in the start tag)");
            }
            String attr = name(NAME_ATTRIBUTE, name);
            skipSpace();
            if (peek() != '=') {
                throw expected("'=' after the attribute name " + attr + " in <" + name + ">");
            }
            next();
            skipSpace();
            String value = attributeValue(attr, name);
            if (attr.startsWith("xmlns") && (attr.length() == 5 || attr.charAt(5) == ':')) {
                // namespace declarations bind prefixes; as for the JDK's namespace-aware parser they are not
                // attributes of the element
                if (declared == null) {
                    declared = new ArrayList<>();
                }
                if (attr.length() > 5) {
                    declared.add(attr.substring(6));
                }
                continue;
            }
            String key = share(attr);
            String shown = key.equals("id") ? value : share(value); // ids are unique
            if (attrs.put(key, shown) != null) {
                throw new Malformed(startLine, notWellFormed("attribute " + key + " appears twice in <" + name
                        + ">"));
            }
            prefixed |= key.indexOf(':') > 0;
            retained += ATTRIBUTE_COST + (shown == value ? STRING_COST + value.length() : 0);
        }
        retained += ELEMENT_COST;
        if (retained > memoryBudget) {
            throw new Malformed(startLine, "reading this CIB would hold more than " + (memoryBudget >> 20)
                    + " MiB, " + budgetReason);
        }
        Open open = new Open(name, attrs, startLine, declared);
        stack.add(open);
        if (prefixed) {
            checkPrefix(name, startLine);
            for (String a : attrs.keySet()) {
                checkPrefix(a, startLine);
            }
        }
        if (peek() == '/') {
            next();
            if (peek() != '>') {
                throw expected("'>' after '/' to end the empty element <" + name + "/>");
            }
            next();
            return close(open);
        }
        next(); // '>'
        return null;
    }

    /** The end tag of {@code top}, which is popped and built. */
    private XmlElement endTag(Open top) throws IOException, Malformed {
        int startLine = line;
        int startColumn = column + 1;
        next();
        next(); // "</"
        if (!skipName(top.name)) {
            String name = name(NAME_END, null);
            if (!name.equals(top.name)) {
                throw new Malformed(startLine, "not well-formed XML at column " + startColumn + ": end tag </" + name
                        + "> does not match the start tag <" + top.name + "> on line " + top.line + " (expected </"
                        + top.name + ">)");
            }
        }
        skipSpace();
        if (peek() != '>') {
            throw expected("'>' to end the end tag </" + top.name + ">");
        }
        next();
        return close(top);
    }

    /** Consumes {@code name} when the input continues with it and not a longer name; false: nothing consumed. */
    private boolean skipName(String name) throws IOException {
        int n = name.length();
        if (n + 1 > buf.length) {
            return false; // longer than the buffer: compared the slow way
        }
        if (limit - pos < n + 1) {
            fill(n + 1);
            if (limit - pos < n) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != name.charAt(i)) {
                return false;
            }
        }
        if (pos + n < limit && XmlChars.isNameChar(buf[pos + n])) {
            return false;
        }
        pos += n;
        column += n;
        return true;
    }

    /** Pops {@code open} (the innermost element) and builds it. */
    private XmlElement close(Open open) {
        stack.remove(stack.size() - 1);
        XmlElement e = open.build();
        lines.put(e, open.line);
        if (e.text() != null) {
            retained += e.text().length();
        }
        return e;
    }

    /** Character data up to the next '<', with references replaced. */
    private void text(Open top) throws IOException, Malformed {
        StringBuilder sb = top.text;
        while (true) {
            // ordinary characters straight from the buffer; anything else one at a time below
            char[] b = buf;
            int start = pos;
            int i = pos;
            int end = limit;
            int ln = line;
            int col = column;
            while (i < end) {
                char c = b[i];
                if (c >= ' ') {
                    if (c == '<' || c == '&' || c == ']' || c >= 0xFFFE) {
                        break;
                    }
                    col++;
                } else if (c == '\n') {
                    ln++;
                    col = 0;
                } else if (c == '\t') {
                    col++;
                } else {
                    break; // '\r' or a control character
                }
                i++;
            }
            line = ln;
            column = col;
            if (i > start) {
                sb.append(b, start, i - start);
                pos = i;
                top.grew(this);
            }
            int c = peek();
            if (c == '<' || c == EOF) {
                return;
            }
            if (c == '&') {
                reference(sb, null);
            } else if (c == ']' && lookingAt("]]>")) {
                throw new Malformed(line, "not well-formed XML at column " + (column + 1) + ": ']]>' is allowed"
                        + " only at the end of a CDATA section (write ']]&gt;' in text)");
            } else {
                sb.append((char) next());
            }
            top.grew(this);
        }
    }

    private void cdata(Open top) throws IOException, Malformed {
        int startLine = line;
        skip(9); // <![CDATA[
        StringBuilder sb = top.text;
        while (true) {
            int c = next();
            if (c == EOF) {
                throw new Malformed(line, notWellFormed("the document ends inside the CDATA section opened on line "
                        + startLine + ", expected ']]>'"));
            }
            if (c == ']' && lookingAt("]>")) {
                skip(2);
                return;
            }
            sb.append((char) c);
            top.grew(this);
        }
    }

    private void comment() throws IOException, Malformed {
        int startLine = line;
        skip(4); // <!--
        while (true) {
            int c = next();
            if (c == EOF) {
                throw new Malformed(line, notWellFormed("the document ends inside the comment opened on line "
                        + startLine + ", expected '-->'"));
            }
            if (c == '-' && peek() == '-') {
                next();
                if (next() != '>') {
                    throw wrong("'--' inside a comment (a comment may not contain '--'; expected '-->')");
                }
                return;
            }
        }
    }

    private void processingInstruction() throws IOException, Malformed {
        int startLine = line;
        skip(2); // <?
        String target = name(NAME_PI, null);
        if (target.equalsIgnoreCase("xml")) {
            throw new Malformed(startLine, notWellFormed("an XML declaration (<?xml ...?>) is allowed only at the very"
                    + " start of the document"));
        }
        if (lookingAt("?>")) {
            skip(2);
            return;
        }
        if (!skipSpace()) {
            throw expected("white space or '?>' after the processing instruction target " + target);
        }
        while (true) {
            int c = next();
            if (c == EOF) {
                throw new Malformed(line, notWellFormed("the document ends inside the processing instruction opened"
                        + " on line " + startLine + ", expected '?>'"));
            }
            if (c == '?' && peek() == '>') {
                next();
                return;
            }
        }
    }

    /** {@code <?xml version="1.x" encoding="..." standalone="yes|no"?>}, in that order. */
    private void xmlDeclaration() throws IOException, Malformed {
        skip(5);
        skipSpace();
        String version = declarationPart("version", true);
        if (!XmlChars.isVersion(version)) {
            throw new Malformed(line, notWellFormed("XML version \"" + version + "\" (expected 1.0)"));
        }
        boolean space = skipSpace();
        if (space && lookingAt("encoding")) {
            String enc = declarationPart("encoding", false);
            if (!XmlChars.isEncodingName(enc)) {
                throw new Malformed(line, notWellFormed("encoding name \"" + enc + "\""));
            }
            space = skipSpace();
        }
        if (space && lookingAt("standalone")) {
            String sd = declarationPart("standalone", false);
            if (!sd.equals("yes") && !sd.equals("no")) {
                throw new Malformed(line, notWellFormed("standalone=\"" + sd + "\" (expected yes or no)"));
            }
            skipSpace();
        }
        if (!lookingAt("?>")) {
            throw expected("'?>' to end the XML declaration (version, then encoding, then standalone)");
        }
        skip(2);
    }

    private String declarationPart(String key, boolean required) throws IOException, Malformed {
        if (!lookingAt(key)) {
            throw expected(required ? key + "=\"1.0\" in the XML declaration" : key);
        }
        skip(key.length());
        skipSpace();
        expect('=', "'=' after " + key + " in the XML declaration");
        skipSpace();
        int quote = peek();
        if (quote != '"' && quote != '\'') {
            throw expected("a quoted value for " + key + " in the XML declaration");
        }
        next();
        StringBuilder sb = new StringBuilder();
        while (peek() != quote) {
            int c = peek();
            if (c == EOF || c == '<' || c == '>' || c == '\n') {
                throw expected("the closing quote of " + key + " in the XML declaration");
            }
            sb.append((char) next());
        }
        next();
        return sb.toString();
    }

    // ---- lexical pieces

    /** A quoted attribute value: references replaced, each literal white space character made a space. */
    private String attributeValue(String attr, String element) throws IOException, Malformed {
        int quote = peek();
        if (quote != '"' && quote != '\'') {
            throw expected("a quoted value for the attribute " + attr + " in <" + element + ">");
        }
        next();
        StringBuilder sb = null;
        while (true) {
            // ordinary characters straight from the buffer; anything else one at a time below
            char[] b = buf;
            int start = pos;
            int i = pos;
            int end = limit;
            while (i < end) {
                char c = b[i];
                if (c < ' ' || c == quote || c == '&' || c == '<' || c >= 0xFFFE) {
                    break;
                }
                i++;
            }
            column += i - start;
            pos = i;
            if (sb == null) {
                if (i < end && b[i] == quote) {
                    String v = new String(b, start, i - start);
                    next();
                    return v;
                }
                sb = value;
                sb.setLength(0);
            }
            sb.append(b, start, i - start);
            int c = peek();
            if (c == quote) {
                next();
                return sb.toString();
            }
            switch (c) {
                case EOF -> throw expected("the closing quote of the attribute " + attr + " in <" + element + ">");
                case '<' -> throw expected("no '<' inside the value of the attribute " + attr + " in <" + element
                        + "> (write &lt;), or a missing closing quote");
                case '&' -> reference(sb, attr);
                case '\n', '\t' -> {
                    next(); // a line end (CR LF, CR or LF) or a tab: one space
                    sb.append(' ');
                }
                default -> sb.append((char) next()); // after a refill, or one next() refuses
            }
            if (sb.length() > maxText) {
                throw new Malformed(line, "attribute " + attr + " of <" + element + "> longer than "
                        + (maxText >> 20) + " MiB");
            }
        }
    }

    /**
     * {@code &name;} for the five predefined entities, {@code &#N;} and {@code &#xH;}; {@code attr}: the attribute
     * whose value holds it, null in text.
     */
    private void reference(StringBuilder sb, String attr) throws IOException, Malformed {
        next(); // '&'
        if (peek() == '#') {
            next();
            boolean hex = peek() == 'x';
            if (hex) {
                next();
            }
            long cp = 0;
            int digits = 0;
            while (true) {
                int c = peek();
                int d = XmlChars.isAsciiDigit(c) ? c - '0' : !hex ? -1 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    break;
                }
                next();
                digits++;
                cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
            }
            if (digits == 0) {
                throw expected((hex ? "hexadecimal digits after '&#x'" : "digits or 'x' after '&#'")
                        + " (a character reference) in " + where(attr));
            }
            if (peek() != ';') {
                throw expected("';' to end the character reference in " + where(attr));
            }
            next();
            if (!XmlChars.isXmlChar(cp)) {
                throw new Malformed(line, notWellFormed("the character reference &#" + (hex ? "x" : "")
                        + "... in " + where(attr) + " names " + XmlChars.codePoint(cp) + ", which XML does not allow"));
            }
            sb.appendCodePoint((int) cp);
            return;
        }
        String name = name(NAME_ENTITY, attr);
        if (peek() != ';') {
            throw expected("';' to end the entity reference &" + name + " in " + where(attr));
        }
        next();
        switch (name) {
            case "lt" -> sb.append('<');
            case "gt" -> sb.append('>');
            case "amp" -> sb.append('&');
            case "quot" -> sb.append('"');
            case "apos" -> sb.append('\'');
            default -> throw new Malformed(line, "entity reference &" + name + "; is not allowed (only &lt; &gt;"
                    + " &amp; &quot; &apos; and character references; a CIB has no DTD)");
        }
    }

    private static String where(String attr) {
        return attr == null ? "text" : "the value of the attribute " + attr;
    }

    /**
     * An XML name; {@code kind} (one of the NAME_ constants) and {@code context} (the element of an attribute,
     * the attribute of an entity reference) say what was expected when there is none.
     */
    private String name(int kind, String context) throws IOException, Malformed {
        int first = peek();
        if (first == EOF || !XmlChars.isNameStart(first)) {
            throw expected(switch (kind) {
                case NAME_ELEMENT -> "an element name after '<'";
                case NAME_END -> "an element name after '</'";
                case NAME_ATTRIBUTE -> "an attribute name, '>' or '/>' in the start tag <" + context + ">";
                case NAME_ENTITY -> "an entity name or '#' after '&' in " + where(context) + " (write &amp; for '&')";
                default -> "a processing instruction target after '<?'";
            });
        }
        StringBuilder sb = null;
        while (true) {
            char[] b = buf;
            int start = pos;
            int i = pos;
            int end = limit;
            while (i < end) {
                char c = b[i];
                if (c < 0x80 ? !ASCII_NAME[c] : !XmlChars.isNameChar(c)) {
                    break;
                }
                i++;
            }
            column += i - start;
            pos = i;
            if (i < end) {
                if (sb == null) {
                    return new String(b, start, i - start);
                }
                return sb.append(b, start, i - start).toString();
            }
            if (sb == null) {
                sb = scratch;
                sb.setLength(0);
            }
            sb.append(b, start, i - start); // the buffer ends inside the name
            fill(1);
            if (pos >= limit) {
                return sb.toString();
            }
        }
    }

    /** A prefix ({@code p:name}) must be bound by an xmlns:p here or above; {@code xml} always is. */
    private void checkPrefix(String qname, int at) throws Malformed {
        int colon = qname.indexOf(':');
        if (colon <= 0) {
            return; // no prefix (a leading colon is part of the name, as the JDK's parser reads it)
        }
        String prefix = qname.substring(0, colon);
        String local = qname.substring(colon + 1);
        if (prefix.isEmpty() || local.isEmpty() || local.indexOf(':') >= 0 || !XmlChars.isNameStart(local.charAt(0))) {
            throw new Malformed(at, notWellFormed("the name " + qname + " is not a valid prefixed name"
                    + " (prefix:local)"));
        }
        if (prefix.equals("xml")) {
            return;
        }
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (stack.get(i).declares(prefix)) {
                return;
            }
        }
        throw new Malformed(at, notWellFormed("the prefix " + prefix + " of " + qname + " is not bound (no xmlns:"
                + prefix + "=\"...\" on it or an enclosing element)"));
    }

    // ---- characters

    private void skipBom() throws IOException {
        if (peek() == 0xFEFF) {
            pos++;
        }
    }

    /** Skips XML white space; true when there was some. */
    private boolean skipSpace() throws IOException, Malformed {
        boolean any = false;
        while (true) {
            char[] b = buf;
            int i = pos;
            int end = limit;
            while (i < end) {
                char c = b[i];
                if (c == ' ' || c == '\t') {
                    column++;
                } else if (c == '\n') {
                    line++;
                    column = 0;
                } else {
                    break;
                }
                i++;
            }
            if (i > pos) {
                any = true;
                pos = i;
            }
            if (i < end) {
                if (b[i] != '\r') {
                    return any;
                }
                next(); // a CR (LF) line end
                any = true;
            } else {
                fill(1);
                if (pos >= limit) {
                    return any;
                }
            }
        }
    }

    private void expect(char c, String what) throws IOException, Malformed {
        if (peek() != c) {
            throw expected(what);
        }
        next();
    }

    private void skip(int n) throws IOException, Malformed {
        for (int i = 0; i < n; i++) {
            next();
        }
    }

    /** Whether the input continues with {@code s} (ASCII, without line ends). */
    private boolean lookingAt(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            if (peekAt(i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int peek() throws IOException {
        if (pos < limit) {
            int c = buf[pos];
            return c == '\r' ? '\n' : c;
        }
        return peekAt(0);
    }

    /** The character {@code ahead} places on (a '\r' counts as is), or EOF. */
    private int peekAt(int ahead) throws IOException {
        if (pos + ahead >= limit) {
            fill(ahead + 1);
            if (pos + ahead >= limit) {
                return EOF;
            }
        }
        int c = buf[pos + ahead];
        return ahead == 0 && c == '\r' ? '\n' : c;
    }

    /** The next character, line ends ({@code \r\n}, {@code \r}) read as {@code \n}; checked to be an XML one. */
    private int next() throws IOException, Malformed {
        if (pos >= limit) {
            fill(1);
            if (pos >= limit) {
                return EOF;
            }
        }
        int c = buf[pos++];
        if (c == '\r') {
            c = '\n';
            if (pos < limit) {
                if (buf[pos] == '\n') {
                    pos++; // CR LF is one line end
                }
            } else {
                afterCr = true; // the LF, if one follows, is dropped when it arrives
            }
        }
        if (c == '\n') {
            line++;
            column = 0;
        } else {
            column++;
            if ((c < 0x20 && c != '\t') || c >= 0xFFFE) {
                throw wrong(XmlChars.codePoint(c) + " is not allowed in XML (a control character or non-character)");
            }
        }
        return c;
    }

    /** Makes at least {@code wanted} characters available from {@code pos} unless the input ends first. */
    private void fill(int wanted) throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < wanted && !charsEnded) {
            if (undecodable) {
                throw new Undecodable(line, column + 1, encoding);
            }
            CharBuffer out = CharBuffer.wrap(buf, limit, buf.length - limit);
            CoderResult r = decoder.decode(bytes, out, bytesEnded);
            limit = out.position();
            if (r.isError()) {
                undecodable = true; // the characters before the bad bytes are read first
            } else if (r.isUnderflow()) {
                if (bytesEnded) {
                    decoder.flush(out);
                    limit = out.position();
                    charsEnded = true;
                    dropLfAfterCr();
                    return;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    bytesEnded = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            } else {
                dropLfAfterCr();
                return; // overflow: the buffer is full
            }
            dropLfAfterCr();
        }
    }

    /** The buffer ended with a CR (so nothing was left in it): a LF now first is the same line end. */
    private void dropLfAfterCr() {
        if (afterCr && limit > 0) {
            afterCr = false;
            if (buf[0] == '\n') {
                System.arraycopy(buf, 1, buf, 0, --limit);
            }
        }
    }

    /** Bytes that are not text in the input's encoding, with the line they were on. */
    static final class Undecodable extends IOException {
        private static final long serialVersionUID = 1L;

        final int line;
        final String encoding;

        final int column;

        Undecodable(int line, int column, String encoding) {
            super("not valid " + encoding + " text", null);
            this.line = line;
            this.column = column;
            this.encoding = encoding;
        }
    }

    // ---- messages

    /** "expected WHAT, found X" about the next character. */
    private Malformed expected(String what) throws IOException {
        return new Malformed(line, "not well-formed XML at column " + (column + 1) + ": expected " + what + ", found "
                + XmlChars.describe(peek()));
    }

    /** What is wrong with the character just read. */
    private Malformed wrong(String what) {
        return new Malformed(line, notWellFormed(what));
    }

    private String notWellFormed(String what) {
        return "not well-formed XML at column " + Math.max(column, 1) + ": " + what;
    }

    // ---- the tree

    /**
     * One copy of each short string: a CIB repeats the same names and values (class="ocf", name="monitor",
     * interval="10s") hundreds of thousands of times. Bounded, so unique values cannot grow the table forever.
     */
    private String share(String s) {
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

    /** An element whose end tag has not been read yet. */
    private static final class Open {
        final String name;
        final Map<String, String> attrs;
        final int line;
        final List<String> prefixes;
        final List<XmlElement> children = new ArrayList<>();
        /** Character data (text and CDATA sections); a blank run before any content is layout and dropped. */
        final StringBuilder text = new StringBuilder();
        /** Where the current run of character data (between two pieces of markup) began in {@link #text}. */
        int runStart;

        Open(String name, Map<String, String> attrs, int line, List<String> prefixes) {
            this.name = name;
            this.attrs = attrs;
            this.line = line;
            this.prefixes = prefixes;
        }

        boolean declares(String prefix) {
            return prefixes != null && prefixes.contains(prefix);
        }

        /** A tag, comment or processing instruction ends the run: dropped if blank and nothing came before. */
        void textEnds() {
            if (runStart == 0 && isXmlSpace(text)) {
                text.setLength(0);
            }
            runStart = text.length();
        }

        void grew(XmlParser p) throws Malformed {
            if (text.length() > p.maxText) {
                throw new Malformed(p.line, "text in <" + name + "> longer than " + (p.maxText >> 20) + " MiB");
            }
        }

        XmlElement build() {
            // indentation between child elements is layout, not content
            String t = text.length() == 0 || isBlank(text) ? null : text.toString();
            return new XmlElement(name, attrs, children, t);
        }

        private static boolean isXmlSpace(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                if (!XmlChars.isSpace(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** As {@link String#isBlank()}. */
        private static boolean isBlank(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                if (!Character.isWhitespace(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
