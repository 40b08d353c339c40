package org.vigil.cli.compat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A resource's XML as written in the CIB (attribute and child order kept), printed as libxml2 formats it:
 * what {@code crm_resource --query-xml} shows. The model sorts attributes, so this reads the text again.
 */
final class RawResourceXml {
    private static final Set<String> RESOURCES = Set.of("primitive", "group", "clone", "master", "bundle", "template");

    private RawResourceXml() {}

    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream s = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An element as written: attributes in document order. */
    private record El(String name, java.util.List<String[]> attrs, java.util.List<El> children) {}

    /** The element with {@code id} under {@code resources}, formatted, or empty. */
    static Optional<String> find(String cibText, String id) {
        El root;
        try {
            javax.xml.stream.XMLInputFactory f = javax.xml.stream.XMLInputFactory.newDefaultFactory();
            f.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            javax.xml.stream.XMLStreamReader r = f.createXMLStreamReader(new java.io.StringReader(cibText));
            java.util.Deque<El> open = new java.util.ArrayDeque<>();
            root = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    java.util.List<String[]> attrs = new java.util.ArrayList<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.add(new String[] {r.getAttributeLocalName(i), r.getAttributeValue(i)});
                    }
                    El e = new El(r.getLocalName(), attrs, new java.util.ArrayList<>());
                    if (open.isEmpty()) {
                        root = e;
                    } else {
                        open.peek().children().add(e);
                    }
                    open.push(e);
                } else if (ev == javax.xml.stream.XMLStreamConstants.END_ELEMENT) {
                    open.pop();
                }
            }
        } catch (javax.xml.stream.XMLStreamException e) {
            return Optional.empty();
        }
        El found = root == null ? null : search(root, id, false);
        if (found == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        format(found, 0, sb);
        return Optional.of(sb.toString());
    }

    private static El search(El e, String id, boolean inResources) {
        for (El k : e.children()) {
            boolean res = inResources && RESOURCES.contains(k.name());
            if (res && id.equals(attr(k, "id"))) {
                return k;
            }
            if (res || k.name().equals("resources") || k.name().equals("configuration")) {
                El in = search(k, id, res || k.name().equals("resources"));
                if (in != null) {
                    return in;
                }
            }
        }
        return null;
    }

    private static String attr(El e, String name) {
        return e.attrs().stream().filter(a -> a[0].equals(name)).map(a -> a[1]).findFirst().orElse(null);
    }

    private static void format(El e, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append('<').append(e.name());
        for (String[] a : e.attrs()) {
            sb.append(' ').append(a[0]).append("=\"").append(escape(a[1])).append('"');
        }
        if (e.children().isEmpty()) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        for (El k : e.children()) {
            format(k, depth + 1, sb);
        }
        sb.append("  ".repeat(depth)).append("</").append(e.name()).append(">\n");
    }

    private static String escape(String v) {
        return org.vigil.cib.XmlEscape.attribute(v);
    }
}
