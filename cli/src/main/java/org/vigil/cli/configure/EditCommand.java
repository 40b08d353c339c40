package org.vigil.cli.configure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Suggestions;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;
import org.vigil.cli.shell.ConfigPrinter;
import org.vigil.cli.shell.ShellSyntaxException;
import org.vigil.cli.shell.Statement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code crm configure edit [ID...]}: opens the canonical text in $EDITOR, then validates and applies the
 * result atomically. An invalid result is reopened with the error on top; leaving it unchanged gives up.
 * Objects whose text was not touched keep their exact stored form; objects whose text was removed are deleted.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit the configuration (or the named objects) in $EDITOR (then $VISUAL, then vi).",
            "Deleting an object's text deletes the object; invalid results are reopened with the error."},
        footer = {"", "Examples:", "  crm configure edit", "  EDITOR=nano crm configure edit vm01", "",
            "Exit codes: 0 ok (or nothing changed), 1 error or edit abandoned (CIB unchanged), 2 usage error."})
final class EditCommand extends CibCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ID")
    List<String> ids = new ArrayList<>();

    EditCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        Cib cib = client().read();
        List<ConfigPrinter.Printed> all = ConfigPrinter.objects(cib.configuration());
        List<String> known = all.stream().map(ConfigPrinter.Printed::id).toList();
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new CliException("object " + id + " does not exist" + Suggestions.hint(id, known));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (ConfigPrinter.Printed p : all) {
            if (ids.isEmpty() || ids.contains(p.id())) {
                sb.append(p.text()).append('\n');
            }
        }
        String original = sb.toString();
        Map<String, Statement> before = byId(ConfigParser.parseText(original));
        String shown = original;
        Path tmp;
        try {
            tmp = Files.createTempFile("crm-edit-", ".crm");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary file for the editor: " + e.getMessage());
        }
        try {
            boolean retry = false;
            while (true) {
                String edited = runEditor(tmp, shown);
                if (edited.equals(shown)) {
                    if (retry) {
                        throw new CliException("edit abandoned; the CIB is unchanged");
                    }
                    ctx.out().println("no changes");
                    return ExitCodes.OK;
                }
                String body = stripErrors(edited);
                try {
                    List<Statement> after = ConfigParser.parseText(body);
                    client().apply(current -> current.withConfiguration(
                            merge(current.configuration(), before, after)));
                    flushNotices();
                    return ExitCodes.OK;
                } catch (ShellSyntaxException e) {
                    shown = errorHeader(e.describe("edited text")) + body;
                } catch (CliException e) {
                    shown = errorHeader(e.getMessage()) + body;
                }
                discardNotices();
                retry = true;
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                ctx.err().println("crm: could not remove " + tmp + ": " + e.getMessage());
            }
        }
    }

    private static String errorHeader(String message) {
        return "# ERROR: " + message.replace("\n", " ") + "\n# Fix the text below and save, or leave it unchanged "
                + "to give up (the CIB stays as it was).\n";
    }

    private static String stripErrors(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("# ERROR: ") && !line.startsWith("# Fix the text below")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private Configuration merge(Configuration conf, Map<String, Statement> before, List<Statement> after) {
        Map<String, Statement> now = byId(after);
        Set<String> delete = new LinkedHashSet<>();
        List<Statement> changed = new ArrayList<>();
        for (Statement s : after) {
            Statement old = before.get(key(s));
            if (old != null && old.equals(withoutLine(s))) {
                continue;
            }
            changed.add(s);
            if (old != null && (s instanceof Statement.NvSetDef)) {
                delete.add(s.id());
            }
        }
        for (Map.Entry<String, Statement> e : before.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                delete.add(e.getValue().id());
            }
        }
        Configuration c = conf;
        if (!delete.isEmpty()) {
            ConfigDeleter.Result r = ConfigDeleter.delete(c, List.copyOf(delete), false);
            r.messages().forEach(m -> notice("INFO: " + m));
            c = r.configuration();
        }
        return ConfigApplier.apply(c, changed, ConfigApplier.Mode.UPDATE);
    }

    private static String key(Statement s) {
        return s.getClass().getSimpleName() + ":" + s.id();
    }

    private static Map<String, Statement> byId(List<Statement> statements) {
        Map<String, Statement> out = new HashMap<>();
        for (Statement s : statements) {
            out.put(key(s), withoutLine(s));
        }
        return out;
    }

    /** Statements compare equal regardless of where they sit in the text. */
    private static Statement withoutLine(Statement s) {
        if (s instanceof Statement.NodeDef n) {
            return new Statement.NodeDef(n.node(), 0);
        }
        if (s instanceof Statement.PrimitiveDef p) {
            return new Statement.PrimitiveDef(p.primitive(), p.template(), 0);
        }
        if (s instanceof Statement.GroupDef g) {
            return new Statement.GroupDef(g.id(), g.members(), g.otherAttributes(), g.params(), g.meta(), 0);
        }
        if (s instanceof Statement.CloneDef c) {
            return new Statement.CloneDef(c.id(), c.child(), c.master(), c.otherAttributes(), c.params(), c.meta(), 0);
        }
        if (s instanceof Statement.ConstraintDef c) {
            return new Statement.ConstraintDef(c.constraint(), 0);
        }
        if (s instanceof Statement.NvSetDef n) {
            return new Statement.NvSetDef(n.section(), n.set(), 0);
        }
        if (s instanceof Statement.RawResourceDef r) {
            return new Statement.RawResourceDef(r.resource(), 0);
        }
        Statement.ExtraDef e = (Statement.ExtraDef) s;
        return new Statement.ExtraDef(e.id(), e.section(), e.element(), 0);
    }

    private String runEditor(Path file, String text) {
        String editor = ctx.env("EDITOR");
        if (editor == null) {
            editor = ctx.env("VISUAL");
        }
        if (editor == null) {
            editor = "vi";
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString());
            pb.directory(ctx.workDir().toFile());
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            int rc = pb.start().waitFor();
            if (rc != 0) {
                throw new CliException("editor '" + editor + "' exited with status " + rc + "; the CIB is unchanged");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot run editor '" + editor + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the editor; the CIB is unchanged");
        }
    }
}
