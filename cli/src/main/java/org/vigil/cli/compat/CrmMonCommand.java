package org.vigil.cli.compat;

import java.util.concurrent.Callable;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker's {@code crm_mon}: maps onto {@code crm status}. */
@Command(name = "crm_mon", hidden = true, mixinStandardHelpOptions = true,
        description = {"Show the cluster status once (Pacemaker's crm_mon; same as 'crm status').",
            "Continuous (interactive) mode is not available: crm_mon always shows one snapshot."},
        footer = {"", "Examples:", "  crm_mon -1", "  crm_mon -1 --output-as json", "",
            "Exit codes: 0 ok, 1 error, 2 usage error."})
public final class CrmMonCommand implements Callable<Integer> {
    @Option(names = {"-1", "--one-shot"}, description = "show once and exit (always the case)")
    boolean oneShot;

    @Option(names = "--output-as", paramLabel = "FORMAT", description = "text or json")
    String format;

    @Option(names = {"-r", "--inactive", "-f", "--failcounts", "-A", "--show-node-attributes", "-n",
        "--group-by-node", "-t", "--timing-details", "-o", "--operations"},
            description = "accepted for compatibility; the standard view is shown")
    boolean[] ignored;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", description = "ignored (no continuous mode)")
    String interval;

    private final CliContext ctx;

    public CrmMonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!oneShot) {
            ctx.err().println("crm_mon: continuous mode is not available; showing one snapshot (as with -1)");
        }
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new CliException("--output-as " + format + " is not supported (text or json)", ExitCodes.USAGE);
        }
        return format == null ? Delegate.crm(ctx, "status") : Delegate.crm(ctx, "status", "--output-as", format);
    }
}
