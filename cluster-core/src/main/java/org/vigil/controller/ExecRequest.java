package org.vigil.controller;

import org.vigil.agents.AgentAction;

/**
 * The DC asks a node's LRM to run one action.
 *
 * @param transitionKey Pacemaker's {@code action:transition:target-rc:dc-uuid}, recorded with the result
 * @param intervalMs    0 for one-shot actions; otherwise the LRM keeps running the monitor at this interval
 */
public record ExecRequest(
        int transitionId,
        int actionId,
        String transitionKey,
        AgentAction action,
        String resourceClass,
        String provider,
        String type,
        long intervalMs) {}
