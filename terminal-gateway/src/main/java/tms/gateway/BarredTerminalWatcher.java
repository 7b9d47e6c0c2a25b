package tms.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.BarredTerminal;
import tms.store.Store;
import tms.store.TerminalMapper;

/**
 * Closes the sessions of terminals that were revoked or suspended, on whichever node made the change: it
 * asks the shared store a few times a second for terminals barred since it last looked. It reads the
 * database's clock, not this node's, and looks a few seconds back each time, so neither clock skew
 * between nodes nor a slow commit makes it miss a change (closing an already closed terminal is a no-op).
 */
final class BarredTerminalWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BarredTerminalWatcher.class);
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final Store store;
    private final TerminalConnections connections;
    private final ScheduledExecutorService timer;
    private Instant since;

    BarredTerminalWatcher(Store store, TerminalConnections connections, Duration interval) {
        this.store = store;
        this.connections = connections;
        this.since = store.read(s -> s.getMapper(TerminalMapper.class).databaseNow());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tms-barred-terminal-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            Instant from = since.minus(OVERLAP);
            List<BarredTerminal> barred = store.read(s -> s.getMapper(TerminalMapper.class).listBarredSince(from));
            for (BarredTerminal terminal : barred) {
                int closed = connections.close(terminal.tid());
                if (closed > 0) {
                    LOG.info("terminal {} is {}: closed its {} open connection(s)", terminal.tid(), terminal.state(),
                            closed);
                }
                if (terminal.changedAt().isAfter(since)) {
                    since = terminal.changedAt();
                }
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next look catches up from the same point
            LOG.warn("could not look for revoked terminals: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
