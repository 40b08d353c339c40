package org.vigil.node;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.vigil.node.config.ClusterConfigReader;
import org.vigil.node.config.ConfigCheck;
import org.vigil.node.config.ConfigException;
import org.vigil.node.config.CorosyncParser;

/**
 * {@code vigild}: the node daemon's command line. Exit codes: 0 success, 1 error, 2 usage error.
 */
public final class Vigild {
    static final String DEFAULT_CONFIG = "/etc/corosync/corosync.conf";
    static final String USAGE = String.join("\n",
            "usage: vigild keygen [--output FILE] [--force]",
            "       vigild passwd FILE USER   (the password on stdin: who may read /metrics, vigil { metrics_users })",
            "       vigild [--config FILE] --check-config",
            "       vigild [--config FILE] [--node NAME] [--state-dir DIR] [--socket PATH] [--socket-group GROUP]",
            "              [--rsctmp DIR] [--shutdown-timeout DURATION] [--foreground]",
            "  runs this node of the cluster until SIGTERM (then moves its resources away and leaves);",
            "  --state-dir: where the CIB is stored (default /var/lib/vigil); --rsctmp: the agents' run-time",
            "  state, HA_RSCTMP (default /run/resource-agents: it must not survive a reboot); vigild always runs in the",
            "  foreground (systemd Type=simple), --foreground is accepted for scripts that pass it;",
            "  --socket: crm's Unix socket (default /run/vigil/vigil.sock, mode 0600, or 0660 for --socket-group)",
            "       vigild remote [--key FILE] [--listen ADDR] [--port N] [--node NAME] [--rsctmp DIR]   (or vigild --remote ...)",
            "  runs a remote node (as Pacemaker Remote): no membership, no CIB, only the executor, serving the cluster",
            "  node that holds its connection resource (ocf:pacemaker:remote, params server=... port=...) over TLS 1.3",
            "  keyed by the cluster key (--key, default /etc/vigil/authkey); listens on ADDR:N (default 0.0.0.0:3121);",
            "  its name is the connection resource's id unless --node fixes it. Vigil's own protocol: it does not",
            "  interoperate with Pacemaker's pacemaker-remoted or Pacemaker cluster nodes");

    private final PrintStream out;
    private final PrintStream err;
    private final java.io.InputStream in;

    Vigild(PrintStream out, PrintStream err) {
        this(out, err, System.in);
    }

    Vigild(PrintStream out, PrintStream err, java.io.InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(new Vigild(System.out, System.err).run(args));
    }

    int run(String[] argv) {
        List<String> args = new ArrayList<>(List.of(argv));
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("keygen")) {
            return keygen(args.subList(1, args.size()));
        }
        if (!args.isEmpty() && args.get(0).equals("passwd")) {
            return passwd(args.subList(1, args.size()));
        }
        if (!args.isEmpty() && (args.get(0).equals("remote") || args.get(0).equals("--remote"))) {
            return remote(args.subList(1, args.size()));
        }
        String config = DEFAULT_CONFIG;
        String node = null;
        boolean check = false;
        Path stateDir = NodeRunner.Options.DEFAULT_STATE_DIR;
        java.time.Duration shutdownLimit = NodeRunner.Options.defaults().shutdownLimit();
        String socket = null;
        String socketGroup = null;
        Path rsctmp = NodeRunner.Options.DEFAULT_RSCTMP;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--config needs a file");
                    }
                    config = args.get(++i);
                }
                case "--node" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--node needs a node name");
                    }
                    node = args.get(++i);
                }
                case "--check-config" -> check = true;
                case "--foreground", "-f" -> {
                    // always in the foreground
                }
                case "--state-dir" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--state-dir needs a directory");
                    }
                    stateDir = Path.of(args.get(++i));
                }
                case "--socket" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--socket needs a path");
                    }
                    socket = args.get(++i);
                }
                case "--rsctmp" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--rsctmp needs a directory");
                    }
                    rsctmp = Path.of(args.get(++i));
                }
                case "--socket-group" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--socket-group needs a group name");
                    }
                    socketGroup = args.get(++i);
                }
                case "--shutdown-timeout" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--shutdown-timeout needs a duration (e.g. 120s, 5min)");
                    }
                    long ms = org.vigil.rules.Durations.parseIntervalMs(args.get(++i));
                    if (ms <= 0) {
                        return usage("--shutdown-timeout: '" + args.get(i) + "' is not a duration (e.g. 120s, 5min)");
                    }
                    shutdownLimit = java.time.Duration.ofMillis(ms);
                }
                default -> {
                    return usage("unknown argument '" + a + "'");
                }
            }
        }
        if (check) {
            return checkConfig(Path.of(config));
        }
        return NodeRunner.run(Path.of(config), node, new NodeRunner.Options(stateDir, shutdownLimit, socket, socketGroup, rsctmp),
                out,
                err);
    }

    /** {@code vigild remote}: the executor alone, for the cluster node holding this node's connection. */
    private int remote(List<String> args) {
        RemoteRunner.Options d = RemoteRunner.Options.defaults();
        Path key = d.keyFile();
        String listen = d.listen();
        int port = d.port();
        String node = d.node();
        Path rsctmp = d.rsctmp();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--foreground") || a.equals("-f")) {
                continue;
            }
            if (!List.of("--key", "--listen", "--port", "--node", "--rsctmp").contains(a)) {
                return usage("unknown remote argument '" + a + "'");
            }
            if (i + 1 >= args.size()) {
                return usage(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--key" -> key = Path.of(v);
                case "--listen" -> listen = v;
                case "--port" -> {
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        return usage("--port: '" + v + "' is not a port number");
                    }
                }
                case "--node" -> {
                    if (!org.vigil.remote.RemoteExecutorServer.validName(v)) {
                        return usage("--node: '" + v + "' is not a node name (letters, digits, '-', '_', '.')");
                    }
                    node = v;
                }
                default -> rsctmp = Path.of(v);
            }
        }
        return RemoteRunner.run(new RemoteRunner.Options(key, listen, port, node, rsctmp), err);
    }

    private int keygen(List<String> args) {
        Path output = Path.of(org.vigil.node.config.ClusterConfig.DEFAULT_KEY_FILE);
        boolean force = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--output", "-k" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--output needs a file");
                    }
                    output = Path.of(args.get(++i));
                }
                case "--force" -> force = true;
                default -> {
                    return usage("unknown keygen argument '" + args.get(i) + "'");
                }
            }
        }
        try {
            ClusterKey.generate(output, force, new SecureRandom());
            out.println("wrote a " + ClusterKey.SIZE + "-byte cluster key to " + output
                    + " (mode 0400); copy it to every node");
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println("vigild: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("vigild: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }

    /** Adds or replaces a /metrics user; the password is the first line of stdin (never an argument). */
    private int passwd(List<String> args) {
        if (args.size() != 2) {
            return usage("passwd needs a FILE and a USER (the password comes on stdin)");
        }
        String password;
        try {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    java.nio.charset.StandardCharsets.UTF_8));
            password = r.readLine();
        } catch (IOException e) {
            err.println("vigild: cannot read the password from stdin: " + e.getMessage());
            return 1;
        }
        if (password == null) {
            err.println("vigild: no password on stdin");
            return 1;
        }
        try {
            org.vigil.metrics.PasswordFile.put(Path.of(args.get(0)), args.get(1), password, new SecureRandom());
        } catch (IOException e) {
            err.println("vigild: " + args.get(0) + ": " + e.getMessage());
            return 1;
        }
        out.println("stored a password hash for " + args.get(1) + " in " + args.get(0) + " (mode 0600)");
        return 0;
    }

    private int checkConfig(Path file) {
        ConfigCheck check;
        try {
            check = ClusterConfigReader.read(CorosyncParser.parse(file), file.toString());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println("configuration is NOT usable");
            return 1;
        }
        if (check.config() != null) {
            ConfigSummary.lines(check.config()).forEach(out::println);
        }
        check.warnings().forEach(err::println);
        check.errors().forEach(err::println);
        List<String> errors = new ArrayList<>(check.errors());
        if (check.config() != null && check.config().authenticated()) {
            try {
                ClusterKey.forConfig(check.config().keyFile()); // the daemon's own check, so the verdicts agree
            } catch (ConfigException e) {
                err.println(e.getMessage());
                errors.add(e.getMessage());
            }
        }
        if (!check.usable() || !errors.isEmpty()) {
            err.println("configuration is NOT usable (" + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + ")");
            return 1;
        }
        out.println("configuration is usable (" + check.warnings().size() + " warning"
                + (check.warnings().size() == 1 ? "" : "s") + ")");
        return 0;
    }

    private int usage(String what) {
        err.println("vigild: " + what);
        err.println(USAGE);
        return 2;
    }
}
