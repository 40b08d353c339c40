package org.vigil.cli;

import org.vigil.cli.compat.CrmMonCommand;
import org.vigil.cli.status.StatusCommand;

/**
 * The read-only status views scripts call in loops, run without touching Picocli (see {@link QuickOptions}). Kept
 * apart from {@link CrmCommand}, whose annotations and signatures pull Picocli's jar in as soon as it is loaded.
 */
final class QuickCommands {
    private QuickCommands() {}

    /**
     * {@code crm_mon}, {@code crm status}, {@code crm_attribute}, {@code crm_resource}, {@code crm configure show} and
     * {@code crm_node}'s queries with simple options run without Picocli at all (see {@link QuickOptions}): the exit code, or null when
     * Picocli must parse this command line.
     */
    static Integer run(CliContext ctx, String... args) {
        if (args.length == 0 || !LIGHT.contains(args[0])) {
            return null;
        }
        boolean show = args[0].equals("configure");
        if (show && (args.length < 2 || !args[1].equals("show"))) {
            return null;
        }
        java.util.List<String> rest = java.util.Arrays.asList(args).subList(show ? 2 : 1, args.length);
        java.util.concurrent.Callable<Integer> command;
        if (args[0].equals("crm_node")) {
            command = org.vigil.cli.compat.CrmNodeCommand.plainQuery(ctx, rest);
        } else {
            QuickParsable parsable = switch (args[0]) {
                case "crm_mon" -> new CrmMonCommand(ctx);
                case "crm_attribute" -> new org.vigil.cli.compat.CrmAttributeCommand(ctx);
                case "crm_resource" -> new org.vigil.cli.compat.CrmResourceCommand(ctx);
                case "configure" -> new org.vigil.cli.configure.ShowCommand(ctx);
                default -> new StatusCommand(ctx);
            };
            if (QuickOptions.populate(parsable, rest)) {
                parsable.arguments(rest);
                command = parsable;
            } else {
                command = null;
            }
        }
        if (command == null) {
            return null;
        }
        try {
            return command.call();
        } catch (CliException ce) {
            ctx.err().println((args[0].startsWith("crm_") ? args[0] + ": " : "crm: ")
                    + ce.getMessage().replace("\r", "\\r").replace("\n", "\\n"));
            return ce.exitCode();
        } catch (Exception ex) {
            ctx.err().println("crm: internal error: " + ex);
            if (ctx.env("VIGIL_DEBUG") != null) {
                ex.printStackTrace(ctx.err());
            }
            return ExitCodes.ERROR;
        }
    }

    private static final java.util.Set<String> LIGHT = java.util.Set.of("crm_mon", "status", "crm_attribute",
            "configure", "crm_node", "crm_resource");
}
