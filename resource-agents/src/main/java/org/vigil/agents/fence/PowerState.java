package org.vigil.agents.fence;

/** What {@code status} reports about a target. */
public enum PowerState { ON, OFF, UNKNOWN }
