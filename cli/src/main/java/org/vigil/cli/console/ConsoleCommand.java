package org.vigil.cli.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.console.ConsoleUsers;
import org.vigil.console.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crm console}: the web console's users (the console itself is served by vigild, docs/console.md). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"The web console's users. vigild serves the console (HTTPS, port 7630) when corosync.conf has",
            "vigil { console: on }; users log in with a password kept here as a PBKDF2 hash (file 0600)."},
        footer = {"", "Example: echo 'a long password' | crm console user add alice --role admin", "",
            "Exit codes: 0 ok, 1 error, 2 usage error."},
        subcommands = {ConsoleCommand.User.class})
public final class ConsoleCommand implements Callable<Integer> {
    /** The users file of a vigild with the default state directory and no console_users setting. */
    static final String DEFAULT_FILE = "/var/lib/vigil/console/users";

    private final CliContext ctx;

    public ConsoleCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        throw new CliException("expected a subcommand: crm console user add|delete|list (see crm console --help)",
                ExitCodes.USAGE);
    }

    static Path file(CliContext ctx, Path given) {
        if (given != null) {
            return ctx.resolve(given.toString());
        }
        String env = ctx.env("VIGIL_CONSOLE_USERS");
        return ctx.resolve(env != null ? env : DEFAULT_FILE);
    }

    @Command(name = "user", mixinStandardHelpOptions = true,
            description = {"Add (or change the password and role of), delete or list console users. The file is",
                "vigild's console_users (default /var/lib/vigil/console/users; VIGIL_CONSOLE_USERS or --file)."},
            footer = {"", "Examples:", "  crm console user add alice --role admin   (password: first line of stdin)",
                "  crm console user add bob --role read-only --file /etc/vigil/console.users", "  crm console user list",
                "  crm console user delete bob", "", "Exit codes: 0 ok, 1 error, 2 usage error."})
    static final class User implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "add|delete|list")
        String verb;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", description = "admin or read-only (add; default read-only)")
        String role = "read-only";

        @Option(names = "--file", paramLabel = "FILE", description = "the users file")
        Path file;

        private final CliContext ctx;

        User(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Path f = file(ctx, file);
            try {
                switch (verb) {
                    case "add" -> {
                        need();
                        Role r;
                        try {
                            r = Role.parse(role);
                        } catch (IllegalArgumentException e) {
                            throw new CliException(e.getMessage(), ExitCodes.USAGE);
                        }
                        String pw = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
                        if (pw == null) {
                            throw new CliException("give the password on the first line of stdin");
                        }
                        ConsoleUsers.put(f, name, r, pw, new SecureRandom());
                        ctx.out().println("user " + name + " (" + r.label() + ") written to " + f);
                    }
                    case "delete" -> {
                        need();
                        if (!ConsoleUsers.delete(f, name)) {
                            throw new CliException("no console user '" + name + "' in " + f);
                        }
                        ctx.out().println("user " + name + " deleted from " + f);
                    }
                    case "list" -> {
                        for (ConsoleUsers.User u : ConsoleUsers.read(f).all()) {
                            ctx.out().println(u.name() + " " + u.role().label());
                        }
                    }
                    default -> throw new CliException("expected add, delete or list, not '" + verb + "'", ExitCodes.USAGE);
                }
            } catch (IOException e) {
                throw new CliException(e.getMessage());
            }
            return ExitCodes.OK;
        }

        private void need() {
            if (name == null) {
                throw new CliException("crm console user " + verb + " needs a NAME", ExitCodes.USAGE);
            }
        }
    }
}
