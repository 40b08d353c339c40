package org.vigil.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm simulate}: run the scheduler on a CIB file, like Pacemaker's crm_simulate. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Show what the cluster would do for a CIB: current status, the transition summary, and",
            "(with -S) the status after every action succeeded. The CIB's execution-date, when present, is \"now\"."},
        footer = {"", "Examples:",
            "  crm simulate -x cib.xml -S",
            "  crm simulate -x cib.xml.gz -s --explain vm01",
            "  crm simulate -L -S --node-fail node2   (what if node2 failed: the live CIB is not changed)",
            "  crm simulate --batch cases/ --output-dir out/", "",
            "Exit codes: 0 ok (batch: all cases matched), 1 error or batch mismatches, 2 usage error."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE", description = "CIB to simulate (.xml or .xml.gz)")
    Path xmlFile;

    @Option(names = {"-L", "--live-check"},
            description = "simulate the cluster's current CIB (through vigild, or CIB_file when set)")
    boolean live;

    @Option(names = {"-S", "--simulate"}, description = "apply the transition and show the revised status")
    boolean simulate;

    @Option(names = {"-s", "--show-scores"}, description = "show allocation scores")
    boolean showScores;

    @Option(names = "--explain", paramLabel = "RSC", description = "explain in plain words why RSC is where it is")
    String explain;

    @Option(names = "--output-as", paramLabel = "FORMAT", description = "text (default) or json")
    String outputAs = "text";

    @Option(names = "--batch", paramLabel = "DIR", description = "simulate every *.xml in DIR (one JVM)")
    Path batchDir;

    @Option(names = "--output-dir", paramLabel = "OUT", description = "with --batch: where NAME.summary files go")
    Path outputDir;

    @Option(names = "--node-up", paramLabel = "NODE", description = "bring NODE online first (what if)")
    List<String> nodeUp = new ArrayList<>();

    @Option(names = "--node-down", paramLabel = "NODE", description = "take NODE offline cleanly first (what if)")
    List<String> nodeDown = new ArrayList<>();

    @Option(names = "--node-fail", paramLabel = "NODE", description = "make NODE fail first: unclean, to be fenced")
    List<String> nodeFail = new ArrayList<>();

    @Option(names = {"-i", "--op-inject"}, paramLabel = "RSC_TASK_MS@NODE=RC",
            description = "record this operation result first, e.g. vip_monitor_10000@node1=7")
    List<String> opInject = new ArrayList<>();

    private final CliContext ctx;

    public SimulateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!outputAs.equals("text") && !outputAs.equals("json")) {
            throw new CliException("--output-as must be text or json, not '" + outputAs + "'", ExitCodes.USAGE);
        }
        if (batchDir != null) {
            if (outputDir == null) {
                throw new CliException("--batch needs --output-dir OUT", ExitCodes.USAGE);
            }
            return batch();
        }
        if (xmlFile == null && !live) {
            throw new CliException("give the CIB to simulate with -x FILE or -L (the live cluster's), or --batch DIR"
                    + " --output-dir OUT", ExitCodes.USAGE);
        }
        if (xmlFile != null && live) {
            throw new CliException("use -x FILE or -L, not both", ExitCodes.USAGE);
        }
        Cib cib = live ? org.vigil.cli.store.CibClients.forContext(ctx,
                org.vigil.cli.verify.Verifier.changeValidator(org.vigil.cli.verify.Verifier.machineChecks(ctx), ctx.err())).read()
                : read(ctx.resolve(xmlFile.toString()));
        Instant now = now(cib);
        Injections what = new Injections(nodeUp, nodeDown, nodeFail, opInject);
        if (!what.isEmpty()) {
            cib = what.apply(cib, now.getEpochSecond());
        }
        Transition t = new Scheduler().schedule(cib, now);
        if (explain != null && !t.explanations().containsKey(explain) && !t.placements().containsKey(explain)
                && !t.roles().containsKey(explain)) {
            throw new CliException("no resource '" + explain + "' in " + (live ? "the cluster's CIB" : xmlFile));
        }
        if (outputAs.equals("json")) {
            printJson(t);
        } else {
            printText(t);
        }
        ctx.out().flush();
        return ExitCodes.OK;
    }

    private Instant now(Cib cib) {
        String d = cib.attribute("execution-date");
        if (d != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(d.trim()));
            } catch (NumberFormatException e) {
                throw new CliException("execution-date '" + d + "' is not a number of seconds");
            }
        }
        return ctx.clock().instant();
    }

    private static Cib read(Path file) {
        try {
            return CibXml.standard().read(file).cib();
        } catch (CibParseException e) {
            throw new CliException(e.getMessage());
        }
    }

    private void printText(Transition t) {
        PrintWriter out = ctx.out();
        if (!t.unsupported().isEmpty()) {
            out.println("Not supported by this scheduler (the result below may be incomplete):");
            t.unsupported().forEach(u -> out.println("  * " + u));
            out.println();
        }
        out.println("Current cluster status:");
        StatusPrinter.print(out, t.current());
        out.println();
        if (showScores) {
            out.println("Assignment Scores:");
            t.scores().forEach(s -> out.println("  " + s));
            out.println();
        }
        if (explain != null) {
            out.println("Why " + explain + " is where it is:");
            for (String line : Explainer.explain(t, explain)) {
                out.println("  " + line);
            }
            out.println();
        }
        out.println("Transition Summary:");
        t.summary().forEach(out::println);
        if (simulate) {
            out.println();
            out.println("Executing Cluster Transition:");
            out.print(t.toText());
            out.println();
            out.println("Revised Cluster Status:");
            StatusPrinter.print(out, t.revised());
        }
    }

    private void printJson(Transition t) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("unsupported", t.unsupported());
        doc.put("current", t.current());
        List<String> summary = new ArrayList<>();
        t.summary().forEach(s -> summary.add(SummarySet.fold(s).replaceFirst("^\\* ", "")));
        doc.put("summary", summary);
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Transition.TransitionAction a : t.actions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("key", a.key());
            m.put("resource", a.resource());
            m.put("task", a.task());
            m.put("node", a.node());
            m.put("pseudo", a.pseudo());
            actions.add(m);
        }
        doc.put("actions", actions);
        doc.put("orderings", t.orderings());
        doc.put("placements", t.placements());
        doc.put("migrationLimit", t.migrationLimit());
        if (showScores) {
            doc.put("scores", t.scores());
        }
        if (explain != null) {
            doc.put("explain", Map.of("resource", explain, "reasons", Explainer.explain(t, explain)));
        }
        if (simulate) {
            doc.put("revised", t.revised());
        }
        try {
            ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (IOException e) {
            throw new CliException("cannot write JSON: " + e.getMessage());
        }
    }

    private int batch() {
        Path dir = ctx.resolve(batchDir.toString());
        Path out = ctx.resolve(outputDir.toString());
        if (!Files.isDirectory(dir)) {
            throw new CliException("--batch: " + batchDir + " is not a directory");
        }
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException("cannot list " + batchDir + ": " + e.getMessage());
        }
        Scheduler scheduler = new Scheduler();
        int passed = 0;
        int failed = 0;
        int compared = 0;
        for (Path in : inputs) {
            String name = in.getFileName().toString().replaceFirst("\\.xml$", "");
            List<String> text = new ArrayList<>();
            Set<String> actual;
            try {
                Cib cib = CibXml.standard().read(in).cib();
                Transition t = scheduler.schedule(cib, now(cib));
                t.unsupported().forEach(u -> text.add("# not supported: " + u));
                text.add("Transition Summary:");
                text.addAll(t.summary());
                actual = SummarySet.fromLines(t.summary());
                Files.write(out.resolve(name + ".summary"), text);
            } catch (CibParseException | IOException | RuntimeException e) {
                ctx.err().println(name + ": " + e.getMessage());
                failed++;
                continue;
            }
            Path expectedFile = dir.resolve(name + ".summary");
            if (Files.exists(expectedFile)) {
                compared++;
                try {
                    Set<String> expected = SummarySet.fromOutput(Files.readAllLines(expectedFile));
                    if (expected.equals(actual)) {
                        passed++;
                    } else {
                        failed++;
                        ctx.err().println(name + ": transition summary differs");
                    }
                } catch (IOException e) {
                    throw new CliException("cannot read " + expectedFile + ": " + e.getMessage());
                }
            }
        }
        if (compared > 0 || failed > 0) {
            ctx.out().println(passed + " passed, " + failed + " failed");
        } else {
            ctx.out().println(inputs.size() + " simulated, summaries in " + outputDir);
        }
        ctx.out().flush();
        ctx.err().flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
