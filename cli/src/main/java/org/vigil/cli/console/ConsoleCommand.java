package org.vigil.cli.console;

import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code crm console}: the web console (issue 17) is not implemented. The command exists so that whoever
 * looks for it is told so plainly, instead of a "no such command".
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"NOT IMPLEMENTED: the web console (HTTPS status, actions, what-if, history explorer) and",
            "its users (crm console user add NAME --role admin|read-only) do not exist yet. Meanwhile:",
            "crm status, crm history, crm simulate, and Prometheus metrics (vigil { metrics_port: 9664 })."},
        footer = {"", "Example: crm console   (says what to use until the console exists)", "",
            "Exit codes: 1 (not implemented)."})
public final class ConsoleCommand implements Callable<Integer> {
    /** Whatever was typed after {@code console}: the answer is the same for all of it. */
    @Unmatched
    List<String> args = new java.util.ArrayList<>();

    private final CliContext ctx;

    public ConsoleCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        throw new CliException("the web console is not implemented yet (see docs/vigild.md, \"Web console\");"
                + " use crm status, crm history and /metrics", ExitCodes.ERROR);
    }
}
