package org.vigil.node.config;

/** A configuration that cannot be used; the message is one line, {@code file:line: what was expected}. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException at(String source, int line, String what) {
        return new ConfigException(source + ":" + line + ": " + what);
    }
}
