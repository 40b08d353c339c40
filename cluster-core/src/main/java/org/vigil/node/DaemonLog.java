package org.vigil.node;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The daemon's log: one timestamped line per event, on stderr (the journal under systemd) and/or a file. */
final class DaemonLog {
    private final PrintStream err;
    private boolean toStderr = true;
    private PrintStream file;

    DaemonLog(PrintStream err) {
        this.err = err;
    }

    /** Applies the logging section: stderr on or off, and a file appended to. */
    synchronized void configure(boolean stderr, Path logFile) throws IOException {
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            file = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true, StandardCharsets.UTF_8);
        }
        // never silence everything: with no file, stderr stays on
        toStderr = stderr || file == null;
    }

    synchronized void line(String text) {
        String l = Instant.now() + " vigild: " + text;
        if (toStderr) {
            err.println(l);
        }
        if (file != null) {
            file.println(l);
        }
    }
}
