package org.vigil.cli.cluster;

import java.util.concurrent.Callable;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.ExitCodes;
import org.vigil.ipc.ClusterState;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code crm cluster ...}: what the local vigild knows about membership, quorum and the rings. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Cluster membership as the local vigild sees it: rings, members, quorum, DC.",
            "Needs the live cluster (not CIB_file)."},
        footer = {"", "Examples:", "  crm cluster rings", "  crm cluster status", "  crm cluster start", "",
            "Exit codes: 0 ok, 1 error (vigild not reachable, or CIB_file set), 2 usage error."},
        subcommands = {ClusterCommand.Rings.class, ClusterCommand.Status.class, ClusterService.Start.class,
            ClusterService.Stop.class, ClusterService.Restart.class})
public final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "rings", mixinStandardHelpOptions = true,
            description = {"The state of this node's rings (links), like corosync-cfgtool -s:",
                "'ring N: active with no faults', or FAULTY naming the peers it has not heard from."},
            footer = {"", "Example:", "  crm cluster rings", "",
                "Exit codes: 0 ok (also with faulty rings: read the lines), 1 error, 2 usage error."})
    static final class Rings extends CibCommand implements Callable<Integer> {
        Rings(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ClusterState s = clusterState("crm cluster rings");
            ctx.out().println("Ring status of node " + s.localNode() + ":");
            if (s.rings().isEmpty()) {
                ctx.out().println("  (vigild reports no rings)");
            }
            s.rings().forEach(r -> ctx.out().println("  " + r));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Membership and quorum (like corosync-quorumtool -s) and the rings (corosync-cfgtool -s)."},
            footer = {"", "Example:", "  crm cluster status", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class Status extends CibCommand implements Callable<Integer> {
        Status(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ClusterState s = clusterState("crm cluster status");
            var out = ctx.out();
            out.println("Local node:     " + s.localNode());
            out.println("Current DC:     " + (s.dc() == null ? "NONE (election in progress)" : s.dc()));
            out.println("Quorate:        " + (s.quorate() ? "yes" : "NO"));
            out.println("Votes:          " + s.votes() + " (expected " + s.expectedVotes() + ")");
            out.println("Members:        " + (s.members().isEmpty() ? "-" : String.join(" ", s.members())));
            if (!s.strangers().isEmpty()) {
                out.println("Not in nodelist: " + String.join(" ", s.strangers()) + " (no votes)");
            }
            out.println("Rings:");
            if (s.rings().isEmpty()) {
                out.println("  (vigild reports no rings)");
            }
            s.rings().forEach(r -> out.println("  " + r));
            out.println("vigild version: " + s.version());
            return ExitCodes.OK;
        }
    }
}
