package org.vigil.cli.ra;

import java.util.function.Supplier;
import org.vigil.agents.AgentPlugins;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.HostEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code crm ra}: resource agent information and local execution, like crmsh's {@code ra} level. */
@Command(
        name = "ra",
        description = "Resource agents: list them, show their parameters, run one action locally.",
        subcommands = {RaListCommand.class, RaInfoCommand.class, RaExecCommand.class, CommandLine.HelpCommand.class})
public final class RaCommand implements Runnable {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<HostEnvironment> host;
    private final Supplier<AgentRegistry> registry;
    // loaded once per command: plugin jars get one class loader
    private HostEnvironment loadedHost;
    private AgentRegistry loadedRegistry;

    /** The real host and registry (built-in agents plus plugins from {@code VIGIL_AGENT_PLUGINS}). */
    public RaCommand() {
        this(HostEnvironment::system, () -> AgentPlugins.load(AgentPlugins.directories(System.getenv())));
    }

    /** Injected host and registry, for tests. */
    public RaCommand(Supplier<HostEnvironment> host, Supplier<AgentRegistry> registry) {
        this.host = host;
        this.registry = registry;
    }

    HostEnvironment host() {
        if (loadedHost == null) {
            loadedHost = host.get();
        }
        return loadedHost;
    }

    AgentRegistry registry() {
        if (loadedRegistry == null) {
            loadedRegistry = registry.get();
        }
        return loadedRegistry;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
