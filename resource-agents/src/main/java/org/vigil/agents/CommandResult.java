package org.vigil.agents;

/** The result of a tool a native agent ran (exit code and captured output). */
public record CommandResult(String tool, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** A one-line description for exit reasons: the tool, its code and the first line of its complaint. */
    public String describe() {
        String msg = (stderr.isBlank() ? stdout : stderr).strip();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        return tool + " exited " + exitCode + (msg.isEmpty() ? "" : ": " + msg);
    }
}
