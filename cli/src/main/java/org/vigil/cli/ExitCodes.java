package org.vigil.cli;

/** The exit codes every crm command documents. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and failed: invalid configuration, unknown object, rejected change, I/O error. */
    public static final int ERROR = 1;
    /** The command line itself is wrong (unknown option, missing argument); picocli's convention. */
    public static final int USAGE = 2;

    /** Footer appended to every command's help. */
    public static final String HELP_FOOTER = "%nExit codes: 0 ok, 1 error (nothing was changed), 2 usage error.";

    private ExitCodes() {}
}
