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
 * asks the shared store a few times a second for terminals barred since it last looked. Its cursor is the
 * database's clock (not this node's, so skew between nodes does not matter), and each look reaches 5 s
 * before the previous one began, so a change whose commit lands up to 5 s after its timestamp is still
 * seen (closing an already closed terminal is a no-op).
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
            Instant now = store.read(s -> s.getMapper(TerminalMapper.class).databaseNow());
            Instant from = since.minus(OVERLAP);
            List<BarredTerminal> barred = store.read(s -> s.getMapper(TerminalMapper.class).listBarredSince(from));
            for (BarredTerminal terminal : barred) {
                int closed = connections.close(terminal.tid());
                if (closed > 0) {
                    LOG.info("terminal {} is {}: closed its {} open connection(s)", terminal.tid(), terminal.state(),
                            closed);
                }
            }
            since = now;
        } catch (Throwable e) {
            // the database may be away for a moment; the next look catches up from the same point (and a
            // scheduled task that threw would never run again)
            LOG.warn("could not look for revoked terminals: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
