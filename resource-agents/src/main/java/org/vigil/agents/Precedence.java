package org.vigil.agents;

/**
 * Whether a native agent replaces an installed OCF script of the same name. Production agents
 * (Xen, drbd, ...) replace the script; test agents (Dummy, Stateful) only stand in when the
 * script is absent, so the reference shell implementation stays the one exercised where installed.
 */
public enum Precedence {
    NATIVE_FIRST,
    SCRIPT_FIRST
}
