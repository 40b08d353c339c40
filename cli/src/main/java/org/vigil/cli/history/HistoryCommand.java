package org.vigil.cli.history;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.simulate.Explainer;
import org.vigil.cli.simulate.SimulateCommand;
import org.vigil.history.HistoryListing;
import org.vigil.history.TransitionRecord;
import org.vigil.ipc.ServiceException;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code crm history}: the transitions the cluster's DCs ran (gathered by the local vigild from every member),
 * and one of them replayed by the scheduler over the input the DC saved, as {@code crm simulate} would.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"The cluster's transitions: when, what triggered them, what they did and how they ended.",
            "Each DC keeps the scheduler inputs it acted on (pe-input-N.xml.gz under its state directory, the newest",
            "pe-input-series-max of them, 4000 by default); vigild gathers them from every member."},
        footer = {"", "Examples:", "  crm history", "  crm history transition -1", "  crm history transition alpha:12 scores explain vip",
            "", "Exit codes: 0 ok, 1 error, 2 usage error."},
        subcommands = {HistoryCommand.Show.class})
public final class HistoryCommand extends CibCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    HistoryCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        HistoryListing h;
        try {
            h = daemon("crm history").history();
        } catch (ServiceException e) {
            throw new CliException(e.getMessage());
        }
        PrintWriter out = ctx.out();
        if (h.transitions().isEmpty()) {
            out.println("No transitions recorded.");
        } else {
            out.println(String.format("%-12s %-19s %-9s %-40s %s", "ID", "STARTED (UTC)", "RESULT", "TRIGGER", "SUMMARY"));
            for (TransitionRecord r : h.transitions()) {
                out.println(String.format("%-12s %-19s %-9s %-40s %s", id(r), TIME.format(Instant.ofEpochMilli(r.startedMs())),
                        shortResult(r), clip(r.trigger(), 40), summary(r)));
            }
        }
        notes(out, h);
        return ExitCodes.OK;
    }

    static String id(TransitionRecord r) {
        return r.dc() + ":" + r.number();
    }

    private static String shortResult(TransitionRecord r) {
        return r.result().startsWith("aborted") ? "aborted" : r.result();
    }

    private static String summary(TransitionRecord r) {
        List<String> parts = new ArrayList<>();
        for (String s : r.summary()) {
            parts.add(s.trim().replaceFirst("^\\* ", "").replaceAll("\\s+", " "));
        }
        return parts.isEmpty() ? "(" + r.actions().size() + " actions)" : String.join("; ", parts);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    static void notes(PrintWriter out, HistoryListing h) {
        if (!h.unanswered().isEmpty()) {
            out.println("Not answered in time (their transitions are missing): " + String.join(", ", h.unanswered()));
        }
        h.problems().forEach(p -> out.println("Problem: " + p));
    }

    @Command(name = "transition", mixinStandardHelpOptions = true,
            description = {"One transition: its trigger, actions with results and times, then the scheduler's replay",
                "over the saved input (crm simulate -x pe-input-N.xml.gz): status then, scores with 'scores', and",
                "with 'explain [RSC]' why RSC (default: every resource the transition acted on) went where it did.",
                "ID: DC:N as listed, N when only one DC has an input N, or -K for the K-th last."},
            footer = {"", "Examples:", "  crm history transition -1 explain", "  crm history transition alpha:3 scores", "",
                "Exit codes: 0 ok, 1 error (no such transition), 2 usage error."})
    static final class Show extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "DC:N, N or -K")
        String id;

        @Parameters(index = "1..*", paramLabel = "WHAT", description = "scores, explain [RSC]")
        List<String> what = new ArrayList<>();

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            boolean scores = false;
            boolean explain = false;
            String rsc = null;
            for (int i = 0; i < what.size(); i++) {
                switch (what.get(i)) {
                    case "scores" -> scores = true;
                    case "explain" -> {
                        explain = true;
                        if (i + 1 < what.size() && !what.get(i + 1).equals("scores")) {
                            rsc = what.get(++i);
                        }
                    }
                    default -> throw new CliException("expected 'scores' or 'explain [RSC]', not '" + what.get(i) + "'",
                            ExitCodes.USAGE);
                }
            }
            org.vigil.ipc.DaemonService daemon = daemon("crm history transition");
            HistoryListing h;
            try {
                h = daemon.history();
            } catch (ServiceException e) {
                throw new CliException(e.getMessage());
            }
            TransitionRecord r = find(h.transitions(), id);
            Cib input;
            try {
                input = daemon.transitionInput(r.dc(), r.number());
            } catch (ServiceException e) {
                throw new CliException(e.getMessage());
            }
            PrintWriter out = ctx.out();
            out.println("Transition " + HistoryCommand.id(r) + " (the DC's transition " + r.transitionId() + ")");
            out.println("  DC:        " + r.dc());
            out.println("  trigger:   " + r.trigger());
            out.println("  started:   " + TIME.format(Instant.ofEpochMilli(r.startedMs())) + " UTC");
            out.println("  finished:  " + (r.finishedMs() == 0 ? "-" : TIME.format(Instant.ofEpochMilli(r.finishedMs()))
                    + " UTC"));
            out.println("  result:    " + r.result());
            out.println("Actions:");
            for (TransitionRecord.ActionRecord a : r.actions()) {
                out.println(String.format("  %-40s %-8s %-8s %s", a.key(), a.node() == null ? "" : a.node(), a.result(),
                        (a.atMs() == 0 ? "" : TIME.format(Instant.ofEpochMilli(a.atMs())) + " ") + a.detail()).stripTrailing());
            }
            out.println();
            out.println("Replay of pe-input-" + r.number() + " (crm simulate):");
            out.flush();
            Path file = write(input);
            try {
                List<String> args = new ArrayList<>(List.of("-x", file.toString()));
                if (scores) {
                    args.add("-s");
                }
                if (rsc != null) {
                    args.addAll(List.of("--explain", rsc));
                }
                CommandLine cl = new CommandLine(new SimulateCommand(ctx));
                cl.setOut(out);
                cl.setErr(ctx.err());
                int rc = cl.execute(args.toArray(String[]::new));
                if (rc != 0) {
                    return rc;
                }
                if (explain && rsc == null) {
                    Transition t = new Scheduler().schedule(input, Instant.ofEpochSecond(Long.parseLong(
                            input.attribute("execution-date"))));
                    Set<String> resources = new LinkedHashSet<>();
                    r.actions().stream().map(a -> a.key().replaceFirst("_(start|stop|monitor|promote|demote|migrate_to|"
                            + "migrate_from|notify|notified|running|stopped|promoted|demoted)_\\d+$", ""))
                            .filter(k -> t.explanations().containsKey(k) || t.placements().containsKey(k))
                            .forEach(resources::add);
                    for (String res : resources) {
                        out.println();
                        out.println("Why " + res + " is where it is:");
                        Explainer.explain(t, res).forEach(l -> out.println("  " + l));
                    }
                }
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file in a private directory: nothing to do
                }
            }
            HistoryCommand.notes(out, h);
            return ExitCodes.OK;
        }

        static TransitionRecord find(List<TransitionRecord> all, String id) {
            if (all.isEmpty()) {
                throw new CliException("no transitions are recorded");
            }
            if (id.matches("-\\d+")) {
                int k = Integer.parseInt(id.substring(1));
                if (k < 1 || k > all.size()) {
                    throw new CliException("there are " + all.size() + " transitions; " + id + " is not one of them");
                }
                return all.get(all.size() - k);
            }
            List<TransitionRecord> hits = all.stream().filter(r -> HistoryCommand.id(r).equals(id)
                    || id.matches("\\d+") && r.number() == Long.parseLong(id)).toList();
            if (hits.isEmpty()) {
                throw new CliException("no transition '" + id + "' (see crm history)");
            }
            if (hits.size() > 1) {
                throw new CliException("transition " + id + " is ambiguous: " + String.join(", ", hits.stream()
                        .map(HistoryCommand::id).toList()) + "; give DC:N");
            }
            return hits.get(0);
        }

        private static Path write(Cib input) {
            try {
                Path dir = Files.createTempDirectory("vigil-history", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                dir.toFile().deleteOnExit();
                Path f = dir.resolve("pe-input.xml");
                Files.writeString(f, CibXml.write(input), StandardCharsets.UTF_8);
                return f;
            } catch (IOException e) {
                throw new CliException("cannot write the input for the replay: " + e.getMessage());
            }
        }
    }
}
