package tms.gateway;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Everything logged (at any level, by any logger) while it is open, for assertions on what logs say. */
public final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLog() {
        appender.start();
        root.addAppender(appender);
    }

    /** Every line as formatted text, with the messages of the exception and all its causes. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        // the appender adds under its own lock (AppenderBase.doAppend is synchronized on it)
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        return events.stream()
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + causes(e))
                .collect(Collectors.toList());
    }

    private static String causes(ILoggingEvent event) {
        StringBuilder out = new StringBuilder();
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            out.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return out.toString();
    }

    public String text() {
        return String.join("\n", lines());
    }

    public long count(String fragment) {
        return lines().stream().filter(l -> l.contains(fragment)).count();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
