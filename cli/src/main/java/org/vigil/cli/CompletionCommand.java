package org.vigil.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crm completion bash|zsh}: prints a completion script for the shell. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for crm.",
        footer = {"", "Examples:", "  source <(crm completion bash)", "  crm completion zsh > ~/.zfunc/_crm",
            ExitCodes.HELP_FOOTER})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext ctx;

    CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("crm", root);
        if (shell == Shell.zsh) {
            ctx.out().println("#compdef crm");
            ctx.out().println("autoload -U +X bashcompinit && bashcompinit");
        }
        ctx.out().print(script);
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
