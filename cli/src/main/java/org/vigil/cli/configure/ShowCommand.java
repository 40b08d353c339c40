package org.vigil.cli.configure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cib.Configuration;
import org.vigil.cib.XmlElement;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.QuickParsable;
import org.vigil.cli.Suggestions;
import org.vigil.cli.shell.ConfigPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crm configure show [ID...] [xml]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the configuration (or the named objects) in the configure language, or as XML.",
        footer = {"", "Examples:", "  crm configure show", "  crm configure show vm01 MS.DRBD",
            "  crm configure show xml", "  crm configure show vm01 xml", "",
            "Exit codes: 0 ok, 1 error (unknown id, unreadable CIB), 2 usage error."})
public final class ShowCommand extends CibCommand implements QuickParsable {
    @Parameters(arity = "0..*", paramLabel = "ID", description = "objects to show; 'xml' prints Pacemaker XML")
    List<String> args = new ArrayList<>();

    public ShowCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public List<String> quickOptions() {
        return List.of("args");
    }

    @Override
    public Integer call() {
        boolean xml = args.remove("xml");
        Cib cib = client().read();
        Configuration conf = cib.configuration();
        List<ConfigPrinter.Printed> objects = ConfigPrinter.objects(conf);
        Set<String> ids = new LinkedHashSet<>(args);
        List<String> known = objects.stream().map(ConfigPrinter.Printed::id).toList();
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new CliException("object " + id + " does not exist" + Suggestions.hint(id, known));
            }
        }
        if (xml) {
            XmlElement confTree = CibXml.toTree(cib).child("configuration").orElseThrow();
            if (ids.isEmpty()) {
                ctx.out().print(CibXml.write(confTree));
            } else {
                for (String id : ids) {
                    ctx.out().print(CibXml.write(findById(confTree, id)));
                }
            }
            return ExitCodes.OK;
        }
        for (ConfigPrinter.Printed p : objects) {
            if (ids.isEmpty() || ids.contains(p.id())) {
                ctx.out().println(p.text());
            }
        }
        return ExitCodes.OK;
    }

    private static XmlElement findById(XmlElement e, String id) {
        if (id.equals(e.id()) || (e.name().equals("node") && id.equals(e.attribute("uname")))) {
            return e;
        }
        for (XmlElement c : e.children()) {
            XmlElement f = findByIdOrNull(c, id);
            if (f != null) {
                return f;
            }
        }
        if (id.equals("fencing-topology")) {
            return e.child("fencing-topology").orElseThrow(() -> new CliException("no fencing topology"));
        }
        throw new CliException("object " + id + " has no XML element of its own");
    }

    private static XmlElement findByIdOrNull(XmlElement e, String id) {
        if (id.equals(e.id()) || (e.name().equals("node") && id.equals(e.attribute("uname")))) {
            return e;
        }
        for (XmlElement c : e.children()) {
            XmlElement f = findByIdOrNull(c, id);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
