package tms.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Flags for review the captures that were reserved (PENDING) but never decided: the gateway that reserved them
 * stopped (a crash, a kill, a lost database) between its two commits, so their terminals got no answer. Only a
 * row reserved longer ago than any decision can take is flagged, because other gateway nodes sharing the store
 * may be deciding theirs right now. The terminal's reversal still closes a flagged row; one it never reverses is
 * left for clearing staff to check with the platform.
 */
public final class UndecidedCaptures implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UndecidedCaptures.class);
    private static final int ROWS_PER_READ = 500;

    private final Store store;
    private final Clock clock;
    private final Duration undecidedAfter;
    private final int rowsPerRead;
    private ScheduledExecutorService timer;

    /**
     * @param undecidedAfter how long after its reservation a PENDING row counts as abandoned: longer than the
     *                       platform's timeout, so that no decision is still on its way
     */
    public UndecidedCaptures(Store store, Clock clock, Duration undecidedAfter) {
        this(store, clock, undecidedAfter, ROWS_PER_READ);
    }

    UndecidedCaptures(Store store, Clock clock, Duration undecidedAfter, int rowsPerRead) {
        if (undecidedAfter.isNegative() || undecidedAfter.isZero()) {
            throw new IllegalArgumentException("undecidedAfter must be positive, not " + undecidedAfter);
        }
        this.store = store;
        this.clock = clock;
        this.undecidedAfter = undecidedAfter;
        this.rowsPerRead = rowsPerRead;
    }

    /** One look: flags REVIEW every PENDING row reserved more than {@code undecidedAfter} ago; returns how many. */
    public int flag() {
        Instant reservedBefore = clock.instant().minus(undecidedAfter);
        int flagged = 0;
        List<CapturedTransaction> undecided;
        do {
            undecided = store.read(s -> s.getMapper(TransactionMapper.class)
                    .listPendingBefore(reservedBefore, rowsPerRead));
            for (CapturedTransaction row : undecided) {
                // a decision or a reversal that lands between the look and this update wins: the update then changes nothing
                int changed = store.write(s -> s.getMapper(TransactionMapper.class)
                        .changeStatus(row.id(), TransactionStatus.PENDING, TransactionStatus.REVIEW));
                if (changed == 1) {
                    flagged++;
                    LOG.warn("{} terminal {} batch {} trace {} amount {} card {}******{} rrn {}, reserved at {}, was never"
                                    + " decided (the gateway stopped before the platform's answer was recorded; the terminal"
                                    + " got no answer): flagged REVIEW. Its reversal will close it; otherwise check it with"
                                    + " the platform. List: ./tms transactions --status REVIEW", row.kind(), row.tid(),
                            row.batch(), row.trace(), row.amount(), row.panFirst6(), row.panLast4(), row.rrn(),
                            row.hostTime());
                }
            }
        } while (undecided.size() == rowsPerRead);
        return flagged;
    }

    /** Looks now, on the calling thread (so a store that cannot be read stops a start), then every {@code every}. */
    public synchronized int start(Duration every) {
        if (timer != null) {
            throw new IllegalStateException("already looking for undecided captures");
        }
        int flagged = flag();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tms-undecided-captures");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::look, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return flagged;
    }

    private void look() {
        try {
            flag();
        } catch (Throwable e) {
            // the database may be away for a moment; the next look finds the same rows (and a scheduled task that
            // threw would never run again)
            LOG.warn("could not look for undecided captures: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
