package org.vigil.cli.configure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;
import org.vigil.cli.shell.ShellSyntaxException;
import org.vigil.cli.shell.Statement;
import org.vigil.cli.verify.ExpertChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crm configure primitive|group|...}: one object of the configure language, added to the CIB. */
@Command(mixinStandardHelpOptions = true)
final class ObjectCommand extends CibCommand implements Callable<Integer> {
    private final String keyword;

    @Parameters(arity = "0..*", paramLabel = "WORD", description = "the object definition")
    List<String> words = new ArrayList<>();

    ObjectCommand(CliContext ctx, String keyword) {
        super(ctx);
        this.keyword = keyword;
    }

    static CommandLine commandLine(CliContext ctx, String keyword, CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new ObjectCommand(ctx, keyword), factory);
        cl.setUnmatchedOptionsArePositionalParams(true);
        ObjectSyntax.Help h = ObjectSyntax.ALL.get(keyword);
        cl.getCommandSpec().name(keyword);
        cl.getCommandSpec().usageMessage()
                .description(h.summary(), "", "Syntax:", "  " + h.syntax())
                .footer("", "Example:", "  " + h.example(), "",
                        "Exit codes: 0 ok, 1 error (nothing was changed), 2 usage or syntax error.");
        return cl;
    }

    @Override
    public Integer call() {
        if (words.isEmpty()) {
            throw new CliException(keyword + ": missing definition; syntax: "
                    + ObjectSyntax.ALL.get(keyword).syntax().lines().findFirst().orElse(""), ExitCodes.USAGE);
        }
        List<String> all = new ArrayList<>();
        all.add(keyword);
        all.addAll(words);
        Statement s;
        try {
            s = ConfigParser.parseArguments(all);
        } catch (ShellSyntaxException e) {
            throw new CliException(keyword + ": " + e.getMessage(), ExitCodes.USAGE);
        }
        try {
            client().apply(cib -> cib.withConfiguration(
                    ConfigApplier.apply(cib.configuration(), List.of(s), ConfigApplier.Mode.CREATE)));
        } catch (ShellSyntaxException e) {
            throw new CliException(keyword + ": " + e.getMessage());
        }
        warnUnknownNames(s);
        return ExitCodes.OK;
    }

    /** Pacemaker ignores misspelled options silently; say so while the operator is still typing. */
    private void warnUnknownNames(Statement s) {
        List<NvSet> sets = List.of();
        boolean property = false;
        if (s instanceof Statement.NvSetDef n && n.section() != Statement.Section.OP_DEFAULTS) {
            sets = List.of(n.set());
            property = n.section() == Statement.Section.PROPERTY;
        } else if (s instanceof Statement.PrimitiveDef p) {
            sets = p.primitive().metaAttributes();
        } else if (s instanceof Statement.GroupDef g) {
            sets = g.meta();
        } else if (s instanceof Statement.CloneDef c) {
            sets = c.meta();
        }
        for (NvSet set : sets) {
            for (NvPair pair : set.pairs()) {
                final boolean prop = property;
                ExpertChecks.unknownName(prop, pair.name()).ifPresent(w -> ctx.err().println(w));
            }
        }
        ctx.err().flush();
    }
}
