package org.vigil.agents;

/**
 * A native (Java) resource agent, found by {@link java.util.ServiceLoader} and keyed by
 * {@link #id()}. Methods block and run on a worker thread of the {@link AgentExecutor}; they must
 * run tools through {@link ActionContext#run} so timeouts and cancellation reach child processes.
 * Actions an agent does not override answer {@link OcfStatus#ERR_UNIMPLEMENTED}. Parameters are
 * validated against {@link #metadata()} (required ones present, defaults applied) before any
 * action except meta-data runs.
 */
public interface ResourceAgent {
    AgentId id();

    AgentMetadata metadata();

    default Precedence precedence() {
        return Precedence.NATIVE_FIRST;
    }

    AgentResult start(ActionContext ctx);

    AgentResult stop(ActionContext ctx);

    /** Checks the resource at {@link ActionContext#depth()}; NOT_RUNNING when cleanly stopped. */
    AgentResult monitor(ActionContext ctx);

    default AgentResult promote(ActionContext ctx) {
        return unimplemented(ctx);
    }

    default AgentResult demote(ActionContext ctx) {
        return unimplemented(ctx);
    }

    default AgentResult notify(ActionContext ctx) {
        return unimplemented(ctx);
    }

    default AgentResult migrateTo(ActionContext ctx) {
        return unimplemented(ctx);
    }

    default AgentResult migrateFrom(ActionContext ctx) {
        return unimplemented(ctx);
    }

    default AgentResult reload(ActionContext ctx) {
        return unimplemented(ctx);
    }

    /** Checks the configuration beyond what meta-data declares; the default accepts it. */
    default AgentResult validateAll(ActionContext ctx) {
        return AgentResult.success();
    }

    private static AgentResult unimplemented(ActionContext ctx) {
        return AgentResult.of(OcfStatus.ERR_UNIMPLEMENTED, ctx.actionName().ocfName() + " is not implemented by this agent");
    }
}
