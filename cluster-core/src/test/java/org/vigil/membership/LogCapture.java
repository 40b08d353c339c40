package org.vigil.membership;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What libraries (JGroups) log through SLF4J while a test runs: the daemon's log gets the same events. */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    synchronized List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Events that would print a stack trace. */
    List<ILoggingEvent> withStackTraces() {
        return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
    }

    /** How many lines the events make in a log written with the daemon's pattern (message plus trace). */
    int lines() {
        int n = 0;
        for (ILoggingEvent e : events()) {
            n += e.getFormattedMessage().split("\n", -1).length;
            var t = e.getThrowableProxy();
            while (t != null) {
                n += 1 + t.getStackTraceElementProxyArray().length;
                t = t.getCause();
            }
        }
        return n;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
