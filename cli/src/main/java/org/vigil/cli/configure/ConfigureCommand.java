package org.vigil.cli.configure;

import org.vigil.cli.CliContext;
import org.vigil.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code crm configure}: the configuration, in crmsh's configure language. */
@Command(name = "configure", aliases = "cfg", mixinStandardHelpOptions = true,
        description = {"Show and change the cluster configuration in crmsh's configure language.", "",
            "Object commands (see 'crm configure KEYWORD --help' for each):",
            "  node primitive group clone ms location colocation order property rsc_defaults op_defaults",
            "  rsc_template fencing_topology tag rsc_ticket alert role acl_target acl_group",
            "  bundle xml"},
        footer = {"", "Examples:",
            "  crm configure property stonith-enabled=false",
            "  crm configure primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/vm01.cfg op monitor interval=30s",
            "  crm configure show vm01",
            "  crm configure load update stack.crm",
            "  EDITOR=vi crm configure edit vm01",
            "",
            "Every change is validated first and written atomically; a rejected change leaves the CIB unchanged.",
            "Exit codes: 0 ok, 1 error (nothing was changed), 2 usage or syntax error."},
        subcommands = {
            ShowCommand.class,
            EditCommand.class,
            DeleteCommand.class,
            LoadCommand.class,
            SaveCommand.class,
            VerifyCommand.class,
        })
public final class ConfigureCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Adds one subcommand per object keyword (they share one implementation). */
    public static void addObjectCommands(CommandLine configure, CliContext ctx, CommandLine.IFactory factory) {
        for (String kw : ObjectSyntax.keywords()) {
            configure.addSubcommand(kw, ObjectCommand.commandLine(ctx, kw, factory));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
