package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;

/** A capture reserved but never decided is flagged REVIEW once it is older than any decision can take, and only then. */
class UndecidedCapturesTest {

    private static final Instant NOW = Instant.parse("2026-03-14T04:00:00Z");
    private static final String TID = "10000091";

    private static void insert(Store store, String trace, TransactionStatus status, Instant reservedAt) {
        store.write(s -> {
            s.getMapper(TransactionMapper.class).insert(new CapturedTransaction(null, TID, "898100012340001", "000001",
                    trace, "000000" + trace, null, "0200", "000000", TransactionKind.PURCHASE, 1_000L, "156", "622202",
                    "1234", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "022", null, status,
                    null, null, reservedAt));
            return null;
        });
    }

    private static TransactionStatus status(Store store, String trace) {
        return store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(TID, "000001", trace, TransactionKind.PURCHASE)).status();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void flagsOnlyPendingRowsOlderThanAnyDecisionCanTake(TestDatabase db) {
        Store store = db.open();
        insert(store, "000001", TransactionStatus.PENDING, NOW.minusSeconds(300)); // its gateway died
        insert(store, "000002", TransactionStatus.PENDING, NOW.minusSeconds(5)); // another node is deciding it
        insert(store, "000003", TransactionStatus.APPROVED, NOW.minusSeconds(300));
        insert(store, "000004", TransactionStatus.DECLINED, NOW.minusSeconds(300));
        UndecidedCaptures undecided = new UndecidedCaptures(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));

        int flagged;
        int again;
        try (CapturedLog log = new CapturedLog()) {
            flagged = undecided.flag();
            again = undecided.flag();
            assertThat(log.lines()).filteredOn(l -> l.contains("flagged REVIEW")).singleElement().asString()
                    .startsWith("WARN ")
                    .contains("terminal " + TID + " batch 000001 trace 000001")
                    .contains("622202******1234")
                    .contains("./tms transactions --status REVIEW");
        }

        assertThat(flagged).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(status(store, "000001")).isEqualTo(TransactionStatus.REVIEW);
        assertThat(status(store, "000002")).isEqualTo(TransactionStatus.PENDING);
        assertThat(status(store, "000003")).isEqualTo(TransactionStatus.APPROVED);
        assertThat(status(store, "000004")).isEqualTo(TransactionStatus.DECLINED);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void flagsEveryUndecidedRowWhenThereAreMoreThanOneReadReturns(TestDatabase db) {
        Store store = db.open();
        for (int i = 1; i <= 5; i++) {
            insert(store, String.format("%06d", i), TransactionStatus.PENDING, NOW.minusSeconds(120));
        }
        UndecidedCaptures undecided = new UndecidedCaptures(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60),
                2);

        int flagged = undecided.flag();

        List<CapturedTransaction> stillPending = store.read(s -> s.getMapper(TransactionMapper.class)
                .listByStatus(TransactionStatus.PENDING, 10));
        assertThat(flagged).isEqualTo(5);
        assertThat(stillPending).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void startFlagsAtOnceAndThenKeepsLooking(TestDatabase db) throws InterruptedException {
        Store store = db.open();
        insert(store, "000001", TransactionStatus.PENDING, Instant.now().minusSeconds(300));
        try (UndecidedCaptures undecided = new UndecidedCaptures(store, Clock.systemUTC(), Duration.ofSeconds(1))) {
            int atStart = undecided.start(Duration.ofMillis(50));
            insert(store, "000002", TransactionStatus.PENDING, Instant.now());

            assertThat(atStart).isEqualTo(1);
            assertThat(status(store, "000001")).isEqualTo(TransactionStatus.REVIEW);
            // the row reserved just now is flagged by a later look, once it is a second old
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (status(store, "000002") == TransactionStatus.PENDING && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(status(store, "000002")).isEqualTo(TransactionStatus.REVIEW);
        }
    }
}
