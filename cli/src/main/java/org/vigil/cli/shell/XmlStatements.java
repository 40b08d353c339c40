package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.cib.Configuration;
import org.vigil.cib.ParsedCib;
import org.vigil.cib.XmlElement;

/**
 * {@code xml <element .../>}: objects the configure language cannot express (crmsh prints those the same
 * way), read with the CIB codec so they keep every detail.
 */
final class XmlStatements {
    private static final Set<String> RESOURCES = Set.of("primitive", "group", "clone", "master", "template",
            "bundle");
    private static final Set<String> CONSTRAINTS = Set.of("rsc_location", "rsc_colocation", "rsc_order",
            "rsc_ticket");

    private XmlStatements() {}

    static Statement parse(Cursor c, int line) {
        List<String> words = new ArrayList<>();
        while (!c.atEnd()) {
            Token t = c.next("xml");
            words.add(t.quoted() && t.text().contains(" ") ? t.text() : t.text());
        }
        String xml = String.join(" ", words).trim();
        if (!xml.startsWith("<")) {
            throw new ShellSyntaxException(line, "expected an XML element after 'xml'");
        }
        String name = xml.substring(1).split("[\\s/>]", 2)[0];
        String section = RESOURCES.contains(name) ? "resources" : CONSTRAINTS.contains(name) ? "constraints"
                : name.equals("node") ? "nodes" : null;
        String wrapped = "<cib><configuration>"
                + (name.equals("cluster_property_set") ? "<crm_config>" + xml + "</crm_config>" : "<crm_config/>")
                + (section != null && section.equals("nodes") ? "<nodes>" + xml + "</nodes>" : "<nodes/>")
                + (section != null && section.equals("resources") ? "<resources>" + xml + "</resources>"
                        : "<resources/>")
                + (section != null && section.equals("constraints") ? "<constraints>" + xml + "</constraints>"
                        : "<constraints/>")
                + (section == null && !name.equals("cluster_property_set") ? xml : "")
                + "</configuration><status/></cib>";
        Cib cib;
        try {
            ParsedCib parsed = CibXml.standard().read(wrapped, "xml");
            if (!parsed.warnings().isEmpty()) {
                // what the reader cannot keep would be lost without a word: refuse it instead
                throw new ShellSyntaxException(line, "xml statement: " + parsed.warnings().get(0)
                        .replaceFirst("^xml(:[0-9]+)?: ", ""));
            }
            cib = parsed.cib();
        } catch (CibParseException e) {
            throw new ShellSyntaxException(line, "invalid xml statement: " + e.reason());
        }
        Configuration conf = cib.configuration();
        boolean needsId = RESOURCES.contains(name) || CONSTRAINTS.contains(name) || name.equals("node")
                || name.equals("cluster_property_set");
        if (needsId && !conf.resources().isEmpty() && blank(conf.resources().get(0).id())
                || needsId && !conf.constraints().isEmpty() && blank(conf.constraints().get(0).id())
                || needsId && !conf.nodes().isEmpty() && blank(conf.nodes().get(0).id())
                || needsId && !conf.clusterProperties().isEmpty() && blank(conf.clusterProperties().get(0).id())) {
            throw new ShellSyntaxException(line, "xml statement <" + name + "> has no id (every " + name
                    + " needs id=\"...\")");
        }
        if (!conf.resources().isEmpty()) {
            return new Statement.RawResourceDef(conf.resources().get(0), line);
        }
        if (!conf.constraints().isEmpty()) {
            return new Statement.ConstraintDef(conf.constraints().get(0), line);
        }
        if (!conf.nodes().isEmpty()) {
            return new Statement.NodeDef(conf.nodes().get(0), line);
        }
        if (!conf.clusterProperties().isEmpty()) {
            return new Statement.NvSetDef(Statement.Section.PROPERTY, conf.clusterProperties().get(0), line);
        }
        if (!conf.rscDefaults().isEmpty()) {
            return new Statement.NvSetDef(Statement.Section.RSC_DEFAULTS, conf.rscDefaults().get(0), line);
        }
        if (!conf.opDefaults().isEmpty()) {
            return new Statement.NvSetDef(Statement.Section.OP_DEFAULTS, conf.opDefaults().get(0), line);
        }
        if (!conf.extras().isEmpty()) {
            XmlElement e = conf.extras().get(0);
            return new Statement.ExtraDef(e.name(), e.name(), e, line);
        }
        throw new ShellSyntaxException(line, "xml statement '" + name + "' is not a configuration object");
    }

    private static boolean blank(String id) {
        return id == null || id.isBlank();
    }

    /** One line of XML for {@code xml ...} output. */
    static String oneLine(XmlElement e) {
        return CibXml.write(e).replaceAll(">\\s*\\n\\s*<", "><").replace("\n", " ").trim();
    }
}
