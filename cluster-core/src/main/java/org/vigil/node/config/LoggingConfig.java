package org.vigil.node.config;

/** The logging settings Vigil honours; logFile is null when logging to a file is off. */
public record LoggingConfig(boolean toStderr, String logFile, boolean debug, boolean timestamp) {
    public static LoggingConfig defaults() {
        return new LoggingConfig(true, null, false, true);
    }
}
