package org.vigil.agents;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.vigil.agents.process.ProcessResult;
import org.vigil.agents.process.ProcessRunner;
import org.vigil.agents.process.ProcessSpec;
import org.vigil.agents.process.ToolPath;

/**
 * What a native agent sees while running one action: its parameters (with meta-data defaults
 * applied), meta attributes, the host, and helpers to run tools found on the host's PATH within
 * the action's deadline.
 */
public final class ActionContext {
    private final AgentAction action;
    private final Map<String, String> params;
    private final HostEnvironment host;
    private final ProcessRunner runner;
    private final long deadlineNanos;

    public ActionContext(AgentAction action, Map<String, String> params, HostEnvironment host, ProcessRunner runner) {
        this.action = action;
        this.params = Map.copyOf(params);
        this.host = host;
        this.runner = runner;
        this.deadlineNanos = System.nanoTime() + action.timeout().toNanos();
    }

    public AgentAction action() {
        return action;
    }

    public ActionName actionName() {
        return action.action();
    }

    public String instance() {
        return action.resourceInstance();
    }

    public int depth() {
        return action.depth();
    }

    public HostEnvironment host() {
        return host;
    }

    public String localNode() {
        return host.localNode();
    }

    public Map<String, String> params() {
        return params;
    }

    /** The parameter's value, or empty string when neither set nor defaulted (as in shell agents). */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    public Optional<String> optParam(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Boolean parameter the way ocf_is_true reads it (yes/true/1/on). */
    public boolean boolParam(String name) {
        String v = param(name).trim().toLowerCase(java.util.Locale.ROOT);
        return v.equals("yes") || v.equals("true") || v.equals("1") || v.equals("on") || v.equals("y");
    }

    public int intParam(String name) {
        String v = param(name).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw AgentFailure.configured("parameter " + name + "='" + v + "' is not an integer");
        }
    }

    /** A meta attribute ({@code OCF_RESKEY_CRM_meta_<name>}), e.g. {@code notify_type}. */
    public String meta(String name) {
        return action.meta().getOrDefault(name, "");
    }

    public Optional<String> nodeAttribute(String node, String name) {
        return host.nodeAttributes().get(node, name);
    }

    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean hasTool(String tool) {
        return ToolPath.find(host.path(), tool).isPresent();
    }

    /** Runs a tool from the host PATH, bounded by the action's remaining time; a missing tool fails the action with ERR_INSTALLED. */
    public CommandResult run(String tool, String... args) {
        return run(remaining(), tool, args);
    }

    public CommandResult run(Duration limit, String tool, String... args) {
        return runWithInput("", limit, tool, args);
    }

    public CommandResult runWithInput(String stdin, Duration limit, String tool, String... args) {
        Path exe = ToolPath.find(host.path(), tool)
                .orElseThrow(() -> AgentFailure.installed(tool + " not found on PATH (" + host.path() + ")"));
        Duration left = remaining();
        if (left.isZero()) {
            throw new ActionTimedOut(action.action().ocfName() + " of " + instance() + " timed out before running " + tool);
        }
        Duration effective = limit.compareTo(left) < 0 ? limit : left;
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(Arrays.asList(args));
        ProcessResult r;
        try {
            r = runner.run(ProcessSpec.of(cmd, host.env(), effective).withStdin(stdin).withKillGrace(Duration.ofMillis(500)));
        } catch (IOException e) {
            throw AgentFailure.installed("cannot run " + exe + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionTimedOut(tool + " interrupted (action cancelled or timed out)");
        }
        if (r.timedOut()) {
            throw new ActionTimedOut(tool + " " + String.join(" ", args) + " did not finish within " + OcfDurations.format(effective));
        }
        return new CommandResult(tool, r.exitCode(), r.stdout(), r.stderr());
    }

    /**
     * Polls {@code condition} every poll interval until it holds; false if the given limit passes
     * first. The wait ends early enough before the action deadline (a fifth of the remaining time,
     * at most 2 s) for the agent to report a clean failure instead of timing out.
     */
    public boolean await(Duration limit, BooleanSupplier condition) {
        long left = remaining().toNanos();
        long reserve = Math.min(Duration.ofSeconds(2).toNanos(), left / 5);
        long end = System.nanoTime() + Math.min(limit.toNanos(), left - reserve);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            pause(host.pollInterval());
        }
    }

    public void pause(Duration d) {
        try {
            Thread.sleep(Math.max(1, Math.min(d.toMillis(), remaining().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionTimedOut("interrupted while waiting (action cancelled or timed out)");
        }
    }
}
