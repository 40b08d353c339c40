package org.vigil.cli.resource;

import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.NodeState;
import org.vigil.cib.NvPair;
import org.vigil.cib.NvSet;
import org.vigil.cib.Score;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * crmsh's {@code crm resource failcount RSC show|delete|set NODE [VALUE]}: a resource's fail count on a node
 * (the sum over its operations, as {@code crm_failcount -G} shows it); delete (or set 0) forgets them all.
 */
@Command(name = "failcount", mixinStandardHelpOptions = true,
        description = {"Show, delete or set a resource's fail count on a node.",
            "show prints crm_failcount's line (scope=status  name=fail-count-RSC value=N); delete and 'set ... 0'",
            "remove every fail-count and last-failure attribute of the resource on the node (as a cleanup of the",
            "counts); 'set ... N' (N > 0) writes fail-count-RSC=N."},
        footer = {"", "Examples:", "  crm resource failcount d6 show n1", "  crm resource failcount d6 delete n1", "",
            "Exit codes: 0 ok, 1 error (unknown resource or node), 2 usage error."})
final class FailcountCommand extends CibCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RSC")
    String rsc;

    @Parameters(index = "1", paramLabel = "show|delete|set")
    String action;

    @Parameters(index = "2", paramLabel = "NODE")
    String node;

    @Parameters(index = "3", arity = "0..1", paramLabel = "VALUE")
    String value;

    FailcountCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        Cib cib = client().read();
        ResourceEdits.require(cib.configuration(), rsc);
        ResourceCommand.requireNode(cib, node);
        switch (action) {
            case "show" -> {
                ctx.out().println("scope=status  name=fail-count-" + rsc + " value=" + count(cib, rsc, node));
                return ExitCodes.OK;
            }
            case "delete" -> {
                delete();
                return ExitCodes.OK;
            }
            case "set" -> {
                if (value == null) {
                    throw new CliException("failcount set: VALUE is missing (a number; 0 deletes)", ExitCodes.USAGE);
                }
                int v = Score.parse(value).orElseThrow(() -> new CliException(
                        "failcount set: '" + value + "' is not a number", ExitCodes.USAGE));
                if (v <= 0) {
                    delete();
                } else {
                    client().apply(c -> FailCountAttributes.set(c, node, "fail-count-" + rsc, Integer.toString(v)));
                }
                return ExitCodes.OK;
            }
            default -> throw new CliException("failcount: unknown action '" + action + "' (show, delete or set)",
                    ExitCodes.USAGE);
        }
    }

    private void delete() {
        client().apply(c -> Cleanup.clean(c, List.of(rsc), node).cib());
    }

    /** The sum of the resource's fail-count attributes on the node (per operation, and the legacy one). */
    static int count(Cib cib, String rsc, String node) {
        int sum = 0;
        for (NodeState s : cib.status().nodeStates()) {
            String name = s.uname() != null ? s.uname() : s.id();
            if (!node.equals(name) || s.transientAttributes() == null) {
                continue;
            }
            for (NvSet set : s.transientAttributes().sets()) {
                for (NvPair p : set.pairs()) {
                    String n = p.name();
                    if (n != null && (n.equals("fail-count-" + rsc) || n.startsWith("fail-count-" + rsc + "#"))) {
                        sum = Score.add(sum, Score.parseOr(p.value(), 0));
                    }
                }
            }
        }
        return sum;
    }
}
