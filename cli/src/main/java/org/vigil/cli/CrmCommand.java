package org.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code crm} command; each area of the cluster is a subcommand. */
@Command(
        name = "crm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Vigil cluster resource manager shell (crmsh-compatible).",
        subcommands = {CommandLine.HelpCommand.class,
                org.vigil.cli.ra.RaCommand.class})
public final class CrmCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static CommandLine commandLine() {
        return new CommandLine(new CrmCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
