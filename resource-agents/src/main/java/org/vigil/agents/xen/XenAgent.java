package org.vigil.agents.xen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.agents.ActionContext;
import org.vigil.agents.ActionSpec;
import org.vigil.agents.AgentFailure;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentMetadata;
import org.vigil.agents.AgentResult;
import org.vigil.agents.CommandResult;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ParameterSpec;
import org.vigil.agents.ResourceAgent;

/**
 * {@code ocf:heartbeat:Xen} in Java, with the classic agent's parameters: a Xen domU created from
 * {@code xmfile} with {@code xl} (falling back to {@code xm}), stopped by an orderly shutdown
 * bounded by {@code shutdown_timeout} and then destroyed, monitored by domain state, and live
 * migrated to the address in the target node's {@code node_ip_attribute}.
 */
public final class XenAgent implements ResourceAgent {
    private static final Pattern NAME_LINE = Pattern.compile("^\\s*name\\s*=\\s*[\"']?([^\"'\\s#]+)[\"']?", Pattern.MULTILINE);

    private static final AgentMetadata METADATA = new AgentMetadata("Xen", "1.0",
            "Manages Xen unprivileged domains (DomUs)",
            "Resource agent for the Xen hypervisor: starts a domU from its configuration file, stops it with an orderly "
                    + "shutdown (then destroy after shutdown_timeout), monitors its state and live-migrates it. Para-virtualized "
                    + "guests can be migrated by enabling the meta attribute allow-migrate.",
            List.of(ParameterSpec.required("xmfile", "string", "Xen control file (domain configuration), e.g. /etc/xen/vm/MyDomU"),
                    ParameterSpec.optional("name", "string", null, "Name of the domain (default: name= in xmfile, else the resource name)"),
                    ParameterSpec.optional("shutdown_timeout", "string", null,
                            "Seconds to wait for an orderly shutdown before destroying the domain (default: 2/3 of the stop timeout)"),
                    ParameterSpec.optional("shutdown_acpi", "boolean", "0", "Shut down with an ACPI power button event (xl trigger power) instead of xl shutdown"),
                    ParameterSpec.optional("node_ip_attribute", "string", null,
                            "Node attribute holding the address to live-migrate to (e.g. ip_livemigration); default: the node name"),
                    ParameterSpec.optional("allow_mem_management", "boolean", "0", "Not implemented by Vigil's native agent (accepted and ignored)"),
                    ParameterSpec.optional("reserved_Dom0_memory", "string", "512", "Not implemented by Vigil's native agent (accepted and ignored)"),
                    ParameterSpec.optional("autoset_utilization_cpu", "boolean", "false", "Not implemented by Vigil's native agent (accepted and ignored)"),
                    ParameterSpec.optional("autoset_utilization_hv_memory", "boolean", "false", "Not implemented by Vigil's native agent (accepted and ignored)"),
                    ParameterSpec.optional("monitor_scripts", "string", null, "Space-separated scripts run by monitor; any non-zero exit fails the monitor")),
            List.of(ActionSpec.of("start", 60), ActionSpec.of("stop", 40), ActionSpec.of("migrate_from", 120),
                    ActionSpec.of("migrate_to", 120), ActionSpec.monitor(30, 10), ActionSpec.of("meta-data", 5),
                    ActionSpec.of("validate-all", 5)));

    @Override
    public AgentId id() {
        return AgentId.ocf("heartbeat", "Xen");
    }

    @Override
    public AgentMetadata metadata() {
        return METADATA;
    }

    /** xl is preferred; xm is the toolstack of Xen before 4.5. */
    private static String tool(ActionContext ctx) {
        if (ctx.hasTool("xl")) {
            return "xl";
        }
        if (ctx.hasTool("xm")) {
            return "xm";
        }
        throw AgentFailure.installed("neither xl nor xm found on PATH: is the Xen toolstack installed?");
    }

    static String domainName(ActionContext ctx) {
        Optional<String> name = ctx.optParam("name");
        if (name.isPresent()) {
            return name.get();
        }
        Path xmfile = Path.of(ctx.param("xmfile"));
        if (Files.isReadable(xmfile)) {
            try {
                Matcher m = NAME_LINE.matcher(Files.readString(xmfile));
                if (m.find()) {
                    return m.group(1);
                }
            } catch (IOException e) {
                // fall back to the resource name, as the classic agent does
            }
        }
        int colon = ctx.instance().indexOf(':');
        return colon < 0 ? ctx.instance() : ctx.instance().substring(0, colon);
    }

    private static Optional<DomainState> state(ActionContext ctx, String tool, String dom) {
        CommandResult r = ctx.run(Duration.ofSeconds(30), tool, "list", dom);
        if (!r.ok()) {
            // xl exits 1 with "Invalid domain identifier" for an unknown domain
            return Optional.empty();
        }
        return DomainState.fromXlList(r.stdout(), dom);
    }

    @Override
    public AgentResult validateAll(ActionContext ctx) {
        tool(ctx);
        Optional<String> st = ctx.optParam("shutdown_timeout");
        if (st.isPresent() && !st.get().matches("\\d+")) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "shutdown_timeout must be a number of seconds, not '" + st.get() + "'");
        }
        return AgentResult.success();
    }

    private static AgentResult checked(AgentResult validation) {
        if (!validation.is(OcfStatus.SUCCESS)) {
            throw new AgentFailure(validation.status(), validation.exitReason());
        }
        return validation;
    }

    @Override
    public AgentResult start(ActionContext ctx) {
        checked(validateAll(ctx));
        String tool = tool(ctx);
        String dom = domainName(ctx);
        Optional<DomainState> s = state(ctx, tool, dom);
        if (s.isPresent() && s.get() == DomainState.RUNNING) {
            return AgentResult.success();
        }
        if (s.isPresent()) {
            // a crashed or paused leftover blocks creating a domain of the same name
            ctx.run(tool, "destroy", dom);
        }
        Path xmfile = Path.of(ctx.param("xmfile"));
        if (!Files.isReadable(xmfile)) {
            return AgentResult.of(OcfStatus.ERR_INSTALLED, "Xen domain configuration " + xmfile + " does not exist or is not readable");
        }
        CommandResult created = ctx.run(tool, "create", xmfile.toString(), "name=" + dom);
        if (!created.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " failed to start: " + created.describe());
        }
        boolean up = ctx.await(ctx.remaining(), () -> state(ctx, tool, dom).isPresent());
        Optional<DomainState> now = state(ctx, tool, dom);
        if (!up || now.isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " did not appear after " + tool + " create");
        }
        String ignored = ignoredSettings(ctx);
        if (now.get() == DomainState.PAUSED) {
            CommandResult unpause = ctx.run(tool, "unpause", dom);
            if (!unpause.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " was created paused and cannot be unpaused: " + unpause.describe());
            }
        } else if (now.get() == DomainState.CRASHED) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " crashed during start");
        }
        return AgentResult.success().withOutput(ignored);
    }

    /** Classic-agent features this agent does not implement: accepted so configurations load, but said out loud when enabled. */
    static String ignoredSettings(ActionContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (String p : List.of("allow_mem_management", "autoset_utilization_cpu", "autoset_utilization_hv_memory")) {
            if (ctx.boolParam(p)) {
                sb.append("warning: ").append(p).append(" is not implemented by Vigil's native Xen agent and is ignored\n");
            }
        }
        return sb.toString();
    }

    /** Seconds for an orderly shutdown: the parameter, else 2/3 of the stop timeout (as the classic agent). */
    private static Duration shutdownTimeout(ActionContext ctx) {
        Optional<String> st = ctx.optParam("shutdown_timeout");
        if (st.isPresent()) {
            return Duration.ofSeconds(Long.parseLong(st.get()));
        }
        return ctx.action().timeout().multipliedBy(2).dividedBy(3);
    }

    @Override
    public AgentResult stop(ActionContext ctx) {
        checked(validateAll(ctx));
        String tool = tool(ctx);
        String dom = domainName(ctx);
        Optional<DomainState> s = state(ctx, tool, dom);
        if (s.isEmpty()) {
            // during a live migration Xen renames the outgoing domain; an interrupted one is stopped too
            dom = "migrating-" + dom;
            s = state(ctx, tool, dom);
            if (s.isEmpty()) {
                return AgentResult.success();
            }
        }
        return stopDomain(ctx, tool, dom, s.get());
    }

    private static AgentResult stopDomain(ActionContext ctx, String tool, String dom, DomainState s) {
        Duration orderly = shutdownTimeout(ctx);
        boolean gone = false;
        if (s != DomainState.CRASHED && !orderly.isZero()) {
            if (ctx.boolParam("shutdown_acpi")) {
                ctx.run(tool, "trigger", dom, "power");
            } else {
                ctx.run(tool, "shutdown", dom);
            }
            gone = ctx.await(orderly, () -> state(ctx, tool, dom).isEmpty());
        }
        // stop must not fail: destroy until the domain is gone, or the action times out
        while (!gone) {
            ctx.run(tool, "destroy", dom);
            gone = ctx.await(Duration.ofSeconds(1), () -> state(ctx, tool, dom).isEmpty());
            if (!gone && ctx.remaining().isZero()) {
                return AgentResult.timedOut("Xen domain " + dom + " survived " + tool + " destroy", "");
            }
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult monitor(ActionContext ctx) {
        checked(validateAll(ctx));
        String tool = tool(ctx);
        String dom = domainName(ctx);
        Optional<DomainState> s = state(ctx, tool, dom);
        if (s.isEmpty()) {
            return AgentResult.notRunning();
        }
        switch (s.get()) {
            case CRASHED:
                return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " has crashed");
            case PAUSED:
                return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " is paused");
            case SHUTTING_DOWN:
            case DYING:
                return AgentResult.of(OcfStatus.ERR_GENERIC, "Xen domain " + dom + " is shutting down unexpectedly");
            default:
                break;
        }
        for (String script : ctx.optParam("monitor_scripts").map(v -> List.of(v.trim().split("\\s+"))).orElse(List.of())) {
            CommandResult r = ctx.run(script);
            if (!r.ok()) {
                return AgentResult.of(OcfStatus.ERR_GENERIC, "monitor script failed: " + r.describe());
            }
        }
        return AgentResult.success();
    }

    /** The migration address: the target's {@code node_ip_attribute} value when set, else its node name. */
    static String migrationAddress(ActionContext ctx, String target) {
        return ctx.optParam("node_ip_attribute")
                .flatMap(attr -> ctx.nodeAttribute(target, attr))
                .filter(v -> !v.isBlank() && !v.equals("(null)"))
                .orElse(target);
    }

    @Override
    public AgentResult migrateTo(ActionContext ctx) {
        checked(validateAll(ctx));
        String tool = tool(ctx);
        String dom = domainName(ctx);
        String target = ctx.meta("migrate_target");
        if (target.isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED, "migrate_to needs the migrate_target meta attribute");
        }
        if (state(ctx, tool, dom).filter(s -> s == DomainState.RUNNING).isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, dom + ": migrate_to: not active locally");
        }
        String addr = migrationAddress(ctx, target);
        CommandResult r = tool.equals("xm")
                ? ctx.run(tool, "migrate", "--live", dom, addr)
                : ctx.run(tool, "migrate", dom, addr);
        if (!r.ok()) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, dom + ": " + tool + " migrate to " + target + " (" + addr + ") failed: " + r.describe());
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult migrateFrom(ActionContext ctx) {
        checked(validateAll(ctx));
        String tool = tool(ctx);
        String dom = domainName(ctx);
        Duration wait = ctx.action().timeout().multipliedBy(2).dividedBy(3);
        boolean active = ctx.await(wait, () -> state(ctx, tool, dom).filter(s -> s == DomainState.RUNNING).isPresent());
        return active ? AgentResult.success()
                : AgentResult.of(OcfStatus.ERR_GENERIC, dom + ": not active locally, migration failed");
    }
}
