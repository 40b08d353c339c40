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
        description = "Manage nodes: standby, online, maintenance, ready, attribute, utilization, show, list.",
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
            if (node == null) {
                throw new CliException("give the node name: offline mode (CIB_file) has no local node",
                        ExitCodes.USAGE);
            }
            client().apply(cib -> NodeAttributes.set(cib, node, attribute(), value(), lifetime,
                    NodeAttributes.Kind.ATTRIBUTE, this::notice));
            flushNotices();
            ctx.out().println(done(node));
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

    static void requireNode(Cib cib, String node) {
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
            for (NodeView v : NodeView.of(cib)) {
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
            for (NodeView v : NodeView.of(client().read())) {
                ctx.out().println(v.id() + " " + v.name() + " " + (v.online() ? "member" : "lost"));
            }
            return ExitCodes.OK;
        }
    }
}
