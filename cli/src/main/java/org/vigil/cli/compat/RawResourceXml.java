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
        return find(cibText, id, false);
    }

    /**
     * The same, a primitive made from a template shown as Pacemaker's unpack_template makes it when
     * {@code expand} ({@code --query-xml}, not {@code --query-xml-raw}).
     */
    static Optional<String> find(String cibText, String id, boolean expand) {
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
        if (expand && !found.name().equals("template") && attr(found, "template") != null) {
            El template = search(root, attr(found, "template"), false);
            if (template != null && template.name().equals("template")) {
                found = expanded(found, template);
            }
        }
        StringBuilder sb = new StringBuilder();
        format(found, 0, sb);
        return Optional.of(sb.toString());
    }

    /**
     * unpack_template: the template's copy renamed and given the resource's id (and clone attribute), the
     * resource's children after the template's; with operations on both sides, the template's operations the
     * resource does not redefine (same name and role) join the resource's, and the template's go.
     */
    private static El expanded(El rsc, El template) {
        java.util.List<String[]> attrs = new java.util.ArrayList<>();
        for (String[] a : template.attrs()) {
            attrs.add(a[0].equals("id") ? new String[] {"id", attr(rsc, "id")} : a);
        }
        String clone = attr(rsc, "clone");
        if (clone != null) {
            attrs.removeIf(a -> a[0].equals("clone"));
            attrs.add(new String[] {"clone", clone});
        }
        java.util.List<El> children = new java.util.ArrayList<>();
        template.children().forEach(c -> children.add(copy(c)));
        El templateOps = children.stream().filter(c -> c.name().equals("operations")).findFirst().orElse(null);
        El rscOps = null;
        for (El c : rsc.children()) {
            El k = copy(c);
            children.add(k);
            if (k.name().equals("operations")) {
                rscOps = k;
            }
        }
        if (templateOps != null && rscOps != null) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            rscOps.children().forEach(op -> keys.add(opKey(op)));
            for (El op : templateOps.children()) {
                if (!keys.contains(opKey(op))) {
                    rscOps.children().add(copy(op));
                }
            }
            children.remove(templateOps);
        }
        return new El(rsc.name(), attrs, children);
    }

    /** template_op_key: name and role, Started and Unpromoted counting as no role. */
    private static String opKey(El op) {
        String role = attr(op, "role");
        if (role == null || java.util.List.of("started", "unpromoted", "slave").contains(role.toLowerCase(
                java.util.Locale.ROOT))) {
            role = "Unknown";
        }
        return attr(op, "name") + "-" + role;
    }

    private static El copy(El e) {
        java.util.List<El> kids = new java.util.ArrayList<>();
        e.children().forEach(c -> kids.add(copy(c)));
        return new El(e.name(), new java.util.ArrayList<>(e.attrs()), kids);
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
