package org.vigil.agents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.agents.process.ProcessRunner;

/** Runs one action of a native agent: validates parameters, dispatches, and turns failures into results. */
final class NativeAgentInvoker {
    private final ProcessRunner runner;

    NativeAgentInvoker(ProcessRunner runner) {
        this.runner = runner;
    }

    AgentResult invoke(ResourceAgent agent, AgentAction action, HostEnvironment host) {
        AgentMetadata md = agent.metadata();
        if (action.action() == ActionName.META_DATA) {
            return AgentResult.success().withOutput(MetadataXml.render(md));
        }
        Map<String, String> params = new HashMap<>();
        for (ParameterSpec p : md.parameters()) {
            p.defaultValue().ifPresent(d -> params.put(p.name(), d));
        }
        params.putAll(action.params());
        List<String> missing = md.parameters().stream()
                .filter(ParameterSpec::required)
                .filter(p -> params.getOrDefault(p.name(), "").isEmpty())
                .map(ParameterSpec::name)
                .toList();
        if (!missing.isEmpty()) {
            return AgentResult.of(OcfStatus.ERR_CONFIGURED,
                    agent.id() + ": required parameter" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " not set");
        }
        ActionContext ctx = new ActionContext(action, params, host, runner);
        try {
            return dispatch(agent, ctx);
        } catch (AgentFailure f) {
            return AgentResult.of(f.status(), f.getMessage());
        } catch (ActionTimedOut t) {
            return AgentResult.timedOut(t.getMessage(), "");
        } catch (RuntimeException e) {
            return AgentResult.of(OcfStatus.ERR_GENERIC, agent.id() + " " + action.action().ocfName() + " failed: " + e);
        }
    }

    private static AgentResult dispatch(ResourceAgent agent, ActionContext ctx) {
        return switch (ctx.actionName()) {
            case START -> agent.start(ctx);
            case STOP -> agent.stop(ctx);
            case MONITOR -> agent.monitor(ctx);
            case PROMOTE -> agent.promote(ctx);
            case DEMOTE -> agent.demote(ctx);
            case NOTIFY -> agent.notify(ctx);
            case MIGRATE_TO -> agent.migrateTo(ctx);
            case MIGRATE_FROM -> agent.migrateFrom(ctx);
            case RELOAD, RELOAD_AGENT -> agent.reload(ctx);
            case VALIDATE_ALL -> agent.validateAll(ctx);
            case META_DATA -> throw new IllegalStateException("meta-data is answered before dispatch");
        };
    }
}
