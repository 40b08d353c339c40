package org.vigil.cli.configure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crm configure delete [--force] ID...}. */
@Command(name = "delete", aliases = {"rm"}, mixinStandardHelpOptions = true,
        description = {"Delete configuration objects.",
            "Refuses to leave constraints that refer to a deleted resource; --force deletes those too."},
        footer = {"", "Examples:", "  crm configure delete backup-VM.1", "  crm configure delete --force VM.1", "",
            "Exit codes: 0 ok, 1 error (nothing was changed), 2 usage error."})
final class DeleteCommand extends CibCommand implements Callable<Integer> {
    @Option(names = "--force", description = "also delete constraints that refer to deleted resources")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> ids = new ArrayList<>();

    DeleteCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        client().apply(cib -> {
            ConfigDeleter.Result r = ConfigDeleter.delete(cib.configuration(), ids,
                    force || org.vigil.cli.Main.forced(ctx));
            r.messages().forEach(m -> notice("INFO: " + m));
            return cib.withConfiguration(r.configuration());
        });
        flushNotices();
        return ExitCodes.OK;
    }
}
