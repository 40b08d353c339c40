package org.vigil.cli.shell;

/** Text that is not valid configure language; the message names the line (when known) and what was expected. */
public final class ShellSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public ShellSyntaxException(int line, String message) {
        super(oneLine(message));
        this.line = line;
    }

    /** Messages quote the user's words, which may hold newlines or control characters: keep them on one line. */
    private static String oneLine(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        for (char ch : message.toCharArray()) {
            if (ch == '\n') {
                sb.append("\\n");
            } else if (ch == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(ch)) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
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
