package org.vigil.cli;

import picocli.CommandLine;

/** Entry point of the {@code crm} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return CrmCommand.commandLine().execute(args);
    }
}
