package org.vigil.cli.ra;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.LocalAgentExecutor;
import org.vigil.agents.MetadataException;
import org.vigil.agents.MetadataXml;
import org.vigil.agents.NodeAttributes;
import org.vigil.agents.OcfDurations;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.fence.FenceAction;
import org.vigil.agents.fence.FenceRequest;
import org.vigil.agents.fence.FenceResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code crm ra exec AGENT ACTION [name=value ...]}: runs one action locally, like ocf-tester, and
 * exits with the agent's OCF code (0-9); 1 on timeout; 2 on usage errors. Fence actions of
 * {@code stonith:} agents exit with the fence agent's code (0 success or on, 2 off, 1 error).
 */
@Command(name = "exec",
        description = {"Run one agent action on this machine and exit with its OCF code (for agent authors).",
                "Agent state (e.g. Dummy's state file) lives in HA_RSCTMP, else $VIGIL_STATE_DIR/rsctmp, else /tmp/vigil-rsctmp,",
                "so separate invocations with the same --resource see the same resource."})
final class RaExecCommand implements Callable<Integer> {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @ParentCommand
    RaCommand ra;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "class:provider:type, e.g. ocf:heartbeat:Dummy")
    String agent;

    @Parameters(index = "1", paramLabel = "ACTION", description = {"start, stop, monitor, promote, demote, notify, migrate_to, migrate_from, reload, validate-all, meta-data;",
            "for stonith agents also on, off, reboot, status (with --target) and list"})
    String action;

    @Parameters(index = "2..*", paramLabel = "name=value", description = "instance parameters (OCF_RESKEY_name)")
    List<String> params = List.of();

    @Option(names = {"-r", "--resource"}, paramLabel = "NAME", description = "resource instance name (OCF_RESOURCE_INSTANCE); default: the agent type")
    String resource;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "action timeout (e.g. 20s, 2min); default: the agent's advised timeout")
    String timeout;

    @Option(names = "--depth", defaultValue = "0", description = "monitor depth (OCF_CHECK_LEVEL)")
    int depth;

    @Option(names = "--meta", paramLabel = "name=value", description = "meta attribute, passed as OCF_RESKEY_CRM_meta_name (repeatable)")
    List<String> meta = List.of();

    @Option(names = "--node", paramLabel = "NAME", description = "local node name the agent sees (default: this host's name)")
    String node;

    @Option(names = "--node-attr", paramLabel = "NODE:NAME=VALUE", description = "a node attribute visible to native agents, e.g. server51:ip_livemigration=192.168.1.51 (repeatable)")
    List<String> nodeAttrs = List.of();

    @Option(names = "--output-as", defaultValue = "text", description = "text, or json: one object with the exit code, status, exit reason and output")
    OutputFormat format;

    @Option(names = "--target", paramLabel = "NODE", description = "for stonith agents: the node to fence (on, off, reboot, status)")
    String target;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        AgentId id;
        try {
            id = AgentId.parse(agent);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        Optional<FenceAction> fenceAction = FenceAction.parse(action)
                .filter(a -> a != FenceAction.MONITOR && a != FenceAction.METADATA);
        if (id.isStonith() && fenceAction.isPresent()) {
            return fence(cl, id, fenceAction.get());
        }
        ActionName act = ActionName.parse(action).orElseThrow(() -> new CommandLine.ParameterException(cl,
                "unknown action '" + action + "': expected start, stop, monitor, promote, demote, notify, migrate_to, migrate_from, reload, validate-all or meta-data"));
        Map<String, String> instanceParams = pairs(cl, params, "parameter");
        Map<String, String> metaAttrs = pairs(cl, meta, "--meta");
        HostEnvironment host = ra.host();
        if (node != null) {
            host = host.withLocalNode(node);
        }
        if (!nodeAttrs.isEmpty()) {
            host = host.withNodeAttributes(NodeAttributes.of(nodeAttributes(cl, nodeAttrs)));
        }
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        Duration t = timeout != null ? parseDuration(cl, timeout) : advisedTimeout(id, act, host, err);
        String instance = resource != null ? resource : id.type();
        AgentAction a = new AgentAction(id, instance, act, instanceParams, metaAttrs, depth, t);
        AgentResult r = LocalRun.run(ra.registry(), host, a);
        if (format == OutputFormat.json) {
            out.println(json(id, act, instance, r));
            out.flush();
            return r.cliExitCode();
        }
        if (!r.output().isEmpty()) {
            out.print(r.output().endsWith("\n") ? r.output() : r.output() + "\n");
            out.flush();
        }
        for (var u : r.attributeUpdates()) {
            err.println("attribute " + u.name() + (u.value().isPresent() ? " = " + u.value().get() : " deleted"));
        }
        err.println(id + " " + act.ocfName() + " (" + instance + "): " + describe(r));
        err.flush();
        return r.cliExitCode();
    }

    /** Fence agents' own actions; exits with the agent's code (0 success, 2 status off, 1 error). */
    private int fence(CommandLine cl, AgentId id, FenceAction fa) {
        if (fa.needsTarget() && target == null) {
            throw new CommandLine.ParameterException(cl, fa.agentName() + " needs --target NODE");
        }
        Duration t = timeout != null ? parseDuration(cl, timeout) : Duration.ofSeconds(60);
        FenceRequest request = new FenceRequest(id, fa, Optional.ofNullable(target), pairs(cl, params, "parameter"), t);
        FenceResult r;
        try (LocalAgentExecutor executor = new LocalAgentExecutor(ra.registry(), ra.host())) {
            CompletableFuture<FenceResult> f = new CompletableFuture<>();
            executor.fence(request, f::complete);
            r = f.get(t.plusMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("fence executor did not report for " + id, e);
        }
        PrintWriter out = cl.getOut();
        if (!r.output().isEmpty()) {
            out.print(r.output().endsWith("\n") ? r.output() : r.output() + "\n");
            out.flush();
        }
        String what = r.execStatus() != ExecStatus.DONE ? r.execStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : fa == FenceAction.STATUS ? "power " + r.power().name().toLowerCase(java.util.Locale.ROOT) + " (rc=" + r.exitCode() + ")"
                : (r.succeeded() ? "success" : "failed") + " (rc=" + r.exitCode() + ")";
        cl.getErr().println(id + " " + fa.agentName() + (target == null ? "" : " " + target) + ": " + what + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        cl.getErr().flush();
        return r.execStatus() == ExecStatus.DONE ? r.exitCode() : 1;
    }

    static String json(AgentId id, ActionName act, String instance, AgentResult r) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("agent", Json.string(id.toString()));
        o.put("action", Json.string(act.ocfName()));
        o.put("resource", Json.string(instance));
        o.put("exec_status", Json.string(r.execStatus().name().toLowerCase(java.util.Locale.ROOT)));
        o.put("rc", Integer.toString(r.exitCode()));
        o.put("status", Json.string(r.status().name().toLowerCase(java.util.Locale.ROOT)));
        o.put("exit_reason", Json.string(r.exitReason()));
        o.put("output", Json.string(r.output()));
        o.put("attribute_updates", Json.array(r.attributeUpdates().stream()
                .map(u -> Json.object(Map.of("name", Json.string(u.name()), "value", u.value().map(Json::string).orElse("null"))))
                .toList()));
        return Json.object(o);
    }

    static String describe(AgentResult r) {
        String what = r.execStatus() == ExecStatus.DONE
                ? r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (rc=" + r.exitCode() + ")"
                : r.execStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return r.exitReason().isEmpty() ? what : what + ": " + r.exitReason();
    }

    private Duration advisedTimeout(AgentId id, ActionName act, HostEnvironment host, PrintWriter err) {
        Duration fallback = Duration.ofSeconds(20);
        if (act == ActionName.META_DATA || ra.registry().resolve(id, host).isEmpty()) {
            return fallback;
        }
        AgentResult md = LocalRun.run(ra.registry(), host, AgentAction.of(id, "crm-ra-exec", ActionName.META_DATA, Map.of(), Duration.ofSeconds(10)));
        if (!md.is(OcfStatus.SUCCESS)) {
            err.println("warning: meta-data of " + id + " failed, using a 20s timeout");
            return fallback;
        }
        try {
            return MetadataXml.parse(id.toString(), md.output()).defaultTimeout(act);
        } catch (MetadataException e) {
            err.println("warning: " + e.getMessage() + "; using a 20s timeout");
            return fallback;
        }
    }

    private static Duration parseDuration(CommandLine cl, String s) {
        try {
            Duration d = OcfDurations.parse(s);
            if (d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--timeout: " + e.getMessage());
        }
    }

    private static Map<String, String> pairs(CommandLine cl, List<String> items, String what) {
        Map<String, String> m = new HashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(cl, what + " '" + item + "' must be name=value");
            }
            m.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return m;
    }

    private static Map<String, Map<String, String>> nodeAttributes(CommandLine cl, List<String> items) {
        Map<String, Map<String, String>> m = new HashMap<>();
        for (String item : items) {
            int colon = item.indexOf(':');
            int eq = item.indexOf('=');
            if (colon <= 0 || eq <= colon + 1) {
                throw new CommandLine.ParameterException(cl, "--node-attr '" + item + "' must be NODE:NAME=VALUE");
            }
            m.computeIfAbsent(item.substring(0, colon), k -> new HashMap<>()).put(item.substring(colon + 1, eq), item.substring(eq + 1));
        }
        return m;
    }
}
