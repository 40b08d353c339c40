package org.vigil.cli.store;

import java.nio.file.Path;
import java.util.Optional;
import org.vigil.cli.CliContext;
import org.vigil.ipc.DaemonService;
import org.vigil.ipc.IpcClient;
import org.vigil.ipc.IpcServer;

/**
 * Chooses the CIB a command works on: {@code CIB_file} when set (offline mode), otherwise the live cluster
 * through the local vigild's socket ({@code VIGIL_SOCKET}, default /run/vigil/vigil.sock).
 */
public final class CibClients {
    private CibClients() {}

    public static CibClient forContext(CliContext ctx, ChangeValidator validator) {
        Optional<Path> file = cibFile(ctx);
        if (file.isPresent()) {
            return new FileCibClient(file.get(), validator, ctx.err());
        }
        return new LiveCibClient(daemon(ctx), socket(ctx).toString(), validator);
    }

    /** The CIB file of offline mode, when {@code CIB_file} is set. */
    public static Optional<Path> cibFile(CliContext ctx) {
        String file = ctx.env("CIB_file");
        return file == null ? Optional.empty() : Optional.of(ctx.resolve(file));
    }

    public static Path socket(CliContext ctx) {
        String s = ctx.env("VIGIL_SOCKET");
        return s == null ? IpcServer.Config.DEFAULT_SOCKET : ctx.resolve(s);
    }

    /** The local vigild (live mode). */
    public static DaemonService daemon(CliContext ctx) {
        return new IpcClient(socket(ctx));
    }
}
