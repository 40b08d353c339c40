package org.vigil.cli;

/** Entry point of the {@code crm} command. */
public final class Main {
    /** Set (to 1) for the commands of {@code crm -F ...}. */
    public static final String FORCE_ENV = "CRM_FORCE";

    private Main() {}

    /** Whether {@code crm -F} (force) was given, or CRM_FORCE=1 is in the environment. */
    public static boolean forced(CliContext ctx) {
        return "1".equals(ctx.env(FORCE_ENV));
    }

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
        if (args.length > 0 && (args[0].equals("-F") || args[0].equals("--force"))) {
            // crmsh's crm -F: every command below acts as if given its own --force (no questions asked)
            java.util.Map<String, String> env = new java.util.HashMap<>(ctx.env());
            env.put(FORCE_ENV, "1");
            ctx = new CliContext(env, ctx.in(), ctx.out(), ctx.err(), ctx.clock(), ctx.workDir());
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        Integer quick = QuickCommands.run(ctx, args);
        int code = quick != null ? quick : CrmCommand.commandLine(ctx, args).execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }
}
