package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written XML reader: what XML 1.0 allows is read as the JDK's parser reads it, the rest refused. */
class XmlParserTest {
    private static XmlTreeReader.Parsed parse(String xml) throws CibParseException {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XmlTreeReader.Parsed parse(byte[] xml) throws CibParseException {
        return new XmlTreeReader(1 << 20).read(new ByteArrayInputStream(xml), "x.xml");
    }

    private static XmlElement root(String xml) throws CibParseException {
        return parse(xml).root();
    }

    private static String refusal(String xml) {
        return assertThrows(CibParseException.class, () -> parse(xml)).getMessage();
    }

    @Test
    void elementsAttributesAndTextMakeTheTree() throws Exception {
        XmlElement r = root("<a x=\"1\" y='2'><b/><c z=\"3\">hi</c></a>");
        assertEquals(new XmlElement("a", Map.of("x", "1", "y", "2"), List.of(
                new XmlElement("b", Map.of(), List.of()),
                new XmlElement("c", Map.of("z", "3"), List.of(), "hi"))), r);
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreReplaced() throws Exception {
        XmlElement r = root("<a v=\"&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;\">&lt;b&gt; &amp; &#233;</a>");
        assertEquals("<>&\"'AB\uD83D\uDE00", r.attribute("v"));
        assertEquals("<b> & \u00e9", r.text());
    }

    @Test
    void namesTakeSupplementaryCharactersUpToEfffOnly() throws Exception {
        // XML 1.0's NameStartChar and NameChar end at #xEFFFF; #xF0000 (private use) is a character, not a name's
        assertEquals("a\uDB7F\uDFFF", root("<a\uDB7F\uDFFF/>").name());
        String m = refusal("<a><?pi\uDB80\uDC00?></a>");
        assertTrue(m.contains("white space or '?>' after the processing instruction target pi"), m);
        refusal("<a\uDB80\uDC00/>");
    }

    @Test
    void otherEntityReferencesAreRefused() {
        String m = refusal("<a>&nbsp;</a>");
        assertTrue(m.startsWith("x.xml:1: entity reference &nbsp; is not allowed"), m);
        assertTrue(refusal("<a v=\"&x;\"/>").contains("entity reference &x; is not allowed"));
    }

    @Test
    void aBareAmpersandSaysWhatWasExpected() {
        assertEquals("x.xml:1: not well-formed XML at column 10: expected an entity name or '#' after '&' in the"
                + " value of the attribute v (write &amp; for '&'), found ' '", refusal("<a v=\"a & b\"/>"));
        assertTrue(refusal("<a>&#;</a>").contains("expected digits or 'x' after '&#'"));
        assertTrue(refusal("<a>&#x41</a>").contains("expected ';' to end the character reference"));
    }

    @Test
    void characterReferencesToCharactersXmlForbidsAreRefused() {
        assertTrue(refusal("<a>&#1;</a>").contains("names U+0001, which XML does not allow"));
        assertTrue(refusal("<a>&#xD800;</a>").contains("names U+D800"));
        assertTrue(refusal("<a>&#99999999999;</a>").contains("which XML does not allow"));
    }

    @Test
    void commentsAndProcessingInstructionsAreSkippedEverywhere() throws Exception {
        XmlElement r = root("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- before -->\n"
                + "<?pi data?>\n<a><!-- in - side --><?target some data?><b/><?x?></a>\n<!-- after --><?after?>\n");
        assertEquals(new XmlElement("a", Map.of(), List.of(new XmlElement("b", Map.of(), List.of()))), r);
    }

    @Test
    void cdataSectionsAreTextTakenLiterally() throws Exception {
        assertEquals("<not a tag> & ]] > ]>", root("<a><![CDATA[<not a tag> & ]] > ]>]]></a>").text());
        assertEquals("x<y>z", root("<a>x<![CDATA[<y>]]>z</a>").text());
    }

    @Test
    void indentationIsLayoutButTextAfterContentIsKept() throws Exception {
        assertNull(root("<a>\n  <b/>\n  <c/>\n</a>").text());
        assertEquals("\n  text\n", root("<a>\n  <b/>\n  text\n</a>").text());
        assertEquals("  x ", root("<a>  x </a>").text());
    }

    @Test
    void lineEndsAreNormalisedInTextAndAttributeWhitespaceBecomesSpaces() throws Exception {
        XmlElement r = root("<a v=\"1\r\n2\t3\n4\r5&#10;6\">l1\r\nl2\rl3</a>");
        assertEquals("1 2 3 4 5\n6", r.attribute("v"));
        assertEquals("l1\nl2\nl3", r.text());
    }

    @Test
    void eachElementRemembersTheLineOfItsStartTag() throws Exception {
        XmlTreeReader.Parsed p = parse("<a>\r\n<b\n x=\"1\"/>\r<c>\n</c></a>");
        XmlElement a = p.root();
        assertEquals(1, p.lines().get(a));
        assertEquals(2, p.lines().get(a.children().get(0)));
        assertEquals(4, p.lines().get(a.children().get(1)));
    }

    @Test
    void aMismatchedEndTagNamesBothTags() {
        assertEquals("x.xml:3: not well-formed XML at column 1: end tag </c> does not match the start tag <b> on line"
                + " 2 (expected </b>)", refusal("<a>\n<b>\n</c></a>"));
    }

    @Test
    void aDocumentThatStopsEarlySaysWhatIsOpen() {
        String m = refusal("<a>\n<b x=\"1\">\n");
        assertTrue(m.startsWith("x.xml:3: not well-formed XML at column 1: the document ends inside <b> (opened on"
                + " line 2), expected its end tag </b>"), m);
        assertTrue(refusal("<a x=\"1").contains("expected the closing quote of the attribute x in <a>, found the end"
                + " of the document"));
        assertTrue(refusal("<a><!-- x").contains("ends inside the comment opened on line 1"));
        assertTrue(refusal("<a><![CDATA[ x").contains("ends inside the CDATA section"));
        assertTrue(refusal("<a><?pi x").contains("ends inside the processing instruction"));
    }

    @Test
    void malformedTagsAreRefusedWithColumnAndWhatWasExpected() {
        assertEquals("x.xml:1: not well-formed XML at column 7: expected '=' after the attribute name x in <a>, found"
                + " '1'", refusal("<a x  1/>"));
        assertTrue(refusal("<a x=1/>").contains("expected a quoted value for the attribute x in <a>, found '1'"));
        assertTrue(refusal("<a x=\"1\"y=\"2\"/>").contains("expected white space, '>' or '/>'"));
        assertTrue(refusal("<a x=\"1\" x=\"2\"/>").contains("attribute x appears twice in <a>"));
        assertTrue(refusal("<a x=\"<\"/>").contains("no '<' inside the value of the attribute x"));
        assertTrue(refusal("< a/>").contains("expected an element name after '<', found ' '"));
        assertTrue(refusal("<a/ >").contains("expected '>' after '/'"));
        assertTrue(refusal("<a></a >x").contains("expected nothing after the root element"));
        assertTrue(refusal("<a/><b/>").contains("expected nothing after the root element's end tag"));
        assertTrue(refusal("text<a/>").contains("only comments and processing instructions may come before the root"));
    }

    @Test
    void textMayNotHoldTheCdataEnd() {
        assertTrue(refusal("<a>x ]]> y</a>").contains("']]>' is allowed only at the end of a CDATA section"));
    }

    @Test
    void commentsMayNotHoldTwoDashes() {
        assertTrue(refusal("<a><!-- a -- b --></a>").contains("'--' inside a comment"));
        assertTrue(refusal("<a><!-- a ---></a>").contains("'--' inside a comment"));
    }

    @Test
    void theXmlDeclarationIsCheckedAndOnlyAllowedFirst() {
        assertTrue(refusal(" <?xml version=\"1.0\"?><a/>").contains("allowed only at the very start"));
        assertTrue(refusal("<a><?xml version=\"1.0\"?></a>").contains("allowed only at the very start"));
        assertTrue(refusal("<?xml encoding=\"UTF-8\"?><a/>").contains("expected version=\"1.0\""));
        assertTrue(refusal("<?xml version=\"2.0\"?><a/>").contains("XML version \"2.0\""));
        assertTrue(refusal("<?xml version=\"1.0\" standalone=\"maybe\"?><a/>").contains("standalone=\"maybe\""));
        assertTrue(refusal("<?xml version=\"1.0\" standalone=\"no\" encoding=\"UTF-8\"?><a/>")
                .contains("expected '?>' to end the XML declaration"));
    }

    @Test
    void aDoctypeIsRefusedWherever() {
        assertTrue(refusal("<!DOCTYPE a><a/>").contains("DOCTYPE declarations are not allowed"));
        assertTrue(refusal("<a><!DOCTYPE a></a>").contains("expected an element, a comment"));
    }

    @Test
    void controlCharactersAreRefused() {
        assertEquals("x.xml:2: not well-formed XML at column 3: U+0001 is not allowed in XML (a control character or"
                + " non-character)", refusal("<a>\nab\u0001</a>"));
        assertTrue(refusal("<a v=\"\u0000\"/>").contains("U+0000 is not allowed"));
        assertTrue(refusal("<a>\uFFFE</a>").contains("U+FFFE is not allowed"));
    }

    @Test
    void namesFollowXmlRules() throws Exception {
        assertEquals("\u00e9l\u00e9ment-1.x_y", root("<\u00e9l\u00e9ment-1.x_y/>").name());
        assertTrue(refusal("<1a/>").contains("expected an element name after '<', found '1'"));
        assertTrue(refusal("<a -x=\"1\"/>").contains("expected an attribute name"));
    }

    @Test
    void namespaceDeclarationsAreNotAttributesAndPrefixesMustBeBound() throws Exception {
        XmlElement r = root("<a xmlns=\"urn:a\" xmlns:p=\"urn:p\" p:x=\"1\" xml:lang=\"en\"><p:b/></a>");
        assertEquals(Map.of("p:x", "1", "xml:lang", "en"), r.attributes());
        assertEquals("p:b", r.children().get(0).name());
        assertTrue(refusal("<a q:x=\"1\"/>").contains("the prefix q of q:x is not bound"));
        assertTrue(refusal("<q:a/>").contains("the prefix q of q:a is not bound"));
        assertTrue(refusal("<a><b xmlns:q=\"u\"/><q:c/></a>").contains("the prefix q of q:c is not bound"));
        assertTrue(refusal("<a:/>").contains("is not a valid prefixed name"));
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] bad = {'<', 'a', '>', '\n', 'x', (byte) 0xc3, '(', '<', '/', 'a', '>'};
        CibParseException e = assertThrows(CibParseException.class, () -> parse(bad));
        assertEquals("x.xml:2: not valid UTF-8 text at column 2 (binary data or another encoding; a CIB is UTF-8"
                + " XML)",
                e.getMessage());
    }

    @Test
    void byteOrderMarksAndDeclaredEncodingsAreHonoured() throws Exception {
        byte[] utf8Bom = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, "<a v=\"\u00e9\"/>"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("\u00e9", parse(utf8Bom).root().attribute("v"));
        byte[] utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a v=\"\u00e9\"/>".getBytes(StandardCharsets.UTF_16);
        assertEquals("\u00e9", parse(utf16).root().attribute("v"));
        byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><a v=\"\u00e9\"/>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("\u00e9", parse(latin1).root().attribute("v"));
        byte[] latin2 = "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><a v=\"\u0159\"/>"
                .getBytes(Charset.forName("ISO-8859-2"));
        assertEquals("\u0159", parse(latin2).root().attribute("v"));
        assertTrue(assertThrows(CibParseException.class,
                () -> parse("<?xml version=\"1.0\" encoding=\"NO-SUCH-1\"?><a/>")).getMessage()
                .contains("names the encoding NO-SUCH-1, which this Java does not know"));
    }

    @Test
    void emptyDocumentsAreRefused() {
        assertEquals("x.xml: empty document (expected a <cib> element)", refusal(""));
        assertEquals("x.xml: empty document (expected a <cib> element)", refusal("<?xml version=\"1.0\"?>\n<!-- -->"));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(300) + "</a>".repeat(300);
        assertTrue(refusal(deep).contains("elements nested deeper than 256 levels"));
    }

    @Test
    void longDocumentsReadAcrossBufferBoundaries() throws Exception {
        StringBuilder sb = new StringBuilder("<a>\r\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("<b id=\"b").append(i).append("\" v=\"x&amp;y\r\nz\">t").append(i).append("</b>\r\n");
        }
        sb.append("</a>");
        XmlTreeReader.Parsed p = parse(sb.toString());
        assertEquals(5000, p.root().children().size());
        XmlElement last = p.root().children().get(4999);
        assertEquals("x&y z", last.attribute("v"));
        assertEquals("t4999", last.text());
        assertEquals(10000, p.lines().get(last)); // two line ends per element
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
