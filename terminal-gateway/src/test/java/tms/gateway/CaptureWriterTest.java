package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.Merchant;
import tms.store.MerchantMapper;
import tms.store.Store;
import tms.store.testing.TestDatabase;

class CaptureWriterTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void unitsFromManyThreadsShareCommitsAndEveryOneIsWritten(TestDatabase db) throws Exception {
        Store store = db.open();
        int threads = 16;
        int unitsPerThread = 25;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try (CaptureWriter writer = new CaptureWriter(store).start()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(callers.submit(() -> {
                    go.await();
                    for (int i = 0; i < unitsPerThread; i++) {
                        String mid = String.format("M%02d%04d", thread, i);
                        assertThat(writer.write(insertMerchant(mid))).isEqualTo(mid);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            int units = threads * unitsPerThread;
            assertThat(writer.committedUnits()).isEqualTo(units);
            // every caller waits for its commit, so with 16 callers a commit holds more than one unit
            assertThat(writer.commits()).isLessThan(units);
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < unitsPerThread; i++) {
                    String mid = String.format("M%02d%04d", t, i);
                    assertThat(merchant(store, mid)).as(mid).isNotNull();
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aGroupQueuedBehindABusyCommitIsWrittenInOneTransaction(TestDatabase db) throws Exception {
        Store store = db.open();
        try (CaptureWriter writer = new CaptureWriter(store).start()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> blocker = holdTheWriter(writer, release, "BLOCKER");
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                queued.add(writer.submit(insertMerchant("Q" + i)));
            }
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            for (CompletableFuture<String> f : queued) {
                f.get(30, TimeUnit.SECONDS);
            }
            // the blocker's group, then the 50 that queued behind it in one
            assertThat(writer.commits()).isEqualTo(2);
            assertThat(writer.committedUnits()).isEqualTo(51);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRefusedUnitFailsAloneAndLeavesNothingWhileItsGroupCommits(TestDatabase db) throws Exception {
        Store store = db.open();
        store.write(insertMerchant("TAKEN"));
        try (CaptureWriter writer = new CaptureWriter(store).start()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> blocker = holdTheWriter(writer, release, "FIRST");
            CompletableFuture<String> before = writer.submit(insertMerchant("BEFORE"));
            // writes a row, then hits the unique key: a retransmission, as the capture sees one
            CompletableFuture<String> duplicate = writer.submit(s -> {
                insertMerchant("HALF").apply(s);
                return insertMerchant("TAKEN").apply(s);
            });
            CompletableFuture<String> refused = writer.submit(s -> {
                insertMerchant("CHANGED-MIND").apply(s);
                throw new IllegalStateException("refused by the unit itself");
            });
            CompletableFuture<String> after = writer.submit(insertMerchant("AFTER"));
            release.countDown();

            assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo("FIRST");
            assertThat(before.get(30, TimeUnit.SECONDS)).isEqualTo("BEFORE");
            assertThat(after.get(30, TimeUnit.SECONDS)).isEqualTo("AFTER");
            assertThatThrownBy(() -> duplicate.join()).isInstanceOf(CompletionException.class)
                    .satisfies(e -> assertThat(Store.isDuplicateKey(e.getCause())).isTrue());
            assertThatThrownBy(() -> refused.join()).hasRootCauseMessage("refused by the unit itself");
            assertThat(merchant(store, "BEFORE")).isNotNull();
            assertThat(merchant(store, "AFTER")).isNotNull();
            assertThat(merchant(store, "HALF")).isNull();
            assertThat(merchant(store, "CHANGED-MIND")).isNull();
            assertThat(writer.commits()).isEqualTo(2);
            // write() hands the unit's own exception back, so callers can tell a duplicate key from an outage
            assertThatThrownBy(() -> writer.write(insertMerchant("TAKEN")))
                    .satisfies(e -> assertThat(Store.isDuplicateKey(e)).isTrue())
                    .isNotInstanceOf(CaptureNotCommitted.class);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aFailedCommitFailsEveryUnitOfTheGroupAndKeepsNothingAndTheNextGroupIsWritten(TestDatabase db)
            throws Exception {
        Store store = db.open();
        try (CaptureWriter writer = new CaptureWriter(store).start()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> blocker = holdTheWriter(writer, release, "FIRST");
            List<CompletableFuture<String>> group = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                group.add(writer.submit(insertMerchant("LOST" + i)));
            }
            // the last unit of the group loses the connection, as a database that goes away does: the commit fails
            group.add(writer.submit(s -> {
                try {
                    // the pool's connection stays open, the database's under it is gone (H2 ignores abort())
                    s.getConnection().unwrap(Connection.class).close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return "ABORTED";
            }));
            release.countDown();
            assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo("FIRST");
            for (CompletableFuture<String> f : group) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CaptureNotCommitted.class);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(merchant(store, "LOST" + i)).isNull();
            }
            assertThat(writer.commits()).isEqualTo(1);
            assertThat(writer.committedUnits()).isEqualTo(1);

            // the writer goes on with a fresh connection
            assertThat(writer.write(insertMerchant("NEXT"))).isEqualTo("NEXT");
            assertThat(merchant(store, "NEXT")).isNotNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aUnitNotStartedByItsDeadlineIsGivenUpAndNeverWritten(TestDatabase db) throws Exception {
        Store store = db.open();
        try (CaptureWriter writer = new CaptureWriter(store, 10, Duration.ofMillis(200)).start()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> blocker = holdTheWriter(writer, release, "FIRST");
            AtomicBoolean ran = new AtomicBoolean();
            // the writer is held until the caller has given up, so the unit cannot have started
            assertThatThrownBy(() -> writer.write(s -> {
                ran.set(true);
                return insertMerchant("LATE").apply(s);
            })).isInstanceOf(CaptureNotCommitted.class).hasMessageContaining("not started within 200 ms");
            release.countDown();
            assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo("FIRST");
            assertThat(writer.write(insertMerchant("NEXT"))).isEqualTo("NEXT");
            assertThat(ran).isFalse();
            assertThat(merchant(store, "LATE")).isNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aClosedWriterRefusesUnitsAndWritesWhatWasQueued(TestDatabase db) throws Exception {
        Store store = db.open();
        CaptureWriter writer = new CaptureWriter(store).start();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> blocker = holdTheWriter(writer, release, "FIRST");
        CompletableFuture<String> queued = writer.submit(insertMerchant("QUEUED"));
        Thread closing = new Thread(writer::close);
        closing.start();
        while (writer.submit(insertMerchant("PROBE")).isDone() == false) {
            // until close() has stopped the intake; the probes before that are queued and written too
            Thread.onSpinWait();
        }
        release.countDown();
        closing.join(30_000);
        assertThat(blocker.get()).isEqualTo("FIRST");
        assertThat(queued.get()).isEqualTo("QUEUED");
        assertThat(merchant(store, "QUEUED")).isNotNull();
        assertThatThrownBy(() -> writer.write(insertMerchant("AFTER"))).isInstanceOf(CaptureNotCommitted.class);
    }

    private static Function<SqlSession, String> insertMerchant(String mid) {
        return s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, mid, "Merchant " + mid, null));
            return mid;
        };
    }

    /**
     * Submits a unit that holds the writer until {@code release} opens, and returns once the writer runs it: what is
     * submitted afterwards queues behind it for the next group.
     */
    private static CompletableFuture<String> holdTheWriter(CaptureWriter writer, CountDownLatch release, String mid)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> blocker = writer.submit(s -> {
            running.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return insertMerchant(mid).apply(s);
        });
        assertThat(running.await(30, TimeUnit.SECONDS)).as("the writer runs the first unit").isTrue();
        return blocker;
    }

    private static Merchant merchant(Store store, String mid) {
        return store.read(s -> s.getMapper(MerchantMapper.class).findByMid(mid));
    }
}
