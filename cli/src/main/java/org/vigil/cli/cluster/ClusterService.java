package org.vigil.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code crm cluster start|stop|restart}: as crmsh does for pacemaker.service, this runs
 * {@code systemctl ACTION vigild.service} on this node (the unit is docs/vigild.service), says so first, and
 * passes systemctl's output and exit status on. Stopping moves this node's resources away first (vigild does
 * that on SIGTERM, bounded by --shutdown-timeout).
 */
final class ClusterService {
    static final String UNIT = "vigild.service";

    private ClusterService() {}

    static int run(CliContext ctx, String action) {
        if (ctx.env("CIB_file") != null) {
            throw new CliException("crm cluster " + action + " acts on this node's vigild; CIB_file=" + ctx.env("CIB_file")
                    + " is set (offline mode has no daemon to " + action + ")");
        }
        Path systemctl = find(ctx, "systemctl");
        if (systemctl == null) {
            throw new CliException("crm cluster " + action + " runs 'systemctl " + action + " " + UNIT
                    + "', but systemctl is not on PATH; run vigild directly (bin/vigild, see docs/vigild.md)");
        }
        List<String> cmd = List.of(systemctl.toString(), action, UNIT);
        ctx.err().println("INFO: running: " + String.join(" ", cmd));
        ctx.err().flush();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(ctx.env());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // a stop waits for this node's resources to move away: generous, but bounded
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new CliException("systemctl " + action + " " + UNIT + " did not finish within 15 minutes");
            }
            ctx.out().print(out);
            if (p.exitValue() != 0) {
                throw new CliException("systemctl " + action + " " + UNIT + " failed (exit " + p.exitValue()
                        + "); see 'journalctl -u " + UNIT + "'");
            }
        } catch (IOException e) {
            throw new CliException("cannot run " + systemctl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for systemctl");
        }
        ctx.out().println("INFO: cluster services " + (action.equals("stop") ? "stopped" : action.equals("start")
                ? "started" : "restarted") + " on this node (" + UNIT + ")");
        return ExitCodes.OK;
    }

    private static Path find(CliContext ctx, String name) {
        String path = ctx.env("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the cluster services on this node: runs 'systemctl start vigild.service'.",
            footer = {"", "Example:", "  crm cluster start", "", "Exit codes: 0 ok, 1 error (systemctl failed)."})
    static final class Start implements Callable<Integer> {
        private final CliContext ctx;

        Start(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return run(ctx, "start");
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the cluster services on this node: runs 'systemctl stop vigild.service'.",
                "vigild moves this node's resources away before it leaves."},
            footer = {"", "Example:", "  crm cluster stop", "", "Exit codes: 0 ok, 1 error (systemctl failed)."})
    static final class Stop implements Callable<Integer> {
        private final CliContext ctx;

        Stop(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return run(ctx, "stop");
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart the cluster services on this node: runs 'systemctl restart vigild.service'.",
            footer = {"", "Example:", "  crm cluster restart", "", "Exit codes: 0 ok, 1 error (systemctl failed)."})
    static final class Restart implements Callable<Integer> {
        private final CliContext ctx;

        Restart(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return run(ctx, "restart");
        }
    }
}
