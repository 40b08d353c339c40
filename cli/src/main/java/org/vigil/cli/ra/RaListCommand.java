package org.vigil.cli.ra;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.agents.AgentId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crm ra list [CLASS[:PROVIDER]]}. Exit 0, or 1 when nothing matches. */
@Command(name = "list",
        description = "List available agents (native Java agents, OCF scripts, fence agents), optionally of one CLASS[:PROVIDER].")
final class RaListCommand implements Callable<Integer> {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @ParentCommand
    RaCommand ra;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLASS[:PROVIDER]", description = "e.g. ocf, ocf:heartbeat, stonith")
    String filter;

    @Option(names = "--output-as", defaultValue = "text", description = "text or json")
    OutputFormat format;

    @Override
    public Integer call() {
        List<AgentId> ids = ra.registry().list(ra.host(), Optional.ofNullable(filter));
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.array(ids.stream().map(id -> Json.string(id.toString())).toList()));
        } else {
            ids.forEach(out::println);
        }
        out.flush();
        if (ids.isEmpty()) {
            spec.commandLine().getErr().println("crm ra list: no agents" + (filter == null ? "" : " of " + filter));
            return 1;
        }
        return 0;
    }
}
