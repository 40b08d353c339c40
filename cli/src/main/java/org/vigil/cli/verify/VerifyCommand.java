package org.vigil.cli.verify;

import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm verify [-L] [-V]} (also {@code crm configure verify}). */
@Command(name = "verify",
        description = {"Check the configuration for errors and for smells an expert would flag.",
            "Errors are what Pacemaker would refuse; smells include no fencing, clone orderings without",
            "interleave, move constraints left behind."},
        footer = {"", "Examples:", "  crm verify -L -V", "  CIB_file=/tmp/cib.xml crm verify", "",
            "Exit codes: 0 no errors (warnings may be printed), 1 errors found or CIB unreadable, 2 usage error."})
public final class VerifyCommand extends CibCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-L", "--live-check"}, description = "check the running cluster's CIB (with CIB_file: that file)")
    boolean live;

    @Option(names = {"-V", "--verbose"}, description = "also print informational findings")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "print errors only")
    boolean quiet;

    public VerifyCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ParsedCib parsed = client().readParsed();
        List<Finding> findings = Verifier.verify(parsed, Verifier.machineChecks(ctx));
        for (String w : parsed.warnings()) {
            if (!quiet) {
                ctx.err().println("WARNING: " + w);
            }
        }
        int errors = 0;
        int warnings = 0;
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> {
                    errors++;
                    ctx.err().println(f.format());
                }
                case WARNING -> {
                    warnings++;
                    if (!quiet) {
                        ctx.err().println(f.format());
                    }
                }
                case INFO -> {
                    if (verbose && !quiet) {
                        ctx.err().println(f.format());
                    }
                }
            }
        }
        if (verbose || errors > 0) {
            ctx.err().println(errors == 0 ? "Configuration is valid (" + warnings + " warning"
                    + (warnings == 1 ? "" : "s") + ")" : "Errors found: " + errors + ", warnings: " + warnings
                    + " (the configuration is invalid)");
        }
        ctx.err().flush();
        return errors == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
