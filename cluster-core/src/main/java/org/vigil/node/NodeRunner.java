package org.vigil.node;

import java.io.PrintStream;
import java.nio.file.Path;

/** Runs the daemon on this machine. */
final class NodeRunner {
    private NodeRunner() {}

    static int run(Path config, String node, PrintStream out, PrintStream err) {
        err.println("vigild: running the daemon is not implemented yet (only keygen and --check-config are)");
        return 1;
    }
}
