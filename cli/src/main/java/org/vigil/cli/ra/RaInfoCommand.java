package org.vigil.cli.ra;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.agents.ActionName;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.MetadataException;
import org.vigil.agents.MetadataXml;
import org.vigil.agents.OcfDurations;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.ResolvedAgent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crm ra info AGENT}: parameters with types and defaults, and the advised action timeouts. Exit 0, or 1 if the agent is missing or its meta-data is unusable. */
@Command(name = "info", aliases = "meta",
        description = "Show an agent's parameters (type, default, required) and its actions' default timeouts.")
final class RaInfoCommand implements Callable<Integer> {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @ParentCommand
    RaCommand ra;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "class:provider:type, e.g. ocf:heartbeat:Xen")
    String agent;

    @Option(names = "--output-as", defaultValue = "text", description = "text or json")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        AgentId id;
        try {
            id = AgentId.parse(agent);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<ResolvedAgent> resolved = ra.registry().resolve(id, ra.host());
        if (resolved.isEmpty()) {
            err.println("crm ra info: agent " + id + " not found (no native agent, no script under " + ra.host().ocfRoot() + "/resource.d)");
            return 1;
        }
        AgentResult r = LocalRun.run(ra.registry(), ra.host(),
                AgentAction.of(id, "RESOURCE_ID", ActionName.META_DATA, Map.of(), Duration.ofSeconds(10)));
        if (!r.is(OcfStatus.SUCCESS)) {
            err.println("crm ra info: meta-data of " + id + " failed: " + (r.exitReason().isEmpty() ? r.status() + " (" + r.exitCode() + ")" : r.exitReason()));
            return 1;
        }
        AgentMetadata md;
        try {
            md = MetadataXml.parse(id.toString(), r.output());
        } catch (MetadataException e) {
            err.println("crm ra info: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? json(id, resolved.get(), md) + "\n" : text(id, resolved.get(), md));
        out.flush();
        return 0;
    }

    static String text(AgentId id, ResolvedAgent resolved, AgentMetadata md) {
        StringBuilder sb = new StringBuilder();
        sb.append(md.shortDesc().isEmpty() ? md.name() : md.shortDesc()).append(" (").append(id).append(")\n");
        sb.append("Implemented by: ").append(resolved.describe()).append("\n\n");
        if (!md.longDesc().isEmpty()) {
            sb.append(md.longDesc().strip()).append("\n\n");
        }
        sb.append("Parameters (*: required, []: default):\n\n");
        for (ParameterSpec p : md.parameters()) {
            sb.append(p.name()).append(p.required() ? "*" : "").append(" (").append(p.type());
            p.defaultValue().ifPresent(d -> sb.append(", [").append(d).append("]"));
            sb.append(")");
            if (p.unique()) {
                sb.append(" unique");
            }
            sb.append(": ").append(p.shortDesc()).append('\n');
            if (!p.longDesc().isBlank() && !p.longDesc().strip().equals(p.shortDesc().strip())) {
                p.longDesc().strip().lines().forEach(l -> sb.append("    ").append(l.strip()).append('\n'));
            }
            sb.append('\n');
        }
        sb.append("Operations' defaults (advisory minimum):\n\n");
        for (ActionSpec a : md.actions()) {
            sb.append(String.format("    %-15s timeout=%s", a.name() + a.role().map(r -> "_" + r).orElse(""), OcfDurations.format(a.timeout())));
            a.interval().ifPresent(i -> sb.append(" interval=").append(OcfDurations.format(i)));
            if (a.depth() != 0) {
                sb.append(" depth=").append(a.depth());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(AgentId id, ResolvedAgent resolved, AgentMetadata md) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("agent", Json.string(id.toString()));
        o.put("implementation", Json.string(resolved.describe()));
        o.put("shortdesc", Json.string(md.shortDesc()));
        o.put("parameters", Json.array(md.parameters().stream().map(p -> {
            Map<String, String> po = new LinkedHashMap<>();
            po.put("name", Json.string(p.name()));
            po.put("type", Json.string(p.type()));
            po.put("required", Boolean.toString(p.required()));
            po.put("unique", Boolean.toString(p.unique()));
            po.put("default", p.defaultValue().map(Json::string).orElse("null"));
            po.put("shortdesc", Json.string(p.shortDesc()));
            return Json.object(po);
        }).toList()));
        o.put("actions", Json.array(md.actions().stream().map(a -> {
            Map<String, String> ao = new LinkedHashMap<>();
            ao.put("name", Json.string(a.name()));
            ao.put("timeout", Json.string(OcfDurations.format(a.timeout())));
            ao.put("interval", a.interval().map(i -> Json.string(OcfDurations.format(i))).orElse("null"));
            ao.put("role", a.role().map(Json::string).orElse("null"));
            return Json.object(ao);
        }).toList()));
        return Json.object(o);
    }
}
