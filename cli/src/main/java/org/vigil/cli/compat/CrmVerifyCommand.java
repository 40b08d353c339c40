package org.vigil.cli.compat;

import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker's {@code crm_verify}: maps onto {@code crm verify}. */
@Command(name = "crm_verify", hidden = true,
        description = "Check a configuration (Pacemaker's crm_verify; same as 'crm verify').",
        footer = {"", "Examples:", "  crm_verify -L -V", "  crm_verify -x /tmp/cib.xml", "",
            "Exit codes: 0 no errors, 1 errors found, 2 usage error."})
public final class CrmVerifyCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-L", "--live-check"}, description = "check the cluster's CIB (with CIB_file: that file)")
    boolean live;

    @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE", description = "check this CIB file")
    String file;

    @Option(names = {"-V", "--verbose"}, description = "more output")
    boolean[] verbose;

    @Option(names = {"-q", "--quiet"}, description = "errors only")
    boolean quiet;

    private final CliContext ctx;

    public CrmVerifyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CliContext c = file == null ? ctx : Delegate.withCibFile(ctx, file);
        List<String> args = Delegate.list("verify");
        if (verbose != null && verbose.length > 0) {
            args.add("-V");
        }
        if (quiet) {
            args.add("-q");
        }
        return Delegate.crm(c, args);
    }
}
