package org.vigil.node;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.vigil.node.config.ServicesConfig;

/**
 * How vigild starts the web console without depending on the module that implements it: the console lives
 * above {@code cli} (it runs crm's own commands), so vigild finds it through {@link java.util.ServiceLoader}
 * when that jar is on its class path ({@code bin/vigild} runs from the cli jar).
 */
public interface ConsoleHook {
    /**
     * What the console needs from the daemon.
     *
     * @param node     this node's name
     * @param address  where to listen
     * @param stateDir the daemon's state directory (generated certificate, default users file and audit log)
     * @param socket   the daemon's crm socket: the console's commands go through it, as crm's do
     * @param log      the daemon's log
     */
    record Setup(String node, ServicesConfig.ConsoleConfig config, InetAddress address, Path stateDir, Path socket,
            Consumer<String> log) {}

    /** Starts listening; bad settings (unreadable certificate, users file) are an IOException naming the file. */
    ConsoleService start(Setup setup) throws IOException;

    /** A running console. */
    interface ConsoleService extends AutoCloseable {
        int port();

        /** SHA-256 fingerprint of the certificate served, as {@code AB:CD:...}. */
        String fingerprint();

        @Override
        void close();
    }
}
