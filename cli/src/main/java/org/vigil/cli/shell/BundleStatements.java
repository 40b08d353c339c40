package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cib.CibXml;
import org.vigil.cib.OpaqueResource;
import org.vigil.cib.XmlElement;

/**
 * crmsh's {@code bundle ID [description=T] docker|rkt|podman N=V... [network N=V... [port-mapping N=V...]...]
 * [storage [storage-mapping N=V...]...] [primitive RSC] [meta ...]}. The bundle is kept as XML (Vigil's model
 * holds bundles opaquely); {@code primitive RSC} moves that primitive into the bundle when it is applied.
 */
final class BundleStatements {
    static final List<String> CONTAINERS = List.of("docker", "rkt", "podman");
    static final List<String> SECTIONS = List.of("docker", "rkt", "podman", "network", "storage", "primitive", "meta");
    /** Marks where the referenced primitive goes; replaced by the primitive itself when applied. */
    static final String PRIMITIVE_REF = "crmsh-ref";

    private BundleStatements() {}

    static Statement bundle(Cursor c, int line) {
        String id = ConfigParser.id(c, "bundle id");
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", id);
        if (c.peekIsPair() && c.peekText().startsWith("description=")) {
            a.put("description", ConfigParser.pair(c).value());
        }
        List<XmlElement> kids = new ArrayList<>();
        int meta = 0;
        boolean container = false;
        while (!c.atEnd()) {
            String kw = c.nextText("docker, rkt, podman, network, storage, primitive or meta");
            switch (kw) {
                case "docker", "rkt", "podman" -> {
                    if (container) {
                        throw c.errorAtPrevious("bundle " + id + " has a second container ('" + kw + "')");
                    }
                    container = true;
                    kids.add(new XmlElement(kw, pairs(c), List.of()));
                }
                case "network" -> kids.add(withMappings(c, "network", "port-mapping"));
                case "storage" -> kids.add(withMappings(c, "storage", "storage-mapping"));
                case "primitive" -> kids.add(new XmlElement(PRIMITIVE_REF, Map.of("id",
                        ConfigParser.id(c, "the id of the bundled primitive")), List.of()));
                case "meta" -> kids.add(CibXml.toTree("meta_attributes",
                        ConfigParser.nvSet(c, Ids.nvSet(id, "meta_attributes", meta++), kw)));
                default -> throw c.errorAtPrevious("bundle " + id + ": expected one of " + String.join(", ", SECTIONS)
                        + " but found '" + kw + "'" + org.vigil.cli.Suggestions.hint(kw, SECTIONS));
            }
        }
        if (!container) {
            throw c.error("bundle " + id + " needs a container: docker, rkt or podman image=IMAGE");
        }
        return new Statement.RawResourceDef(new OpaqueResource(new XmlElement("bundle", a, kids)), line);
    }

    private static Map<String, String> pairs(Cursor c) {
        Map<String, String> a = new LinkedHashMap<>();
        while (c.peekIsPair()) {
            ConfigParser.Pair p = ConfigParser.pair(c);
            a.put(p.name(), p.value());
        }
        return a;
    }

    /** {@code network N=V... port-mapping N=V... port-mapping ...}: each mapping word starts a child element. */
    private static XmlElement withMappings(Cursor c, String name, String mapping) {
        Map<String, String> a = pairs(c);
        List<XmlElement> kids = new ArrayList<>();
        while (c.peekIs(mapping)) {
            c.next(mapping);
            kids.add(new XmlElement(mapping, pairs(c), List.of()));
        }
        return new XmlElement(name, a, kids);
    }

    /** The primitive a bundle statement names, or null. */
    static String primitiveRef(XmlElement bundle) {
        return bundle.children().stream().filter(k -> k.name().equals(PRIMITIVE_REF)).map(XmlElement::id).findFirst()
                .orElse(null);
    }
}
