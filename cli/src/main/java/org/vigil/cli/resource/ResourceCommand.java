package org.vigil.cli.resource;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.Configuration;
import org.vigil.cib.Constraint;
import org.vigil.cib.DateExpression;
import org.vigil.cib.Expression;
import org.vigil.cib.LocationConstraint;
import org.vigil.cib.Resource;
import org.vigil.cib.Resources;
import org.vigil.cib.Rule;
import org.vigil.cib.RuleCondition;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Suggestions;
import org.vigil.cli.shell.Ids;
import org.vigil.cli.status.MoveConstraints;
import org.vigil.cli.status.NodeView;
import org.vigil.cli.status.OperationHistory;
import org.vigil.cli.status.ResourceLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crm resource ...}: start, stop, move, ban, clear, cleanup, parameters and meta attributes. */
@Command(name = "resource", aliases = "rsc", mixinStandardHelpOptions = true,
        description = "Manage resources: start, stop, restart, cleanup, move, ban, clear, status, param, meta, "
                + "utilization, manage, unmanage, maintenance, failcount, refresh, reprobe, locate, scores.",
        footer = {"", "Examples:", "  crm resource stop vm01", "  crm resource move VM.1 piova",
            "  crm resource clear VM.1", "  crm resource cleanup vm01", "  crm resource status", "",
            "Exit codes: 0 ok, 1 error (nothing was changed), 2 usage error."},
        subcommands = {
            ResourceCommand.Start.class,
            ResourceCommand.Stop.class,
            ResourceCommand.Restart.class,
            ResourceCommand.CleanupCommand.class,
            ResourceCommand.Refresh.class,
            ResourceCommand.Locate.class,
            ResourceCommand.Scores.class,
            FailcountCommand.class,
            ResourceCommand.Move.class,
            ResourceCommand.Ban.class,
            ResourceCommand.Clear.class,
            ResourceCommand.Status.class,
            ResourceCommand.Param.class,
            ResourceCommand.Meta.class,
            ResourceCommand.UtilizationCommand.class,
            ResourceCommand.Manage.class,
            ResourceCommand.Unmanage.class,
            ResourceCommand.MaintenanceCommand.class,
        })
public final class ResourceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Sets one meta attribute on a resource. */
    abstract static class MetaFlag extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        MetaFlag(CliContext ctx) {
            super(ctx);
        }

        abstract String name();

        abstract String value();

        abstract String done();

        @Override
        public Integer call() {
            client().apply(cib -> ResourceEdits.set(cib, rsc, ResourceEdits.Kind.META, name(), value()));
            ctx.out().println(done());
            return ExitCodes.OK;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Let a resource run (meta target-role=Started).",
            footer = {"", "Example:", "  crm resource start vm01", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Start extends MetaFlag {
        Start(CliContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            return "target-role";
        }

        @Override
        String value() {
            return "Started";
        }

        @Override
        String done() {
            return "INFO: " + rsc + ": target-role=Started (the cluster starts it where allowed)";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a resource and keep it stopped (meta target-role=Stopped).",
            footer = {"", "Example:", "  crm resource stop vm01", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Stop extends MetaFlag {
        Stop(CliContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            return "target-role";
        }

        @Override
        String value() {
            return "Stopped";
        }

        @Override
        String done() {
            return "INFO: " + rsc + ": target-role=Stopped (it stays stopped until 'crm resource start " + rsc + "')";
        }
    }

    @Command(name = "manage", mixinStandardHelpOptions = true,
            description = "Let the cluster manage a resource again (meta is-managed=true).",
            footer = {"", "Example:", "  crm resource manage vm01", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Manage extends MetaFlag {
        Manage(CliContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            return "is-managed";
        }

        @Override
        String value() {
            return "true";
        }

        @Override
        String done() {
            return "INFO: " + rsc + ": is-managed=true";
        }
    }

    @Command(name = "unmanage", mixinStandardHelpOptions = true,
            description = "Stop the cluster from starting, stopping or recovering a resource (is-managed=false).",
            footer = {"", "Example:", "  crm resource unmanage vm01", "",
                "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Unmanage extends MetaFlag {
        Unmanage(CliContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            return "is-managed";
        }

        @Override
        String value() {
            return "false";
        }

        @Override
        String done() {
            return "INFO: " + rsc + ": is-managed=false (the cluster leaves it alone until 'crm resource manage "
                    + rsc + "')";
        }
    }

    @Command(name = "maintenance", mixinStandardHelpOptions = true,
            description = "Put a resource in maintenance (on, the default) or take it out (off).",
            footer = {"", "Examples:", "  crm resource maintenance vm01", "  crm resource maintenance vm01 off", "",
                "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class MaintenanceCommand extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        @Parameters(index = "1", arity = "0..1", paramLabel = "on|off")
        String onOff = "on";

        MaintenanceCommand(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String v = switch (onOff.toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes" -> "true";
                case "off", "false", "no" -> "false";
                default -> throw new CliException("expected on or off, not '" + onOff + "'", ExitCodes.USAGE);
            };
            client().apply(cib -> ResourceEdits.set(cib, rsc, ResourceEdits.Kind.META, "maintenance", v));
            ctx.out().println("INFO: " + rsc + ": maintenance=" + v);
            return ExitCodes.OK;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Stop a resource, wait until the cluster reports it stopped, then let it start again and",
                "wait until it runs (needs the live cluster). Its target-role is restored afterwards."},
            footer = {"", "Example:", "  crm resource restart vm01", "",
                "Exit codes: 0 ok, 1 error (offline mode, not running, did not stop or start in time), 2 usage error."})
    static final class Restart extends CibCommand implements Callable<Integer> {
        private static final Duration POLL = Duration.ofMillis(200);

        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "wait this long for the stop, and "
                + "again for the start (default 120s)")
        String timeout = "120s";

        Restart(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Cib cib = client().read();
            Resource r = ResourceEdits.require(cib.configuration(), rsc);
            if (!live()) {
                throw new CliException("restart needs a running cluster to stop " + rsc + " and start it again; "
                        + "offline mode (CIB_file) has none, so nothing was changed. Use 'crm resource stop " + rsc
                        + "' then 'crm resource start " + rsc + "' to record both steps.");
            }
            Duration t;
            try {
                t = org.vigil.agents.OcfDurations.parse(timeout);
            } catch (IllegalArgumentException e) {
                throw new CliException("--timeout: " + e.getMessage(), ExitCodes.USAGE);
            }
            List<String> primitives = Resources.primitives(List.of(r)).stream().map(Resource::id).toList();
            if (!running(cib, primitives, true)) {
                throw new CliException(rsc + " is not running; nothing to restart (start it with 'crm resource start "
                        + rsc + "')");
            }
            Optional<String> original = ResourceEdits.get(r, ResourceEdits.Kind.META, "target-role");
            client().apply(c -> ResourceEdits.set(c, rsc, ResourceEdits.Kind.META, "target-role", "Stopped"));
            ctx.out().println("INFO: stopping " + rsc);
            ctx.out().flush();
            boolean stopped = await(primitives, false, t);
            client().apply(c -> ResourceEdits.set(c, rsc, ResourceEdits.Kind.META, "target-role",
                    original.orElse(null)));
            if (!stopped) {
                throw new CliException(rsc + " did not stop within " + timeout + "; its target-role is restored ("
                        + original.orElse("unset") + "), check 'crm status'");
            }
            ctx.out().println("INFO: starting " + rsc);
            ctx.out().flush();
            if (!await(primitives, true, t)) {
                throw new CliException(rsc + " stopped and may start again, but it is not running after " + timeout
                        + "; check 'crm status'");
            }
            ctx.out().println(rsc + " restarted");
            return ExitCodes.OK;
        }

        /** Polls the live CIB until every primitive is running (or none is), or the time is up. */
        private boolean await(List<String> primitives, boolean wanted, Duration t) {
            long deadline = System.nanoTime() + t.toNanos();
            while (true) {
                if (running(client().read(), primitives, wanted)) {
                    return true;
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException("interrupted while waiting for " + rsc);
                }
            }
        }

        /** wanted: every primitive active somewhere; not wanted: none active anywhere. */
        private static boolean running(Cib cib, List<String> primitives, boolean wanted) {
            OperationHistory h = OperationHistory.of(cib);
            return wanted ? primitives.stream().allMatch(p -> !h.activeNodes(p).isEmpty())
                    : primitives.stream().allMatch(p -> h.activeNodes(p).isEmpty());
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = {"Forget a resource's recorded failures (failed operations, fail counts) so it may run",
                "again where it failed. Without RSC: every resource."},
            footer = {"", "Examples:", "  crm resource cleanup vm01", "  crm resource cleanup vm01 server50", "",
                "Exit codes: 0 ok (also when there was nothing to clean), 1 error, 2 usage error."})
    static final class CleanupCommand extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RSC")
        String rsc;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NODE")
        String node;

        @Option(names = {"-N", "--node"}, paramLabel = "NODE", description = "only on this node")
        String nodeOption;

        CleanupCommand(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String onNode = nodeOption != null ? nodeOption : node;
            List<String> cleaned = new ArrayList<>();
            Cib current = client().read();
            List<String> ids = rsc == null
                    ? Resources.flatten(current.configuration().resources()).stream().map(Resource::id).toList()
                    : Resources.flatten(List.of(ResourceEdits.require(current.configuration(), rsc))).stream()
                            .map(Resource::id).toList();
            if (onNode != null) {
                requireNode(current, onNode);
            }
            client().apply(cib -> {
                Cleanup.Result r = Cleanup.clean(cib, ids, onNode);
                cleaned.clear(); // a live change may be computed again on a newer CIB
                cleaned.addAll(r.cleaned());
                return r.cib();
            });
            String what = rsc == null ? "all resources" : rsc;
            if (cleaned.isEmpty()) {
                ctx.out().println(what + ": no failures recorded" + (onNode == null ? "" : " on " + onNode)
                        + "; nothing to clean up");
            } else {
                cleaned.forEach(c -> ctx.out().println("Cleaned up " + c));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "refresh", aliases = "reprobe", mixinStandardHelpOptions = true,
            description = {"Forget a resource's whole operation history (and fail counts) so the cluster probes",
                "its state again (crm_resource --refresh). Without RSC: every resource. 'reprobe' is crmsh's",
                "older name. Offline there is no cluster to probe: status shows it Stopped until one does."},
            footer = {"", "Examples:", "  crm resource refresh vm01", "  crm resource refresh vm01 server50",
                "  crm resource reprobe", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Refresh extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RSC")
        String rsc;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NODE")
        String node;

        @Option(names = {"-N", "--node"}, paramLabel = "NODE", description = "only on this node")
        String nodeOption;

        Refresh(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String onNode = nodeOption != null ? nodeOption : node;
            Cib current = client().read();
            List<String> ids = rsc == null
                    ? Resources.flatten(current.configuration().resources()).stream().map(Resource::id).toList()
                    : Resources.flatten(List.of(ResourceEdits.require(current.configuration(), rsc))).stream()
                            .map(Resource::id).toList();
            if (onNode != null) {
                requireNode(current, onNode);
            }
            List<String> done = new ArrayList<>();
            client().apply(cib -> {
                Cleanup.Result r = Cleanup.refresh(cib, ids, onNode);
                done.clear();
                done.addAll(r.cleaned());
                return r.cib();
            });
            String what = rsc == null ? "all resources" : rsc;
            if (done.isEmpty()) {
                ctx.out().println(what + ": no history recorded" + (onNode == null ? "" : " on " + onNode)
                        + "; nothing to refresh");
            } else {
                done.forEach(d -> ctx.out().println("Refreshed " + d));
                ctx.out().println(live() ? "INFO: the cluster probes " + what + " again"
                        : "INFO: offline (CIB_file): no cluster probes " + what + "; it shows as Stopped until one"
                                + " does");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "locate", mixinStandardHelpOptions = true,
            description = "The nodes RSC runs on, one line each (crm_resource --locate, as crmsh runs it).",
            footer = {"", "Example:", "  crm resource locate VM.1", "",
                "Exit codes: 0 ok (also when not running), 105 no such resource, 2 usage error."})
    static final class Locate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        private final CliContext ctx;

        Locate(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return org.vigil.cli.Main.run(ctx, "crm_resource", "--locate", "--resource", rsc);
        }
    }

    @Command(name = "scores", mixinStandardHelpOptions = true,
            description = "Placement and promotion scores of the cluster's current CIB (crm_simulate -sL, as crmsh"
                    + " runs it).",
            footer = {"", "Example:", "  crm resource scores", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Scores implements Callable<Integer> {
        private final CliContext ctx;

        Scores(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return org.vigil.cli.Main.run(ctx, "simulate", "-L", "-s");
        }
    }

    /** An expiry as operators read it: UTC, whole seconds. */
    static String when(Instant until) {
        return until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static void requireNode(Cib cib, String node) {
        List<String> names = NodeView.of(cib).stream().map(NodeView::name).toList();
        if (!names.contains(node)) {
            throw new CliException("node " + node + " does not exist" + Suggestions.hint(node, names));
        }
    }

    /** Whether {@code word} reads as an ISO 8601 duration (crmsh's test for a lifetime argument). */
    static boolean isDuration(String word) {
        if (!word.toUpperCase(Locale.ROOT).startsWith("P")) {
            return false;
        }
        try {
            expiry(Instant.EPOCH, word);
            return true;
        } catch (CliException e) {
            return false;
        }
    }

    /** ISO 8601 durations as crm_resource takes them: PT1H, P1D, P1DT12H. */
    static Instant expiry(Instant now, String lifetime) {
        String l = lifetime.trim().toUpperCase(Locale.ROOT);
        try {
            int t = l.indexOf('T');
            if (t < 0) {
                return now.atZone(ZoneOffset.UTC).plus(Period.parse(l)).toInstant();
            }
            Instant base = now;
            if (t > 1) {
                base = base.atZone(ZoneOffset.UTC).plus(Period.parse(l.substring(0, t))).toInstant();
            }
            return base.plus(Duration.parse("P" + l.substring(t)));
        } catch (DateTimeParseException e) {
            throw new CliException("lifetime '" + lifetime + "' is not an ISO 8601 duration (e.g. PT1H, P1D, PT30M)",
                    ExitCodes.USAGE);
        }
    }

    /** A location constraint, with a lifetime rule when {@code until} is given. */
    static LocationConstraint location(String id, String rsc, String node, String score, Instant until) {
        if (until == null) {
            return LocationConstraint.simple(id, rsc, score, node);
        }
        String end = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
                .format(until.atZone(ZoneOffset.UTC));
        List<RuleCondition> conds = List.of(
                new Expression(Ids.expression(Ids.rule(id, 0), 0), "#uname", "eq", node, "string", Map.of()),
                new DateExpression(Ids.expression(Ids.rule(id, 0), 1), "lt", null, end, Map.of(), null, null));
        Rule rule = new Rule(Ids.rule(id, 0), null, score, null, null, "and", Map.of(), conds);
        return new LocationConstraint(id, rsc, null, null, null, null, null, Map.of(), List.of(), List.of(rule));
    }

    static Configuration put(Configuration c, LocationConstraint l) {
        List<Constraint> out = new ArrayList<>();
        boolean replaced = false;
        for (Constraint k : c.constraints()) {
            if (k.id().equals(l.id())) {
                out.add(l);
                replaced = true;
            } else {
                out.add(k);
            }
        }
        if (!replaced) {
            out.add(l);
        }
        return c.withConstraints(out);
    }

    @Command(name = "move", aliases = "migrate", mixinStandardHelpOptions = true,
            description = {"Move a resource to NODE by adding location constraint cli-prefer-RSC (score INFINITY).",
                "Without NODE, bans it from the node it runs on (cli-ban-RSC-on-NODE).",
                "The constraint STAYS after the move, pinning the resource, until 'crm resource clear RSC'",
                "(or until --lifetime ends)."},
            footer = {"", "Examples:", "  crm resource move VM.1 piova", "  crm resource move VM.1 piova --lifetime PT2H",
                "  crm resource clear VM.1", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Move extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NODE")
        String node;

        @Parameters(index = "2", arity = "0..1", paramLabel = "LIFETIME", description = "as --lifetime")
        String lifetimeArg;

        @Option(names = {"-u", "--lifetime"}, paramLabel = "DURATION",
                description = "ISO 8601 duration after which the constraint stops applying (PT1H, P1D)")
        String lifetime;

        @Option(names = {"-f", "--force"}, description = "accepted for crmsh compatibility")
        boolean force;

        @Option(names = {"--promoted", "--master"},
                description = "promotable clone: move where the promoted instance runs (role=Promoted)")
        boolean promoted;

        Move(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String life = lifetime != null ? lifetime : lifetimeArg;
            if (life != null && life.toLowerCase(Locale.ROOT).startsWith("lifetime=")) {
                life = life.substring("lifetime=".length());
            }
            if (life == null && node != null && node.toLowerCase(Locale.ROOT).startsWith("lifetime=")) {
                life = node.substring("lifetime=".length());
                node = null;
            }
            Cib current = client().read();
            if (life == null && node != null && isDuration(node)
                    && NodeView.of(current).stream().noneMatch(n -> n.name().equals(node))) {
                life = node; // crmsh: a last word that is no node but an ISO 8601 duration is the lifetime
                node = null;
            }
            Instant until = life == null ? null : expiry(ctx.clock().instant(), life);
            ResourceEdits.require(current.configuration(), rsc);
            java.util.Optional<String> note = MoveRefusals.check(current.configuration(), rsc, promoted, node);
            if (node == null) {
                List<String> active = OperationHistory.of(current).activeNodes(rsc);
                if (active.size() != 1) {
                    throw new CliException(rsc + " is " + (active.isEmpty() ? "not running" : "running on "
                            + String.join(", ", active)) + "; say where to move it: crm resource move " + rsc + " NODE");
                }
                String from = active.get(0);
                String id = MoveConstraints.BAN + rsc + "-on-" + from;
                client().apply(cib -> cib.withConfiguration(put(cib.configuration(),
                        location(id, rsc, from, "-INFINITY", until))));
                ctx.out().println("INFO: created " + id + ": " + rsc + " may no longer run on " + from
                        + (until == null ? "" : " until " + when(until)) + ".");
                ctx.out().println(until == null ? "INFO: it stays until you run 'crm resource clear " + rsc + "'."
                        : "INFO: it expires at " + when(until) + " (then " + rsc + " may return); 'crm resource clear "
                                + rsc + "' removes it earlier.");
                return ExitCodes.OK;
            }
            requireNode(current, node);
            String id = MoveConstraints.PREFER + rsc;
            String ban = MoveConstraints.BAN + rsc + "-on-" + node;
            client().apply(cib -> {
                LocationConstraint prefer = location(id, rsc, node, "INFINITY", until);
                if (promoted) {
                    // the role goes where the score is: on the constraint, or on its lifetime rule
                    List<Rule> rules = prefer.rules().stream().map(r -> new Rule(r.id(), r.idRef(), r.score(),
                            r.scoreAttribute(), "Promoted", r.booleanOp(), r.otherAttributes(), r.conditions()))
                            .toList();
                    prefer = new LocationConstraint(prefer.id(), prefer.rsc(), null, prefer.node(), prefer.score(),
                            rules.isEmpty() ? "Promoted" : null, null, prefer.otherAttributes(), prefer.sets(), rules);
                }
                Configuration c = put(cib.configuration(), prefer);
                c = c.withConstraints(c.constraints().stream().filter(k -> !k.id().equals(ban)).toList());
                return cib.withConfiguration(c);
            });
            ctx.out().println("INFO: created " + id + ": " + rsc + (promoted ? " (promoted)" : "") + " prefers "
                    + node + " with score INFINITY" + (until == null ? "" : " until " + when(until)) + ".");
            if (until == null) {
                ctx.out().println("INFO: the constraint stays after the move and keeps " + rsc + " on " + node
                        + " (even when that node fails back); remove it with 'crm resource clear " + rsc + "'.");
            } else {
                ctx.out().println("INFO: the constraint expires at " + when(until) + "; until then it keeps " + rsc
                        + " on " + node + " ('crm resource clear " + rsc + "' removes it earlier).");
            }
            note.ifPresent(n -> ctx.out().println("INFO: " + n + "."));
            return ExitCodes.OK;
        }
    }

    @Command(name = "ban", mixinStandardHelpOptions = true,
            description = {"Keep a resource off NODE (location constraint cli-ban-RSC-on-NODE, score -INFINITY).",
                "It stays until 'crm resource clear RSC' (or until --lifetime ends)."},
            footer = {"", "Example:", "  crm resource ban VM.1 brina", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Ban extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NODE")
        String node;

        @Option(names = {"-u", "--lifetime"}, paramLabel = "DURATION", description = "ISO 8601 duration (PT1H)")
        String lifetime;

        Ban(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Instant until = lifetime == null ? null : expiry(ctx.clock().instant(), lifetime);
            Cib current = client().read();
            ResourceEdits.require(current.configuration(), rsc);
            String target = node;
            if (target == null) {
                List<String> active = OperationHistory.of(current).activeNodes(rsc);
                if (active.size() != 1) {
                    throw new CliException(rsc + " is " + (active.isEmpty() ? "not running" : "running on "
                            + String.join(", ", active)) + "; say which node to ban it from: crm resource ban "
                            + rsc + " NODE");
                }
                target = active.get(0);
            } else {
                requireNode(current, target);
            }
            String from = target;
            String id = MoveConstraints.BAN + rsc + "-on-" + from;
            client().apply(cib -> cib.withConfiguration(put(cib.configuration(),
                    location(id, rsc, from, "-INFINITY", until))));
            ctx.out().println("INFO: created " + id + ": " + rsc + " may no longer run on " + from
                    + (until == null ? "" : " until " + when(until)) + ".");
            ctx.out().println("INFO: it stays until you run 'crm resource clear " + rsc + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", aliases = {"unmove", "unmigrate", "unban"}, mixinStandardHelpOptions = true,
            description = "Remove the cli-prefer-/cli-ban- constraints that move and ban left for RSC.",
            footer = {"", "Example:", "  crm resource clear VM.1", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Clear extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        Clear(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Cib current = client().read();
            ResourceEdits.require(current.configuration(), rsc);
            List<String> ids = MoveConstraints.of(current.configuration(), rsc).stream().map(LocationConstraint::id)
                    .toList();
            if (ids.isEmpty()) {
                ctx.out().println("INFO: " + rsc + " has no move/ban constraints; nothing to clear");
                return ExitCodes.OK;
            }
            client().apply(cib -> cib.withConfiguration(cib.configuration().withConstraints(
                    cib.configuration().constraints().stream().filter(k -> !ids.contains(k.id())).toList())));
            ctx.out().println("INFO: removed " + String.join(", ", ids));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", aliases = {"show", "list"}, mixinStandardHelpOptions = true,
            description = "Where resources run: all (crm_mon's resource list) or the named ones.",
            footer = {"", "Examples:", "  crm resource status", "  crm resource status vm01", "",
                "Exit codes: 0 ok, 1 error (unknown resource), 2 usage error."})
    static final class Status extends CibCommand implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "RSC")
        List<String> rscs = new ArrayList<>();

        Status(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Cib cib = client().read();
            OperationHistory h = OperationHistory.of(cib);
            if (rscs.isEmpty()) {
                List<String> lines = ResourceLines.render(cib.configuration(), h, NodeView.of(cib));
                if (lines.isEmpty()) {
                    ctx.out().println("NO resources configured");
                }
                lines.forEach(l -> ctx.out().println(l));
                return ExitCodes.OK;
            }
            for (String rsc : rscs) {
                Resource r = ResourceEdits.require(cib.configuration(), rsc);
                List<String> nodes = new ArrayList<>();
                for (Resource x : Resources.flatten(List.of(r))) {
                    for (String n : h.activeNodes(x.id())) {
                        String role = h.role(x.id(), n) == OperationHistory.Role.PROMOTED ? " Promoted"
                                : h.role(x.id(), n) == OperationHistory.Role.FAILED ? " FAILED" : "";
                        if (!nodes.contains(n + role)) {
                            nodes.add(n + role);
                        }
                    }
                }
                if (nodes.isEmpty()) {
                    ctx.out().println("resource " + rsc + " is NOT running");
                } else {
                    ctx.out().println("resource " + rsc + " is running on: " + String.join(", ", nodes));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code RSC set|delete|show NAME [VALUE]} on params, meta or utilization. */
    abstract static class SetCommand extends CibCommand implements Callable<Integer> {
        enum Action { set, delete, show, get }

        @Parameters(index = "0", paramLabel = "RSC")
        String rsc;

        @Parameters(index = "1", paramLabel = "set|delete|show")
        Action action;

        @Parameters(index = "2", paramLabel = "NAME")
        String name;

        @Parameters(index = "3", arity = "0..1", paramLabel = "VALUE")
        String value;

        SetCommand(CliContext ctx) {
            super(ctx);
        }

        abstract ResourceEdits.Kind kind();

        @Override
        public Integer call() {
            String word = kind().name().toLowerCase(Locale.ROOT);
            switch (action) {
                case set -> {
                    if (value == null) {
                        throw new CliException("set needs a VALUE: crm resource " + word + " " + rsc + " set "
                                + name + " VALUE", ExitCodes.USAGE);
                    }
                    client().apply(cib -> ResourceEdits.set(cib, rsc, kind(), name, value));
                    if (kind() == ResourceEdits.Kind.META) {
                        org.vigil.cli.verify.ExpertChecks.unknownName(false, name).ifPresent(w -> ctx.err().println(w));
                    }
                }
                case delete -> {
                    Resource r = ResourceEdits.require(client().read().configuration(), rsc);
                    if (ResourceEdits.get(r, kind(), name).isEmpty()) {
                        throw new CliException(rsc + " has no " + word + " " + name + hint(r));
                    }
                    client().apply(cib -> ResourceEdits.set(cib, rsc, kind(), name, null));
                }
                case show, get -> {
                    Resource r = ResourceEdits.require(client().read().configuration(), rsc);
                    Optional<String> v = ResourceEdits.get(r, kind(), name);
                    if (v.isEmpty()) {
                        throw new CliException(rsc + " has no " + word + " " + name + hint(r));
                    }
                    ctx.out().println(v.get());
                }
            }
            return ExitCodes.OK;
        }

        private String hint(Resource r) {
            List<String> names = new ArrayList<>();
            ResourceEdits.sets(r, kind()).forEach(s -> s.pairs().forEach(p -> names.add(p.name())));
            return Suggestions.hint(name, names);
        }
    }

    @Command(name = "param", aliases = "parameter", mixinStandardHelpOptions = true,
            description = "Set, delete or show a resource parameter (instance attribute).",
            footer = {"", "Examples:", "  crm resource param vm01 set xmfile /etc/xen/cluster/vm01.cfg",
                "  crm resource param vm01 show xmfile", "",
                "Exit codes: 0 ok, 1 error (unknown resource/parameter), 2 usage error."})
    static final class Param extends SetCommand {
        Param(CliContext ctx) {
            super(ctx);
        }

        @Override
        ResourceEdits.Kind kind() {
            return ResourceEdits.Kind.PARAMS;
        }
    }

    @Command(name = "meta", mixinStandardHelpOptions = true,
            description = "Set, delete or show a resource meta attribute.",
            footer = {"", "Examples:", "  crm resource meta vm01 set migration-threshold 5",
                "  crm resource meta vm01 show target-role", "",
                "Exit codes: 0 ok, 1 error (unknown resource/attribute), 2 usage error."})
    static final class Meta extends SetCommand {
        Meta(CliContext ctx) {
            super(ctx);
        }

        @Override
        ResourceEdits.Kind kind() {
            return ResourceEdits.Kind.META;
        }
    }

    @Command(name = "utilization", mixinStandardHelpOptions = true,
            description = "Set, delete or show what a resource uses (for placement-strategy).",
            footer = {"", "Example:", "  crm resource utilization vm01 set memory 4096", "",
                "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class UtilizationCommand extends SetCommand {
        UtilizationCommand(CliContext ctx) {
            super(ctx);
        }

        @Override
        ResourceEdits.Kind kind() {
            return ResourceEdits.Kind.UTILIZATION;
        }
    }
}
