package org.vigil.controller;

import org.vigil.agents.AgentAction;

/**
 * The DC asks a node's LRM to run one action.
 *
 * @param transitionKey Pacemaker's {@code action:transition:target-rc:dc-uuid}, recorded with the result
 * @param intervalMs    0 for one-shot actions; otherwise the LRM keeps running the monitor at this interval
 * @param cancel        stop the recurring {@code action} of this interval instead of running anything (Pacemaker's
 *                      {@code cancel} operation): the agent is not called, and its record leaves the history
 */
public record ExecRequest(
        int transitionId,
        int actionId,
        String transitionKey,
        AgentAction action,
        String resourceClass,
        String provider,
        String type,
        long intervalMs,
        boolean cancel) {
    public ExecRequest(int transitionId, int actionId, String transitionKey, AgentAction action, String resourceClass,
            String provider, String type, long intervalMs) {
        this(transitionId, actionId, transitionKey, action, resourceClass, provider, type, intervalMs, false);
    }
}
