package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.cli.CliContext;
import org.vigil.cli.Main;

/** Runs the equivalent {@code crm} command line for a Pacemaker tool's options. */
final class Delegate {
    private Delegate() {}

    static int crm(CliContext ctx, String... args) {
        return Main.run(ctx, args);
    }

    static int crm(CliContext ctx, List<String> args) {
        return Main.run(ctx, args.toArray(new String[0]));
    }

    static CliContext withCibFile(CliContext ctx, String file) {
        Map<String, String> env = new HashMap<>(ctx.env());
        env.put("CIB_file", file);
        return new CliContext(env, ctx.in(), ctx.out(), ctx.err(), ctx.clock(), ctx.workDir());
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
