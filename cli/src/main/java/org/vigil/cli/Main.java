package org.vigil.cli;

/** Entry point of the {@code crm} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CliContext ctx = CliContext.system();
        int code = run(ctx, args);
        ctx.out().flush();
        ctx.err().flush();
        System.exit(code);
    }

    /** Runs the command line with the JVM's environment and returns the exit code. */
    public static int run(String... args) {
        return run(CliContext.system(), args);
    }

    /** Runs the command line in {@code ctx} (tests pass their own environment, streams and clock). */
    public static int run(CliContext ctx, String... args) {
        Integer quick = CrmCommand.quick(ctx, args);
        int code = quick != null ? quick : CrmCommand.commandLine(ctx, args).execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }
}
