package org.vigil.cli.compat;

import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cib.Booleans;
import org.vigil.cib.Cib;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.status.NodeView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Pacemaker's {@code crm_node}: node list, partition, quorum, removal. */
@Command(name = "crm_node", hidden = true, mixinStandardHelpOptions = true,
        description = "Node information (Pacemaker's crm_node).",
        footer = {"", "Examples:", "  crm_node -l", "  crm_node -p", "  crm_node -q", "  crm_node -R server53", "",
            "Exit codes: 0 ok, 1 error, 2 usage error."})
public final class CrmNodeCommand extends CibCommand implements Callable<Integer> {
    static final class Action {
        @Option(names = {"-l", "--list"}, description = "list nodes: ID NAME STATE")
        boolean list;

        @Option(names = {"-p", "--partition"}, description = "names of the nodes in this partition")
        boolean partition;

        @Option(names = {"-q", "--quorum"}, description = "1 when the partition has quorum, else 0")
        boolean quorum;

        @Option(names = {"-n", "--name"}, description = "this node's name")
        boolean name;

        @Option(names = {"-R", "--remove"}, paramLabel = "NODE", description = "remove NODE from the CIB")
        String remove;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--force", description = "accepted for compatibility")
    boolean force;

    public CrmNodeCommand(CliContext ctx) {
        super(ctx);
    }

    /**
     * The command for a plain query line ({@code -n}, {@code -l}, {@code -p} or {@code -q}, alone or with
     * {@code --force}), filled without Picocli: agents call {@code crm_node -n} on every action. Null for anything
     * else (help, {@code -R}, two actions, unknown words), which Picocli parses and reports.
     */
    public static CrmNodeCommand plainQuery(CliContext ctx, List<String> args) {
        Action action = new Action();
        boolean force = false;
        int actions = 0;
        for (String a : args) {
            switch (a) {
                case "-l", "--list" -> action.list = true;
                case "-p", "--partition" -> action.partition = true;
                case "-q", "--quorum" -> action.quorum = true;
                case "-n", "--name" -> action.name = true;
                case "--force" -> {
                    force = true;
                    continue;
                }
                default -> {
                    return null;
                }
            }
            actions++;
        }
        if (actions != 1) {
            return null;
        }
        CrmNodeCommand c = new CrmNodeCommand(ctx);
        c.action = action;
        c.force = force;
        return c;
    }

    @Override
    public Integer call() {
        if (action.remove != null) {
            String node = action.remove;
            if (live() && clusterState("crm_node -R").isMember(node)) {
                throw new CliException("node " + node + " is still a cluster member; stop vigild there (and take it "
                        + "out of corosync.conf) before removing it");
            }
            client().apply(cib -> {
                if (cib.configuration().node(node).isEmpty() && cib.status().nodeState(node).isEmpty()) {
                    throw new CliException("node " + node + " does not exist");
                }
                return cib.withConfiguration(cib.configuration().withNodes(cib.configuration().nodes().stream()
                        .filter(n -> !node.equals(n.uname())).toList()))
                        .withStatus(new org.vigil.cib.Status(cib.status().nodeStates().stream()
                                .filter(s -> !node.equals(s.uname())).toList(), cib.status().extras()));
            });
            return ExitCodes.OK;
        }
        if (action.name) {
            ctx.out().println(localNode("crm_node -n",
                    "offline mode (CIB_file) has no local node; crm_node -n is not available"));
            return ExitCodes.OK;
        }
        Cib cib = client().read();
        // crm_node lists the cluster's members: remote and guest nodes are not among them
        List<NodeView> nodes = nodeViews(cib).stream().filter(NodeView::isCluster).toList();
        if (action.list) {
            for (NodeView v : nodes) {
                ctx.out().println(v.id() + " " + v.name() + " " + (v.online() ? "member" : "lost"));
            }
        } else if (action.partition) {
            ctx.out().println(String.join(" ", nodes.stream().filter(NodeView::online).map(NodeView::name).toList()));
        } else {
            boolean quorate = live() ? clusterState("crm_node -q").quorate()
                    : Booleans.isTrue(cib.attribute("have-quorum"));
            ctx.out().println(quorate ? "1" : "0");
        }
        return ExitCodes.OK;
    }
}
