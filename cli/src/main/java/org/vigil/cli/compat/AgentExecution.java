package org.vigil.cli.compat;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentPlugins;
import org.vigil.agents.AgentRegistry;
import org.vigil.agents.AgentResult;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.HostEnvironment;
import org.vigil.agents.OcfStatus;
import org.vigil.agents.ResolvedAgent;
import org.vigil.agents.ocf.OcfEnvironment;
import org.vigil.agents.process.ProcessResult;
import org.vigil.agents.process.ProcessRunner;
import org.vigil.agents.process.ProcessSpec;
import org.vigil.cib.LrmRscOp;
import org.vigil.cli.CliContext;
import org.vigil.cli.ra.LocalRun;

/**
 * crm_resource's {@code --validate} and {@code --force-start/-stop/-check/-promote/-demote}
 * (cli_resource_execute_from_params): one agent action run on this machine, reported in Pacemaker 2.1.5's words
 * (text or XML), the exit code the agent's OCF code. OCF scripts run as Pacemaker runs them (their stdout and
 * stderr kept apart); Vigil's native agents through its executor; LSB init scripts from /etc/init.d.
 */
final class AgentExecution {
    /** Pacemaker 2.1.5's CRM_FEATURE_SET, which it passes to agents as the crm_feature_set parameter. */
    static final String FEATURE_SET = "3.16.2";

    /** What to run: the agent, the resource name shown (null without -r), and the operation as typed. */
    record Request(String standard, String provider, String type, String rscName, String operation,
            Map<String, String> params, Map<String, String> meta, Map<String, String> overrides, Duration timeout,
            int checkLevel, int verbosity) {}

    /** How the action ended: the OCF code, the execution status (PCMK_EXEC_*), reason and output. */
    record Outcome(int rc, int execStatus, String reason, String stdout, String stderr) {}

    private final CliContext ctx;

    AgentExecution(CliContext ctx) {
        this.ctx = ctx;
    }

    /** get_action: the agent action an operation runs. */
    static String action(String operation) {
        return switch (operation) {
            case "validate" -> "validate-all";
            case "force-check" -> "monitor";
            default -> operation.startsWith("force-") ? operation.substring(6) : operation;
        };
    }

    /** Whether Vigil knows the agent (resources_agent_exists / stonith_agent_exists). */
    boolean exists(String standard, String provider, String type) {
        if (standard == null || type == null) {
            return false;
        }
        if (standard.equals("lsb")) {
            return java.nio.file.Files.exists(java.nio.file.Path.of("/etc/init.d", type));
        }
        if (standard.equals("ocf") && provider == null) {
            return false;
        }
        try {
            AgentId id = new AgentId(standard, standard.equals("ocf") ? provider : "", type);
            return registry().resolve(id, host(0)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private AgentRegistry registry;

    private AgentRegistry registry() {
        if (registry == null) {
            registry = AgentPlugins.load(AgentPlugins.directories(ctx.env()));
        }
        return registry;
    }

    /** The environment Pacemaker's set_agent_environment gives an agent run from the command line. */
    private static HostEnvironment host(int verbosity) {
        HostEnvironment h = HostEnvironment.system().withEnv("HA_debug", verbosity > 0 ? "1" : "0");
        if (verbosity > 1) {
            h = h.withEnv("OCF_TRACE_RA", "1");
        }
        if (!h.env().containsKey("OCF_TRACE_FILE")) {
            h = h.withEnv("OCF_TRACE_FILE", "/dev/stderr");
        }
        return h;
    }

    /** Runs the action and reports it; the exit code is the agent's (mapped) OCF code. */
    int run(Request req, XmlAnswer xml) {
        Outcome o = execute(req);
        if (xml != null) {
            report(req, o, xml);
        } else {
            report(req, o);
        }
        return o.rc();
    }

    Outcome execute(Request req) {
        String action = action(req.operation());
        if (!req.standard().equals("ocf") && !req.standard().equals("lsb")) {
            return new Outcome(3, 4, "Manual execution of the " + req.standard() + " standard is unsupported", null,
                    null);
        }
        Map<String, String> params = new LinkedHashMap<>(req.params());
        params.put("crm_feature_set", FEATURE_SET);
        params.putAll(req.overrides());
        HostEnvironment host = host(req.verbosity());
        if (req.checkLevel() >= 0) {
            host = host.withEnv("OCF_CHECK_LEVEL", Integer.toString(req.checkLevel()));
        }
        if (req.standard().equals("lsb")) {
            return lsb(req.type(), action, host, req.timeout());
        }
        AgentId id = new AgentId("ocf", req.provider(), req.type());
        Optional<ActionName> name = ActionName.parse(action);
        Optional<ResolvedAgent> agent = registry().resolve(id, host);
        if (agent.isEmpty()) {
            return new Outcome(5, 7, null, null, null);
        }
        String instance = req.rscName() == null ? "test" : req.rscName();
        if (agent.get() instanceof ResolvedAgent.OcfScript script) {
            AgentAction a = new AgentAction(id, instance, name.orElse(ActionName.MONITOR), params, req.meta(),
                    Math.max(req.checkLevel(), 0), req.timeout());
            Map<String, String> env = OcfEnvironment.build(a, host);
            return process(List.of(script.script().toString(), action), env, req.timeout(), true);
        }
        if (name.isEmpty()) {
            return new Outcome(3, 3, null, null, null);
        }
        AgentResult r = LocalRun.run(registry(), host, new AgentAction(id, instance, name.get(), params, req.meta(),
                Math.max(req.checkLevel(), 0), req.timeout()));
        int status = switch (r.execStatus()) {
            case DONE -> 0;
            case TIMED_OUT -> 2;
            case CANCELLED -> 1;
            case ERROR -> 4;
        };
        int rc = r.execStatus() == ExecStatus.DONE ? ocf(r.exitCode()) : r.exitCode() == 0 ? 1 : r.exitCode();
        return new Outcome(rc, status, r.exitReason().isEmpty() ? null : r.exitReason(),
                r.output().isEmpty() ? null : r.output(), null);
    }

    private Outcome lsb(String type, String action, HostEnvironment host, Duration timeout) {
        java.nio.file.Path script = java.nio.file.Path.of("/etc/init.d", type);
        String lsbAction = action.equals("monitor") ? "status" : action;
        Outcome o = process(List.of(script.toString(), lsbAction), host.env(), timeout, false);
        if (o.execStatus() != 0) {
            return o;
        }
        int code = o.rc();
        int rc;
        if (!lsbAction.equals("status")) {
            rc = code < 0 || code > 7 ? 1 : code;
        } else {
            rc = switch (code) {
                case 0 -> 0;
                case 150 -> 5;
                case 151 -> 4;
                case 1, 2, 3 -> 7;
                default -> 1;
            };
        }
        return new Outcome(rc, 0, o.reason(), o.stdout(), o.stderr());
    }

    private static Outcome process(List<String> command, Map<String, String> env, Duration timeout, boolean ocf) {
        ProcessResult r;
        try {
            r = new ProcessRunner().run(ProcessSpec.of(command, env, timeout).withLastLineKept("ocf-exit-reason:"));
        } catch (IOException e) {
            return new Outcome(5, 7, e.getMessage(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(1, 1, null, null, null);
        }
        String stdout = r.stdout().isEmpty() ? null : r.stdout();
        String stderr = r.stderr().isEmpty() ? null : r.stderr();
        if (r.timedOut()) {
            return new Outcome(1, 2, null, stdout, stderr);
        }
        return new Outcome(ocf ? ocf(r.exitCode()) : r.exitCode(), 0, exitReason(r.stderr()), stdout, stderr);
    }

    /** services__ocf2ocf: codes beyond the OCF range (degraded ones aside) are generic errors. */
    static int ocf(int code) {
        return code == 190 || code == 191 || code >= 0 && code <= 9 ? code : 1;
    }

    /** The agent's last {@code ocf-exit-reason:} line on stderr. */
    static String exitReason(String stderr) {
        String reason = null;
        for (String line : stderr.split("\n")) {
            int i = line.indexOf("ocf-exit-reason:");
            if (i >= 0) {
                reason = line.substring(i + "ocf-exit-reason:".length());
            }
        }
        return reason;
    }

    /** resource_agent_action_default. */
    private void report(Request req, Outcome o) {
        req.overrides().forEach((k, v) -> ctx.out().println("Overriding the cluster configuration "
                + (req.rscName() == null ? "" : "for '" + req.rscName() + "' ") + "with '" + k + "' = '" + v + "'"));
        String what = "Operation " + req.operation() + (req.rscName() == null ? "" : " for " + req.rscName()) + " ("
                + req.standard() + (req.provider() == null ? "" : ":" + req.provider()) + ":" + req.type() + ")";
        String reason = o.reason() == null ? "" : ": " + o.reason();
        if (o.execStatus() == 0) {
            ctx.out().println(what + " returned " + o.rc() + " (" + OcfStatus.text(o.rc()) + reason + ")");
        } else {
            ctx.err().println(what + " could not be executed (" + LrmRscOp.statusText(o.execStatus()) + reason
                    + ")");
        }
        if (o.stdout() != null) {
            ctx.out().println(o.stdout());
        }
        if (o.stderr() != null) {
            ctx.out().println(o.stderr());
        }
        ctx.out().flush();
    }

    /** resource_agent_action_xml. */
    private static void report(Request req, Outcome o, XmlAnswer xml) {
        PcmkXml x = xml.add("resource-agent-action").attr("action", req.operation(), "class", req.standard(), "type",
                req.type(), "rsc", req.rscName(), "provider", req.provider());
        PcmkXml overrides = x.child("overrides");
        req.overrides().forEach((k, v) -> overrides.child("override").attr("name", k, "value", v, "rsc",
                req.rscName()));
        x.child("agent-status").attr("code", Integer.toString(o.rc()), "message", OcfStatus.text(o.rc()), "execution_code",
                Integer.toString(o.execStatus()), "execution_message", LrmRscOp.statusText(o.execStatus()),
                "reason", o.reason());
        if (o.stdout() != null || o.stderr() != null) {
            PcmkXml command = x.child("command").attr("code", Integer.toString(o.rc()));
            if (o.stdout() != null) {
                command.textChild("output", o.stdout()).attr("source", "stdout");
            }
            if (o.stderr() != null) {
                command.textChild("output", o.stderr()).attr("source", "stderr");
            }
        }
    }
}
