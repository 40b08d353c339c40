package org.vigil.cli.store;

import org.vigil.cli.CliContext;

/** Chooses the CIB a command works on: {@code CIB_file} when set, otherwise the (future) live cluster. */
public final class CibClients {
    private CibClients() {}

    public static CibClient forContext(CliContext ctx, ChangeValidator validator) {
        String file = ctx.env("CIB_file");
        if (file == null) {
            return new NoClusterCibClient();
        }
        return new FileCibClient(ctx.resolve(file), validator, ctx.err());
    }
}
