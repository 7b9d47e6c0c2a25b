package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static tms.store.StoredRows.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;
import org.h2.util.DateTimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

class TransactionMapperTest {

    private static final Instant NOON = Instant.parse("2024-03-14T04:00:00Z");

    private static void insert(Store store, CapturedTransaction transaction) {
        store.write(s -> {
            s.getMapper(TransactionMapper.class).insert(transaction);
            return null;
        });
    }

    private static CapturedTransaction withKind(CapturedTransaction t, TransactionKind kind) {
        return new CapturedTransaction(t.id(), t.tid(), t.mid(), t.batch(), t.trace(), t.rrn(), t.authCode(), t.mti(),
                t.processingCode(), kind, t.amount(), t.currency(), t.panFirst6(), t.panLast4(), t.panHash(),
                t.entryMode(), t.responseCode(), t.status(), t.terminalDate(), t.terminalTime(), t.hostTime());
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void storesEveryFieldAndFindsItByItsKey(TestDatabase db) {
        Store store = db.open();
        CapturedTransaction given = SampleRows.purchase("10000001", "000001", "000123", NOON);

        insert(store, given);

        CapturedTransaction found = transaction(store, "10000001", "000001", "000123", TransactionKind.PURCHASE);
        assertThat(found.id()).isNotNull().isPositive();
        assertThat(found).usingRecursiveComparison().ignoringFields("id").isEqualTo(given);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsTheOptionalFieldsEmpty(TestDatabase db) {
        Store store = db.open();
        CapturedTransaction declined = new CapturedTransaction(null, "10000001", "898100012340001", "000001", "000124",
                null, null, "0200", null, TransactionKind.BALANCE_INQUIRY, 0L, "156", null, null, null, null, null,
                TransactionStatus.DECLINED, null, null, NOON);

        insert(store, declined);

        assertThat(transaction(store, "10000001", "000001", "000124", TransactionKind.BALANCE_INQUIRY))
                .usingRecursiveComparison().ignoringFields("id").isEqualTo(declined);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void answersNullWhenNoRowHasTheKey(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.purchase("10000001", "000001", "000125", NOON));

        assertThat(transaction(store, "10000001", "000001", "000125", TransactionKind.REFUND)).isNull();
        assertThat(transaction(store, "10000001", "000002", "000125", TransactionKind.PURCHASE)).isNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refusesASecondRowWithTheSameTidBatchTraceAndKind(TestDatabase db) {
        Store store = db.open();
        CapturedTransaction first = SampleRows.purchase("10000001", "000001", "000126", NOON);
        insert(store, first);

        CapturedTransaction retry = SampleRows.purchase("10000001", "000001", "000126", NOON.plusSeconds(5));
        assertThatThrownBy(() -> insert(store, retry))
                .satisfies(e -> assertThat(Store.isDuplicateKey(e)).as("isDuplicateKey(%s)", e).isTrue());

        // the same trace of another kind, or of another batch or terminal, is a different transaction
        insert(store, withKind(first, TransactionKind.REVERSAL));
        insert(store, SampleRows.purchase("10000001", "000002", "000126", NOON));
        insert(store, SampleRows.purchase("10000002", "000001", "000126", NOON));
        assertThat(transactionCount(store)).isEqualTo(4L);
        assertThat(transaction(store, "10000001", "000001", "000126", TransactionKind.PURCHASE).hostTime()).isEqualTo(NOON);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void listsTheNewestFirstUpToTheLimit(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.purchase("10000001", "000001", "000001", NOON.plusSeconds(20)));
        insert(store, SampleRows.purchase("10000001", "000001", "000002", NOON.plusSeconds(30)));
        insert(store, SampleRows.purchase("10000001", "000001", "000003", NOON.plusSeconds(10)));
        insert(store, SampleRows.purchase("10000001", "000001", "000004", NOON.plusNanos(30_000_001_000L)));
        // two in the same microsecond: the later capture (higher id) first
        insert(store, SampleRows.purchase("10000001", "000001", "000005", NOON.plusSeconds(5)));
        insert(store, SampleRows.purchase("10000001", "000001", "000006", NOON.plusSeconds(5)));

        List<CapturedTransaction> recent = recentTransactions(store, 4);
        List<CapturedTransaction> all = recentTransactions(store, 100);

        assertThat(recent).extracting(CapturedTransaction::trace).containsExactly("000004", "000002", "000001",
                "000003");
        assertThat(all).extracting(CapturedTransaction::trace).containsExactly("000004", "000002", "000001",
                "000003", "000006", "000005");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void countsTheRows(TestDatabase db) {
        Store store = db.open();
        assertThat(transactionCount(store)).isZero();

        insert(store, SampleRows.purchase("10000001", "000001", "000001", NOON));
        insert(store, SampleRows.purchase("10000001", "000001", "000002", NOON));

        assertThat(transactionCount(store)).isEqualTo(2L);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsHostTimeToTheMicrosecondAndCutsTheNanoseconds(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.purchase("10000001", "000001", "000001", Instant.parse("2024-03-14T04:05:06.123456Z")));
        insert(store, SampleRows.purchase("10000001", "000001", "000002", Instant.parse("2024-03-14T04:05:06.999999999Z")));

        assertThat(transaction(store, "10000001", "000001", "000001", TransactionKind.PURCHASE).hostTime())
                .isEqualTo(Instant.parse("2024-03-14T04:05:06.123456Z"));
        // cut, not rounded into the next second: MySQL would round, MariaDB and H2 would not
        assertThat(transaction(store, "10000001", "000001", "000002", TransactionKind.PURCHASE).hostTime())
                .isEqualTo(Instant.parse("2024-03-14T04:05:06.999999Z"));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void storesUtcEvenWhenTheJvmRunsInAnotherZone(TestDatabase db) throws SQLException {
        Instant hostTime = Instant.parse("2024-03-14T04:05:06.123456Z");
        TimeZone original = TimeZone.getDefault();
        Store store;
        try {
            // the whole store, pool and sessions included, lives in a JVM on Beijing time
            inJvmZone(TimeZone.getTimeZone("Asia/Shanghai"));
            store = db.open();
            insert(store, SampleRows.purchase("10000001", "000001", "000001", hostTime));
            assertThat(transaction(store, "10000001", "000001", "000001", TransactionKind.PURCHASE).hostTime())
                    .isEqualTo(hostTime);
            // and a time the database assigns is UTC as well
            Instant before = Instant.now();
            store.write(s -> {
                s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340001", "Beijing", null));
                return null;
            });
            assertThat(merchant(store, "898100012340001").createdAt()).isCloseTo(before, within(1, ChronoUnit.MINUTES));
        } finally {
            inJvmZone(original);
        }

        // the column itself must hold the UTC wall-clock time, not Beijing time read back "correctly"
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT host_time FROM captured_transaction WHERE trace = '000001'");
                ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-03-14T04:05:06.123456"));
        }
    }

    private static void inJvmZone(TimeZone zone) {
        TimeZone.setDefault(zone);
        // H2 caches the JVM's zone on first use; without this it would keep running in the earlier one
        DateTimeUtils.resetCalendar();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aPendingRowTakesItsDecisionOnce(TestDatabase db) {
        Store store = db.open();
        CapturedTransaction approved = SampleRows.purchase("10000077", "000001", "000077", Instant.parse("2026-11-25T01:02:03Z"));
        CapturedTransaction pending = new CapturedTransaction(null, approved.tid(), approved.mid(), approved.batch(),
                approved.trace(), approved.rrn(), null, approved.mti(), approved.processingCode(), approved.kind(),
                approved.amount(), approved.currency(), approved.panFirst6(), approved.panLast4(), approved.panHash(),
                approved.entryMode(), null, TransactionStatus.PENDING, null, null, approved.hostTime());
        store.write(s -> {
            s.getMapper(TransactionMapper.class).insert(pending);
            return null;
        });
        Integer first = store.write(s -> s.getMapper(TransactionMapper.class).recordDecision("10000077", "000001",
                "000077", TransactionKind.PURCHASE, "654321", "00", TransactionStatus.APPROVED, "39002" + "00"));
        Integer second = store.write(s -> s.getMapper(TransactionMapper.class).recordDecision("10000077", "000001",
                "000077", TransactionKind.PURCHASE, null, "51", TransactionStatus.DECLINED, "39002" + "51"));
        CapturedTransaction row = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey("10000077", "000001", "000077", TransactionKind.PURCHASE));
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
        assertThat(row.authCode()).isEqualTo("654321");
        assertThat(row.responseCode()).isEqualTo("00");
        assertThat(row.responseFields()).isEqualTo("3900200");
    }

    private static CapturedTransaction withStatus(CapturedTransaction t, TransactionStatus status) {
        return new CapturedTransaction(t.id(), t.tid(), t.mid(), t.batch(), t.trace(), t.rrn(), t.authCode(), t.mti(),
                t.processingCode(), t.kind(), t.amount(), t.currency(), t.panFirst6(), t.panLast4(), t.panHash(),
                t.entryMode(), t.responseCode(), status, t.terminalDate(), t.terminalTime(), t.hostTime());
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void listsOnlyThePendingRowsReservedBeforeTheCutOffOldestFirst(TestDatabase db) {
        Store store = db.open();
        insert(store, withStatus(SampleRows.purchase("10000081", "000001", "000002", NOON.minusSeconds(50)),
                TransactionStatus.PENDING));
        insert(store, withStatus(SampleRows.purchase("10000081", "000001", "000001", NOON.minusSeconds(90)),
                TransactionStatus.PENDING));
        insert(store, withStatus(SampleRows.purchase("10000081", "000001", "000003", NOON.minusSeconds(99)),
                TransactionStatus.APPROVED));
        insert(store, withStatus(SampleRows.purchase("10000081", "000001", "000004", NOON.minusSeconds(10)),
                TransactionStatus.PENDING));
        insert(store, withStatus(SampleRows.purchase("10000081", "000001", "000005", NOON.minusSeconds(40)),
                TransactionStatus.PENDING));

        List<CapturedTransaction> undecided = store.read(s -> s.getMapper(TransactionMapper.class)
                .listPendingBefore(NOON.minusSeconds(30), 2));
        List<CapturedTransaction> all = store.read(s -> s.getMapper(TransactionMapper.class)
                .listPendingBefore(NOON.minusSeconds(30), 100));

        assertThat(undecided).extracting(CapturedTransaction::trace).containsExactly("000001", "000002");
        assertThat(all).extracting(CapturedTransaction::trace).containsExactly("000001", "000002", "000005");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRowFlaggedForReviewIsListedByItsStatusAndStillReversible(TestDatabase db) {
        Store store = db.open();
        insert(store, withStatus(SampleRows.purchase("10000082", "000001", "000001", NOON), TransactionStatus.PENDING));
        insert(store, withStatus(SampleRows.purchase("10000082", "000001", "000002", NOON), TransactionStatus.DECLINED));
        long id = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey("10000082", "000001", "000001", TransactionKind.PURCHASE)).id();
        long declined = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey("10000082", "000001", "000002", TransactionKind.PURCHASE)).id();

        Integer flagged = store.write(s -> s.getMapper(TransactionMapper.class)
                .changeStatus(id, TransactionStatus.PENDING, TransactionStatus.REVIEW));
        List<CapturedTransaction> forReview = store.read(s -> s.getMapper(TransactionMapper.class)
                .listByStatus(TransactionStatus.REVIEW, 10));
        Integer reversed = store.write(s -> s.getMapper(TransactionMapper.class).reverse(id));
        Integer declinedReversed = store.write(s -> s.getMapper(TransactionMapper.class).reverse(declined));

        assertThat(flagged).isEqualTo(1);
        assertThat(forReview).extracting(CapturedTransaction::trace).containsExactly("000001");
        assertThat(reversed).isEqualTo(1);
        assertThat(declinedReversed).isZero();
        assertThat(store.read(s -> s.getMapper(TransactionMapper.class).findById(id)).status())
                .isEqualTo(TransactionStatus.REVERSED);
        List<CapturedTransaction> afterReversal = store.read(s -> s.getMapper(TransactionMapper.class)
                .listByStatus(TransactionStatus.REVIEW, 10));
        assertThat(afterReversal).isEmpty();
    }
}
