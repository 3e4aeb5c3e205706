package org.mailtrail.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * Every log event of every logger while it is open, with the service's own code, Spring's web and security
 * layers and the Azure and Microsoft clients turned up to DEBUG, so that a secret logged at any of those levels
 * would be caught. Messages are kept formatted, with their exceptions' messages and causes.
 */
final class CapturedLogs implements AutoCloseable {

    private static final List<String> VERBOSE = List.of("org.mailtrail", "org.springframework.web",
            "org.springframework.security", "com.azure", "com.microsoft");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previous = new HashMap<>();

    private CapturedLogs() {
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        for (String name : VERBOSE) {
            Logger logger = context.getLogger(name);
            previous.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    static CapturedLogs start() {
        return new CapturedLogs();
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        previous.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
