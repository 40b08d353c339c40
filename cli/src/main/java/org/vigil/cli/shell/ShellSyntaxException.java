package org.vigil.cli.shell;

/** Text that is not valid configure language; the message names the line (when known) and what was expected. */
public final class ShellSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public ShellSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }

    /** {@code source:line: message}, or just the message for command-line input. */
    public String describe(String source) {
        if (line > 0) {
            return source + ":" + line + ": " + getMessage();
        }
        return getMessage();
    }
}
