package org.vigil.cli.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.capacity.CapacityProof;
import org.vigil.capacity.ProofReport;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.scheduler.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm verify [-L] [-V] [--n-plus-one[=2] | --pairs] [--output-as json]} (also {@code crm configure verify}). */
@Command(name = "verify",
        description = {"Check the configuration for errors and for smells an expert would flag.",
            "Errors are what Pacemaker would refuse; smells include no fencing, clone orderings without",
            "interleave, move constraints left behind. --n-plus-one proves every node can fail (N+1",
            "redundancy): the scheduler is run with each node fenced in turn and every resource that would",
            "stop or lose its promotion is reported with the scheduler's reasons. -V runs the single-node proof",
            "too and reports what it finds as warnings."},
        footer = {"", "Examples:", "  crm verify -L -V", "  CIB_file=/tmp/cib.xml crm verify",
            "  crm verify --n-plus-one            (every single-node failure)",
            "  crm verify --n-plus-one=2          (also every pair of nodes; same as --pairs)",
            "  crm verify --n-plus-one --output-as json", "",
            "Exit codes: 0 no errors (warnings may be printed) and, with --n-plus-one,",
            "every failure survivable; 1 errors found or CIB unreadable; 2 usage error;",
            "3 (with --n-plus-one or --pairs) some failure would stop or demote resources."})
public final class VerifyCommand extends CibCommand implements Callable<Integer> {
    /** With --n-plus-one: some node failure would stop or demote resources. */
    static final int CAPACITY_LOST = 3;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-L", "--live-check"}, description = "check the running cluster's CIB (with CIB_file: that file)")
    boolean live;

    @Option(names = {"-V", "--verbose"}, description = "also print informational findings and run the N+1 proof")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "print errors only")
    boolean quiet;

    @Option(names = "--n-plus-one", arity = "0..1", fallbackValue = "1", paramLabel = "K",
            description = "prove the cluster survives any K nodes failing at once (1, the default, or 2)")
    Integer nPlusOne;

    @Option(names = "--pairs", description = "same as --n-plus-one=2: every single node and every pair")
    boolean pairs;

    @Option(names = "--output-as", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one document with the findings and the proof")
    String outputAs;

    public VerifyCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (!outputAs.equals("text") && !outputAs.equals("json")) {
            throw new CliException("--output-as must be text or json, not '" + outputAs + "'", ExitCodes.USAGE);
        }
        if (nPlusOne != null && nPlusOne != 1 && nPlusOne != 2) {
            throw new CliException("--n-plus-one takes 1 or 2 (nodes failing at once), not " + nPlusOne,
                    ExitCodes.USAGE);
        }
        int depth = pairs ? 2 : nPlusOne == null ? 0 : nPlusOne;
        ParsedCib parsed = client().readParsed();
        List<Finding> findings = new ArrayList<>(Verifier.verify(parsed, Verifier.machineChecks(ctx)));
        boolean valid = findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
        ProofReport proof = null;
        if (valid && (depth > 0 || verbose)) {
            proof = new CapacityProof(new Scheduler()).prove(parsed.cib(),
                    CapacityOutput.now(parsed.cib(), ctx.clock()), Math.max(depth, 1));
            if (depth == 0) {
                findings.addAll(CapacityOutput.findings(proof));
            }
        }
        if (outputAs.equals("json")) {
            json(parsed, findings, valid, depth > 0 ? proof : null);
        } else {
            text(parsed, findings);
            if (depth > 0 && proof != null) {
                CapacityOutput.text(ctx.out(), proof);
            } else if (depth > 0) {
                ctx.err().println("The " + (depth == 1 ? "N+1" : "N+2")
                        + " capacity proof needs a valid configuration; fix the errors first");
                ctx.err().flush();
            }
        }
        if (!valid) {
            return ExitCodes.ERROR;
        }
        return depth > 0 && !proof.survivable() ? CAPACITY_LOST : ExitCodes.OK;
    }

    private void text(ParsedCib parsed, List<Finding> findings) {
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
    }

    private void json(ParsedCib parsed, List<Finding> findings, boolean valid, ProofReport proof) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("valid", valid);
        List<Map<String, Object>> list = new ArrayList<>();
        for (String w : parsed.warnings()) {
            list.add(finding("warning", null, 0, w));
        }
        for (Finding f : findings) {
            if (f.severity() != Finding.Severity.INFO || verbose) {
                list.add(finding(f.severity().name().toLowerCase(java.util.Locale.ROOT), f.objectId(), f.line(),
                        f.message()));
            }
        }
        doc.put("findings", list);
        if (proof != null) {
            doc.put("capacity", CapacityOutput.json(proof));
        }
        try {
            ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            ctx.out().flush();
        } catch (IOException e) {
            throw new CliException("cannot write JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> finding(String severity, String id, int line, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", severity);
        m.put("id", id);
        m.put("line", line);
        m.put("message", message);
        return m;
    }
}
