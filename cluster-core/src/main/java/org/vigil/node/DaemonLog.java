package org.vigil.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * The daemon's log: one timestamped line per event. The running daemon writes through SLF4J to Logback,
 * configured from corosync.conf's logging section (stderr, which is the journal under systemd, and/or
 * {@code logfile}); JGroups logs through the same appenders, so its warnings land in the same places.
 * Tests give a {@link PrintStream} instead and read what was written.
 */
final class DaemonLog {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %logger{0}: %msg%n";

    private final PrintStream err;
    private final boolean logback;
    private boolean toStderr = true;
    private PrintStream file;
    private org.slf4j.Logger logger;

    DaemonLog(PrintStream err) {
        this(err, false);
    }

    private DaemonLog(PrintStream err, boolean logback) {
        this.err = err;
        this.logback = logback;
    }

    /** The running daemon's log, through Logback (stderr until {@link #configure} says otherwise). */
    static DaemonLog logback() {
        DaemonLog log = new DaemonLog(System.err, true);
        log.configureLogback(true, null);
        return log;
    }

    /** Applies the logging section: stderr on or off, and a file appended to. */
    synchronized void configure(boolean stderr, Path logFile) throws IOException {
        if (logback) {
            if (logFile != null) {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
            }
            configureLogback(stderr || logFile == null, logFile);
            return;
        }
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            file = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true, StandardCharsets.UTF_8);
        }
        // never silence everything: with no file, stderr stays on
        toStderr = stderr || file == null;
    }

    private void configureLogback(boolean stderr, Path logFile) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        // JGroups is chatty at INFO about its own start-up; its warnings matter
        ctx.getLogger("org.jgroups").setLevel(Level.WARN);
        if (stderr) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setTarget("System.err");
            console.setEncoder(encoder(ctx));
            console.start();
            root.addAppender(console);
        }
        if (logFile != null) {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setContext(ctx);
            f.setFile(logFile.toString());
            f.setAppend(true);
            f.setEncoder(encoder(ctx));
            f.start();
            root.addAppender(f);
        }
        logger = LoggerFactory.getLogger("vigild");
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(PATTERN);
        e.setCharset(StandardCharsets.UTF_8);
        e.start();
        return e;
    }

    synchronized void line(String text) {
        if (logback) {
            logger.info(text);
            return;
        }
        String l = Instant.now() + " vigild: " + text;
        if (toStderr) {
            err.println(l);
        }
        if (file != null) {
            file.println(l);
        }
    }
}
