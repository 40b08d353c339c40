package org.vigil.cli.compat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentPlugins;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.OcfStatus;
import org.vigil.cli.CliContext;
import org.vigil.cli.ra.LocalRun;

/**
 * crm_resource's agent queries ({@code --list-standards}, {@code --list-ocf-providers}, {@code --list-agents},
 * {@code --list-ocf-alternatives}, {@code --show-metadata}) answered from the agents Vigil can run (native agents,
 * OCF scripts, fence agents), with Pacemaker 2.1.5's refusals and exit codes.
 */
final class AgentQueries {
    /** Pacemaker's order of the standards it lists. */
    private static final List<String> STANDARDS = List.of("ocf", "lsb", "service", "systemd", "stonith");

    private final CliContext ctx;
    private final HostEnvironment host = HostEnvironment.system();
    private final AgentRegistry registry;

    AgentQueries(CliContext ctx) {
        this.ctx = ctx;
        this.registry = AgentPlugins.load(AgentPlugins.directories(ctx.env()));
    }

    private List<AgentId> all() {
        return registry.list(host, Optional.empty());
    }

    int standards() {
        TreeSet<String> found = new TreeSet<>();
        all().forEach(id -> found.add(id.standard()));
        List<String> out = new ArrayList<>();
        STANDARDS.stream().filter(found::contains).forEach(out::add);
        found.stream().filter(s -> !out.contains(s)).forEach(out::add);
        out.forEach(ctx.out()::println);
        return 0;
    }

    int providers() {
        TreeSet<String> found = new TreeSet<>();
        all().stream().filter(AgentId::isOcf).forEach(id -> found.add(id.provider()));
        found.forEach(ctx.out()::println);
        return 0;
    }

    /** {@code --list-agents STD[:PROV]}: the agent names, sorted. */
    int agents(String spec) {
        String[] parts = spec.split(":", 2);
        TreeSet<String> names = new TreeSet<>();
        for (AgentId id : all()) {
            if (id.standard().equals(parts[0]) && (parts.length == 1 || parts[1].equals(id.provider()))) {
                names.add(id.type());
            }
        }
        if (names.isEmpty()) {
            ctx.err().println("crm_resource: No agents found for standard '" + parts[0] + "'"
                    + (parts.length > 1 ? " and provider '" + parts[1] + "'" : ""));
            ctx.err().println("Error performing operation: Error occurred");
            return 1;
        }
        names.forEach(ctx.out()::println);
        return 0;
    }

    int alternatives(String agent) {
        TreeSet<String> providers = new TreeSet<>();
        all().stream().filter(id -> id.isOcf() && id.type().equals(agent)).forEach(id -> providers.add(id.provider()));
        if (providers.isEmpty()) {
            ctx.err().println("crm_resource: No OCF providers found for " + agent);
            ctx.err().println("Error performing operation: No such object");
            return CrmResourceCommand.EX_NOSUCH;
        }
        providers.forEach(ctx.out()::println);
        return 0;
    }

    /** {@code --show-metadata SPEC}: the agent's meta-data XML as the agent prints it. */
    int metadata(String spec) {
        AgentId id;
        try {
            id = AgentId.parse(spec);
        } catch (IllegalArgumentException e) {
            ctx.err().println("crm_resource: '" + spec + "' is not a valid agent specification");
            ctx.err().println("Error performing operation: No such object");
            return CrmResourceCommand.EX_NOSUCH;
        }
        if (registry.resolve(id, host).isEmpty()) {
            return noMetadata(spec);
        }
        AgentResult r = LocalRun.run(registry, host,
                AgentAction.of(id, "RESOURCE_ID", ActionName.META_DATA, Map.of(), Duration.ofSeconds(30)));
        if (!r.is(OcfStatus.SUCCESS) || r.output().isBlank()) {
            return noMetadata(spec);
        }
        ctx.out().print(r.output().endsWith("\n") ? r.output() : r.output() + "\n");
        return 0;
    }

    private int noMetadata(String spec) {
        ctx.err().println("crm_resource: Metadata query for " + spec + " failed: No such device or address");
        ctx.err().println("Error performing operation: No such object");
        return CrmResourceCommand.EX_NOSUCH;
    }
}
