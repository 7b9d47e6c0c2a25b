package tms.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.Store;

/**
 * Writes the captured rows of every connection in shared transactions (group commit): callers hand in units of work
 * over a MyBatis session, one thread runs all the units queued at that moment in one transaction and commits once,
 * then tells every caller. A commit costs one disk flush whatever it holds, so many terminals share it.
 *
 * <p>Each unit runs behind a savepoint: a unit that throws (a duplicate key meaning a retransmission, a row a
 * reversal got to first) is rolled back alone and its caller gets its exception; the others commit. If the
 * savepoint cannot be rolled back or the commit fails, nothing of the group is kept and every caller gets
 * {@link CaptureNotCommitted}. No caller hears of its unit before the commit that holds it has returned.
 */
public final class CaptureWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);

    /** The defaults: at most 200 units a commit; a unit not started within a second is given up (answered 96). */
    public static final int DEFAULT_MAX_GROUP = 200;
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(1);

    private static final String UNIT_SAVEPOINT = "capture_unit";

    private final Store store;
    private final int maxGroup;
    private final long startDeadlineNanos;
    private final LinkedBlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedUnits = new AtomicLong();
    private volatile boolean accepting;
    private Thread thread;

    public CaptureWriter(Store store) {
        this(store, DEFAULT_MAX_GROUP, DEFAULT_START_DEADLINE);
    }

    /**
     * @param maxGroup      the most units one transaction holds
     * @param startDeadline how long a caller of {@link #write} waits for its unit to be started; past it the unit is
     *                      dropped unrun and the caller gets {@link CaptureNotCommitted} (the database is down or
     *                      far behind: the terminal hears 96 in time instead of waiting on)
     */
    public CaptureWriter(Store store, int maxGroup, Duration startDeadline) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup is " + maxGroup + ": expected at least 1");
        }
        this.maxGroup = maxGroup;
        this.startDeadlineNanos = startDeadline.toNanos();
    }

    /** Starts the writing thread; units handed in before are refused. */
    public synchronized CaptureWriter start() {
        if (thread != null) {
            throw new IllegalStateException("the capture writer is already running");
        }
        accepting = true;
        thread = new Thread(this::run, "tms-capture-writer");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Runs {@code work} in the next group's transaction and returns its result once that transaction is committed.
     *
     * @throws RuntimeException     what {@code work} threw (its own changes are rolled back, nothing else is)
     * @throws CaptureNotCommitted  when the group could not be committed, or the unit could not be started in time
     */
    public <T> T write(Function<SqlSession, T> work) {
        Unit<T> unit = enqueue(work);
        try {
            try {
                return unit.future.get(startDeadlineNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (unit.abandon()) {
                    throw new CaptureNotCommitted("not started within " + startDeadlineNanos / 1_000_000
                            + " ms: the database is unreachable or far behind", null);
                }
                // started: its transaction decides, and the caller must hear which way
                return unit.future.get();
            }
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureNotCommitted("interrupted while waiting for the commit", e);
        }
    }

    /** Hands {@code work} in without waiting: the future completes after the commit (or with the unit's failure). */
    public <T> CompletableFuture<T> submit(Function<SqlSession, T> work) {
        return enqueue(work).future;
    }

    private <T> Unit<T> enqueue(Function<SqlSession, T> work) {
        Unit<T> unit = new Unit<>(Objects.requireNonNull(work, "work"));
        if (!accepting) {
            unit.future.completeExceptionally(new CaptureNotCommitted("the capture writer is not running", null));
            return unit;
        }
        queue.add(unit);
        if (!accepting && queue.remove(unit)) {
            // closed between the check and the add, and the writer had already left
            unit.future.completeExceptionally(new CaptureNotCommitted("the capture writer is not running", null));
        }
        return unit;
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CaptureNotCommitted("the unit failed: " + cause, cause);
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /** Units committed so far (the refused ones not counted). */
    public long committedUnits() {
        return committedUnits.get();
    }

    private void run() {
        List<Unit<?>> group = new ArrayList<>(maxGroup);
        while (true) {
            Unit<?> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (!accepting && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, maxGroup - 1);
            try {
                writeGroup(group);
            } catch (RuntimeException | Error e) {
                failAll(group, e);
            }
            group.clear();
        }
    }

    private void writeGroup(List<Unit<?>> group) {
        List<Unit<?>> started = new ArrayList<>(group.size());
        for (Unit<?> unit : group) {
            if (unit.start()) {
                started.add(unit);
            }
        }
        if (started.isEmpty()) {
            return;
        }
        // REUSE: a group runs the same few statements many times; they are prepared once per transaction
        try (SqlSession session = store.sessions().openSession(ExecutorType.REUSE, false)) {
            Connection connection;
            try {
                connection = session.getConnection();
            } catch (RuntimeException e) {
                // no connection within the pool's timeout: what queued meanwhile would wait as long for nothing
                List<Unit<?>> waiting = new ArrayList<>();
                queue.drainTo(waiting);
                waiting.removeIf(unit -> !unit.start());
                CaptureNotCommitted failure = notCommitted(started.size() + waiting.size(), "no database connection", e);
                failAll(waiting, failure);
                throw failure;
            }
            for (Unit<?> unit : started) {
                runBehindSavepoint(session, connection, unit);
            }
            try {
                session.commit(true);
            } catch (RuntimeException e) {
                rollback(session, e);
                throw notCommitted(started.size(), "the commit failed", e);
            }
        }
        // counted before anyone is told, so a caller that hears of its commit finds it counted
        commits.incrementAndGet();
        committedUnits.addAndGet(started.stream().filter(unit -> unit.failure == null).count());
        for (Unit<?> unit : started) {
            unit.completeAfterCommit();
        }
    }

    private static CaptureNotCommitted notCommitted(int units, String what, Throwable cause) {
        LOG.error("{} unit(s) not written: {}: {}", units, what, cause.toString());
        return new CaptureNotCommitted(what + ": " + cause.getMessage(), cause);
    }

    private <T> void runBehindSavepoint(SqlSession session, Connection connection, Unit<T> unit) {
        Savepoint savepoint;
        try {
            // one name, set again for each unit (which replaces it): the same statement text every time, so the
            // database can keep it parsed, where a numbered savepoint is a new statement per unit
            savepoint = connection.setSavepoint(UNIT_SAVEPOINT);
        } catch (SQLException e) {
            rollback(session, e);
            throw notCommitted(1, "cannot set a savepoint", e);
        }
        try {
            unit.result = unit.work.apply(session);
        } catch (RuntimeException | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                // the database undid more than the unit (a deadlock victim, a lost connection): keep nothing
                rollbackFailure.addSuppressed(e);
                rollback(session, rollbackFailure);
                throw notCommitted(1, "cannot undo a refused unit alone", rollbackFailure);
            }
            unit.failure = e;
        } finally {
            // MyBatis's session cache may hold rows read before the savepoint was rolled back
            session.clearCache();
        }
    }

    private static void rollback(SqlSession session, Throwable failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static void failAll(List<Unit<?>> group, Throwable e) {
        CaptureNotCommitted failure = e instanceof CaptureNotCommitted notCommitted ? notCommitted
                : new CaptureNotCommitted("the group failed: " + e, e);
        for (Unit<?> unit : group) {
            unit.future.completeExceptionally(failure);
        }
    }

    /** Stops taking units, writes those already queued, and stops the thread. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
            accepting = false;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Unit<?>> left = new ArrayList<>();
        queue.drainTo(left);
        failAll(left, new CaptureNotCommitted("the capture writer stopped", null));
    }

    /** One caller's work and its outcome. */
    private static final class Unit<T> {

        private static final int QUEUED = 0;
        private static final int STARTED = 1;
        private static final int ABANDONED = 2;

        final Function<SqlSession, T> work;
        final CompletableFuture<T> future = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(QUEUED);
        T result;
        Throwable failure;

        Unit(Function<SqlSession, T> work) {
            this.work = work;
        }

        /** The writer takes the unit; false when its caller gave up on it first. */
        boolean start() {
            return state.compareAndSet(QUEUED, STARTED);
        }

        /** The caller gives up; false when the writer took the unit first. */
        boolean abandon() {
            return state.compareAndSet(QUEUED, ABANDONED);
        }

        /** Tells the caller how its unit ended, once its group is committed. */
        void completeAfterCommit() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
