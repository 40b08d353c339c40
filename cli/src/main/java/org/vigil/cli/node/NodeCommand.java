package org.vigil.cli.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.Node;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.Suggestions;
import org.vigil.cli.shell.ConfigPrinter;
import org.vigil.cli.status.NodeView;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crm node ...}: standby/online, maintenance/ready, attributes and utilization of nodes. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Manage nodes: standby, online, maintenance, ready, attribute, utilization, show, list, fence.",
        footer = {"", "Examples:", "  crm node standby server50", "  crm node online server50",
            "  crm node attribute server50 set ip_livemigration 192.168.1.50",
            "  crm node utilization server50 set memory 65536", "",
            "Exit codes: 0 ok, 1 error (nothing was changed), 2 usage error."},
        subcommands = {
            NodeCommand.Standby.class,
            NodeCommand.Online.class,
            NodeCommand.Maintenance.class,
            NodeCommand.Ready.class,
            NodeCommand.Attribute.class,
            NodeCommand.Utilization.class,
            NodeCommand.Show.class,
            NodeCommand.ListNodes.class,
            NodeCommand.Fence.class,
        })
public final class NodeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Sets one boolean node attribute; shared by standby/online/maintenance/ready. */
    abstract static class FlagCommand extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NODE")
        String node;

        @Option(names = "--lifetime", paramLabel = "forever|reboot",
                description = "forever (default) keeps the setting across reboots; reboot until the node restarts")
        NodeAttributes.Lifetime lifetime = NodeAttributes.Lifetime.forever;

        FlagCommand(CliContext ctx) {
            super(ctx);
        }

        abstract String attribute();

        abstract String value();

        abstract String done(String node);

        @Override
        public Integer call() {
            String n = node != null ? node
                    : localNode("crm node", "give the node name: offline mode (CIB_file) has no local node");
            if (live()) {
                requireNode(client().read(), n); // the cluster knows its nodes: a typo must not add one
            }
            client().apply(cib -> NodeAttributes.set(cib, n, attribute(), value(), lifetime,
                    NodeAttributes.Kind.ATTRIBUTE, this::notice));
            flushNotices();
            ctx.out().println(done(n));
            return ExitCodes.OK;
        }
    }

    @Command(name = "standby", mixinStandardHelpOptions = true,
            description = "Put a node in standby: its resources move away and nothing new starts there.",
            footer = {"", "Example:", "  crm node standby server50", "",
                "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Standby extends FlagCommand {
        Standby(CliContext ctx) {
            super(ctx);
        }

        @Override
        String attribute() {
            return "standby";
        }

        @Override
        String value() {
            return "on";
        }

        @Override
        String done(String n) {
            return "Node " + n + " is in standby; its resources will move away (check with 'crm status')";
        }
    }

    @Command(name = "online", mixinStandardHelpOptions = true,
            description = "Take a node out of standby.",
            footer = {"", "Example:", "  crm node online server50", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Online extends FlagCommand {
        Online(CliContext ctx) {
            super(ctx);
        }

        @Override
        String attribute() {
            return "standby";
        }

        @Override
        String value() {
            return "off";
        }

        @Override
        String done(String n) {
            return "Node " + n + " is online (not in standby)";
        }
    }

    @Command(name = "maintenance", mixinStandardHelpOptions = true,
            description = "Put a node in maintenance: resources there are left alone (not monitored, not moved).",
            footer = {"", "Example:", "  crm node maintenance server50", "",
                "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Maintenance extends FlagCommand {
        Maintenance(CliContext ctx) {
            super(ctx);
        }

        @Override
        String attribute() {
            return "maintenance";
        }

        @Override
        String value() {
            return "on";
        }

        @Override
        String done(String n) {
            return "Node " + n + " is in maintenance mode";
        }
    }

    @Command(name = "ready", mixinStandardHelpOptions = true,
            description = "Take a node out of maintenance.",
            footer = {"", "Example:", "  crm node ready server50", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Ready extends FlagCommand {
        Ready(CliContext ctx) {
            super(ctx);
        }

        @Override
        String attribute() {
            return "maintenance";
        }

        @Override
        String value() {
            return "off";
        }

        @Override
        String done(String n) {
            return "Node " + n + " is out of maintenance mode";
        }
    }

    /** {@code set|delete|show NAME [VALUE]} on attributes or utilization. */
    abstract static class AttributeLike extends CibCommand implements Callable<Integer> {
        enum Action { set, delete, show }

        @Parameters(index = "0", paramLabel = "NODE")
        String node;

        @Parameters(index = "1", paramLabel = "set|delete|show")
        Action action;

        @Parameters(index = "2", paramLabel = "NAME")
        String name;

        @Parameters(index = "3", arity = "0..1", paramLabel = "VALUE")
        String value;

        @Option(names = "--lifetime", paramLabel = "forever|reboot", description = "forever (default) or reboot")
        NodeAttributes.Lifetime lifetime = NodeAttributes.Lifetime.forever;

        AttributeLike(CliContext ctx) {
            super(ctx);
        }

        abstract NodeAttributes.Kind kind();

        @Override
        public Integer call() {
            switch (action) {
                case set -> {
                    if (value == null) {
                        throw new CliException("set needs a VALUE: crm node " + kindWord() + " " + node + " set "
                                + name + " VALUE", ExitCodes.USAGE);
                    }
                    if (live()) {
                        requireNode(client().read(), node); // the cluster knows its nodes: a typo must not add one
                    }
                    client().apply(cib -> NodeAttributes.set(cib, node, name, value, lifetime, kind(), this::notice));
                    flushNotices();
                }
                case delete -> {
                    Cib cib = client().read();
                    requireNode(cib, node);
                    if (NodeAttributes.get(cib, node, name, lifetime, kind()).isEmpty()) {
                        throw new CliException(kindWord() + " " + name + " is not set on node " + node
                                + Suggestions.hint(name, names(cib)));
                    }
                    client().apply(c -> NodeAttributes.set(c, node, name, null, lifetime, kind(), this::notice));
                    flushNotices();
                }
                case show -> {
                    Cib cib = client().read();
                    requireNode(cib, node);
                    Optional<String> v = NodeAttributes.get(cib, node, name, lifetime, kind());
                    if (v.isEmpty()) {
                        throw new CliException(kindWord() + " " + name + " is not set on node " + node
                                + Suggestions.hint(name, names(cib)));
                    }
                    ctx.out().println("scope=nodes  name=" + name + " value=" + v.get());
                }
            }
            return ExitCodes.OK;
        }

        private String kindWord() {
            return kind() == NodeAttributes.Kind.UTILIZATION ? "utilization" : "attribute";
        }

        private List<String> names(Cib cib) {
            List<String> out = new ArrayList<>();
            cib.configuration().node(node).ifPresent(n -> (kind() == NodeAttributes.Kind.UTILIZATION
                    ? n.utilization() : n.instanceAttributes()).forEach(s -> s.pairs().forEach(p -> out.add(p.name()))));
            return out;
        }
    }

    public static void requireNode(Cib cib, String node) {
        if (cib.configuration().node(node).isEmpty() && cib.status().nodeState(node).isEmpty()) {
            List<String> names = NodeView.of(cib).stream().map(NodeView::name).toList();
            throw new CliException("node " + node + " does not exist" + Suggestions.hint(node, names));
        }
    }

    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = "Set, delete or show a node attribute (e.g. one a resource agent reads).",
            footer = {"", "Examples:", "  crm node attribute server50 set ip_livemigration 192.168.1.50",
                "  crm node attribute server50 show ip_livemigration", "",
                "Exit codes: 0 ok, 1 error (unknown node/attribute), 2 usage error."})
    static final class Attribute extends AttributeLike {
        Attribute(CliContext ctx) {
            super(ctx);
        }

        @Override
        NodeAttributes.Kind kind() {
            return NodeAttributes.Kind.ATTRIBUTE;
        }
    }

    @Command(name = "utilization", mixinStandardHelpOptions = true,
            description = "Set, delete or show a node's capacity (used with placement-strategy).",
            footer = {"", "Example:", "  crm node utilization server50 set memory 65536", "",
                "Exit codes: 0 ok, 1 error (unknown node/attribute), 2 usage error."})
    static final class Utilization extends AttributeLike {
        Utilization(CliContext ctx) {
            super(ctx);
        }

        @Override
        NodeAttributes.Kind kind() {
            return NodeAttributes.Kind.UTILIZATION;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show nodes and their attributes.",
            footer = {"", "Example:", "  crm node show server50", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Show extends CibCommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "NODE")
        String node;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Cib cib = client().read();
            if (node != null) {
                requireNode(cib, node);
            }
            for (NodeView v : nodeViews(cib)) {
                if (node != null && !node.equals(v.name())) {
                    continue;
                }
                ctx.out().println(v.name() + "(" + v.id() + "): " + (v.online() ? "online" : "offline")
                        + (v.standby() ? ", standby" : "") + (v.maintenance() ? ", maintenance" : ""));
                Optional<Node> n = cib.configuration().node(v.name());
                n.ifPresent(x -> {
                    x.instanceAttributes().forEach(s -> s.pairs().forEach(p -> ctx.out().println("\t" + p.name()
                            + "=" + ConfigPrinter.quote(p.value() == null ? "" : p.value()))));
                    x.utilization().forEach(s -> s.pairs().forEach(p -> ctx.out().println("\tutilization: "
                            + p.name() + "=" + p.value())));
                });
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List nodes as 'ID NAME STATE' (the crm_node -l format).",
            footer = {"", "Example:", "  crm node list", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class ListNodes extends CibCommand implements Callable<Integer> {
        ListNodes(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            for (NodeView v : nodeViews(client().read())) {
                ctx.out().println(v.id() + " " + v.name() + " " + (v.online() ? "member" : "lost"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "fence", mixinStandardHelpOptions = true,
            description = {"Fence (power-cycle, or with --off power off) a node through the cluster's fencing devices",
                "and wait for the outcome. Asks for confirmation unless --force. Needs the live cluster."},
            footer = {"", "Examples:", "  crm node fence server53", "  crm node fence server53 --off --force", "",
                "Exit codes: 0 fenced, 1 fencing failed, timed out, was refused or not confirmed, 2 usage error."})
    static final class Fence extends CibCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NODE")
        String node;

        @Option(names = "--off", description = "power the node off instead of rebooting it")
        boolean off;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "how long to wait (default 120s)")
        String timeout = "120s";

        @Option(names = {"-f", "--force"}, description = "do not ask for confirmation")
        boolean force;

        Fence(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            org.vigil.ipc.DaemonService daemon = daemon("crm node fence");
            java.time.Duration t;
            try {
                t = org.vigil.agents.OcfDurations.parse(timeout);
            } catch (IllegalArgumentException e) {
                throw new CliException("--timeout: " + e.getMessage(), ExitCodes.USAGE);
            }
            if (t.isZero() || t.isNegative()) {
                throw new CliException("--timeout must be positive", ExitCodes.USAGE);
            }
            requireNode(client().read(), node);
            String action = off ? "off" : "reboot";
            if (!force && !org.vigil.cli.Main.forced(ctx) && !confirmed(action)) {
                throw new CliException("node " + node + " not fenced (not confirmed; --force skips the question)");
            }
            org.vigil.ipc.FenceOutcome o;
            try {
                o = daemon.fence(node, action, t);
            } catch (org.vigil.ipc.ServiceException e) {
                throw new CliException("fencing " + node + " (" + action + ") "
                        + (e.kind() == org.vigil.ipc.ServiceException.Kind.TIMEOUT ? "did not finish: " : "refused: ")
                        + e.getMessage());
            }
            if (!o.succeeded()) {
                throw new CliException("fencing " + node + " (" + action + ") failed"
                        + (o.device() == null ? "" : " (device " + o.device() + ")")
                        + (o.reason().isEmpty() ? "" : ": " + o.reason()));
            }
            ctx.out().println("Node " + node + " fenced (" + action + ")"
                    + (o.device() == null ? "" : " by " + o.device()));
            return ExitCodes.OK;
        }

        private boolean confirmed(String action) {
            ctx.err().print("Fencing " + node + " (" + action + ") cuts it off at once; its resources are recovered "
                    + "elsewhere. Fence " + node + "? [y/N] ");
            ctx.err().flush();
            try {
                String answer = new java.io.BufferedReader(new java.io.InputStreamReader(ctx.in(),
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                ctx.err().println();
                return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
