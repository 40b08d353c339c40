package org.vigil.agents;

/**
 * How an action execution ended, separate from the agent's OCF code (Pacemaker's "op status"):
 * an agent that timed out or was cancelled never reported a code of its own.
 */
public enum ExecStatus {
    /** The agent ran to completion and its OCF code is meaningful. */
    DONE,
    /** The action exceeded its timeout and was killed. */
    TIMED_OUT,
    /** The action was cancelled before it completed. */
    CANCELLED,
    /** The agent could not be run at all (missing, not executable, crashed in the runner). */
    ERROR
}
