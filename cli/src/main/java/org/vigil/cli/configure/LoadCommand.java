package org.vigil.cli.configure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cib.Configuration;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.shell.ConfigApplier;
import org.vigil.cli.shell.ConfigParser;
import org.vigil.cli.shell.ShellSyntaxException;
import org.vigil.cli.shell.Statement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crm configure load replace|update FILE}. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load configure-language text from FILE ('-' reads standard input).",
            "update: objects in FILE are added, or replace objects with the same id; properties merge.",
            "replace: the whole configuration becomes what FILE says (the status section is kept)."},
        footer = {"", "Examples:", "  crm configure load update isp-stack.crm",
            "  crm configure show > saved.crm && crm configure load replace saved.crm", "",
            "Exit codes: 0 ok, 1 error (FILE:LINE named; nothing was changed), 2 usage error."})
final class LoadCommand extends CibCommand implements Callable<Integer> {
    enum Method { replace, update }

    @Parameters(index = "0", paramLabel = "replace|update")
    Method method;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    LoadCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        String text;
        try {
            text = file.equals("-") ? new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(ctx.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        String source = file.equals("-") ? "<stdin>" : file;
        List<Statement> statements;
        try {
            statements = ConfigParser.parseText(text);
        } catch (ShellSyntaxException e) {
            throw new CliException(e.describe(source));
        }
        try {
            client().apply(cib -> {
                Configuration base = method == Method.replace ? Configuration.EMPTY : cib.configuration();
                return cib.withConfiguration(
                        ConfigApplier.apply(base, statements, ConfigApplier.Mode.UPDATE));
            });
        } catch (ShellSyntaxException e) {
            throw new CliException(e.describe(source));
        }
        return ExitCodes.OK;
    }

}
