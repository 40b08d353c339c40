package org.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.vigil.cli.compat.CrmAttributeCommand;
import org.vigil.cli.compat.CrmMonCommand;
import org.vigil.cli.compat.CrmNodeCommand;
import org.vigil.cli.compat.CrmResourceCommand;
import org.vigil.cli.compat.CrmVerifyCommand;
import org.vigil.cli.configure.ConfigureCommand;
import org.vigil.cli.node.NodeCommand;
import org.vigil.cli.resource.ResourceCommand;
import org.vigil.cli.status.StatusCommand;
import org.vigil.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code crm} command; each area of the cluster is a subcommand. */
@Command(
        name = "crm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Vigil cluster resource manager shell (crmsh-compatible).", "",
            "Works on the live cluster through the local vigild (socket VIGIL_SOCKET, default "
                    + "/run/vigil/vigil.sock), or on the CIB file named by CIB_file=/path/cib.xml (offline mode)."},
        footer = {"", "Examples:",
            "  crm status",
            "  crm cluster rings",
            "  CIB_file=cib.xml crm configure primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/vm01.cfg",
            "  CIB_file=cib.xml crm status",
            "  CIB_file=cib.xml crm node standby server50",
            "  CIB_file=cib.xml crm verify -L -V",
            "",
            "Exit codes: 0 ok, 1 error (nothing was changed), 2 usage error."},
        subcommands = {
            CommandLine.HelpCommand.class,
            ConfigureCommand.class,
            ResourceCommand.class,
            NodeCommand.class,
            StatusCommand.class,
            org.vigil.cli.cluster.ClusterCommand.class,
            VerifyCommand.class,
            CompletionCommand.class,
            CrmAttributeCommand.class,
            CrmNodeCommand.class,
            CrmResourceCommand.class,
            CrmMonCommand.class,
            CrmVerifyCommand.class,
            org.vigil.cli.ra.RaCommand.class,
            org.vigil.cli.bench.BenchCommand.class,
            org.vigil.cli.simulate.SimulateCommand.class,
            org.vigil.cli.history.HistoryCommand.class,
            org.vigil.cli.console.ConsoleCommand.class,
        })
public final class CrmCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine commandLine(CliContext ctx) {
        ContextFactory factory = new ContextFactory(ctx);
        CommandLine cl = new CommandLine(new CrmCommand(), factory);
        ConfigureCommand.addObjectCommands(cl.getSubcommands().get("configure"), ctx, factory);
        return configure(cl, ctx);
    }

    /**
     * The command line for {@code args}: a command line naming one subcommand gets a root with only that
     * subcommand, so start-up does not pay for Picocli inspecting every other command (the whole tree costs more
     * than most commands' own work); anything else — help, completion, the version, a word that is not a
     * subcommand — gets the whole tree. Options, help and messages of a subcommand are the same either way.
     */
    static CommandLine commandLine(CliContext ctx, String... args) {
        Class<?> only = args.length == 0 ? null : subcommandNamed(args[0]);
        if (only == null) {
            return commandLine(ctx);
        }
        ContextFactory factory = new ContextFactory(ctx);
        CommandLine cl = new CommandLine(new LightRoot(), factory);
        CommandLine sub = new CommandLine(only, factory);
        cl.addSubcommand(sub.getCommandName(), sub);
        if (only == ConfigureCommand.class) {
            ConfigureCommand.addObjectCommands(sub, ctx, factory);
        }
        return configure(cl, ctx);
    }

    /**
     * The subcommand {@code word} names (its name or an alias) as the root's own annotations list it, or null.
     * Help and completion need the whole tree.
     */
    static Class<?> subcommandNamed(String word) {
        for (Class<?> c : CrmCommand.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (c == CommandLine.HelpCommand.class || c == CompletionCommand.class || cmd == null) {
                continue;
            }
            if (cmd.name().equals(word) || java.util.Arrays.asList(cmd.aliases()).contains(word)) {
                return c;
            }
        }
        return null;
    }

    /** The root of a light command line: named crm, without the other subcommands. */
    @Command(name = "crm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class LightRoot implements Runnable {
        @Override
        public void run() {
            // never reached: the light root is only built when a subcommand was given
        }
    }

    private static CommandLine configure(CommandLine cl, CliContext ctx) {
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            int code = usage.handleParseException(ex, args);
            // scripts written for Pacemaker test for its CRM_EX_USAGE
            String tool = ex.getCommandLine().getCommandName();
            return tool.equals("crm_resource") || tool.equals("crm_attribute") ? 64 : code;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            String name = cmd.getCommandSpec().root().name();
            if (ex instanceof CliException ce) {
                // one line per message, even when it quotes input that had line breaks
                cmd.getErr().println(prefix(cmd) + ce.getMessage().replace("\r", "\\r").replace("\n", "\\n"));
                return ce.exitCode();
            }
            cmd.getErr().println(name + ": internal error: " + ex);
            if (ctx.env("VIGIL_DEBUG") != null) {
                StringWriter sw = new StringWriter();
                ex.printStackTrace(new PrintWriter(sw));
                cmd.getErr().print(sw);
            }
            return ExitCodes.ERROR;
        });
        return cl;
    }

    /** Messages start with the command the user typed: {@code crm:}, or {@code crm_attribute:} for launchers. */
    private static String prefix(CommandLine cmd) {
        String name = cmd.getCommandName();
        CommandLine c = cmd;
        while (c != null) {
            if (c.getCommandName().startsWith("crm_")) {
                return c.getCommandName() + ": ";
            }
            c = c.getParent();
        }
        return name.startsWith("crm_") ? name + ": " : "crm: ";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
