package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

/** The statements behind voids, refunds, reversals, settlement and batch upload, on H2 and MariaDB. */
class CaptureStoreTest {

    private static final Instant NOON = Instant.parse("2026-12-07T04:00:00Z");
    private static final String TID = "10000001";

    private static CapturedTransaction row(String batch, String trace, TransactionKind kind, long amount,
                                           TransactionStatus status, Long originalId) {
        return new CapturedTransaction(null, TID, "898100012340001", batch, trace, "000000" + trace, null, "0200",
                "000000", kind, amount, "156", "622202", "1234", null, "022", "00", status, "1207", "120000", NOON,
                originalId, null, "ab".repeat(32), null);
    }

    private static long insert(Store store, CapturedTransaction t) {
        store.write(s -> {
            s.getMapper(TransactionMapper.class).insert(t);
            return null;
        });
        return find(store, t.batch(), t.trace(), t.kind()).id();
    }

    private static CapturedTransaction find(Store store, String batch, String trace, TransactionKind kind) {
        return store.read(s -> s.getMapper(TransactionMapper.class).findByKey(TID, batch, trace, kind));
    }

    private static int write(Store store, java.util.function.Function<TransactionMapper, Integer> work) {
        return store.write(s -> work.apply(s.getMapper(TransactionMapper.class)));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsTheNewColumnsAndFindsById(TestDatabase db) {
        Store store = db.open();
        long purchase = insert(store, row("000001", "000010", TransactionKind.PURCHASE, 500, TransactionStatus.APPROVED, null));
        CapturedTransaction reversal = new CapturedTransaction(null, TID, "898100012340001", "000001", "000011", null,
                null, "0400", "000000", TransactionKind.REVERSAL, 500, "156", null, null, null, "022", "00",
                TransactionStatus.ORPHAN, null, null, NOON, null, "98", "cd".repeat(32), "3900200");
        insert(store, reversal);

        CapturedTransaction found = store.read(s -> s.getMapper(TransactionMapper.class).findById(purchase));
        assertThat(found.trace()).isEqualTo("000010");
        assertThat(found.requestHash()).isEqualTo("ab".repeat(32));
        assertThat(find(store, "000001", "000011", TransactionKind.REVERSAL))
                .usingRecursiveComparison().ignoringFields("id").isEqualTo(reversal);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void changesStatusOnlyFromTheExpectedOne(TestDatabase db) {
        Store store = db.open();
        long id = insert(store, row("000001", "000020", TransactionKind.PURCHASE, 500, TransactionStatus.APPROVED, null));

        assertThat(write(store, m -> m.changeStatus(id, TransactionStatus.APPROVED, TransactionStatus.VOIDED))).isEqualTo(1);
        assertThat(write(store, m -> m.changeStatus(id, TransactionStatus.APPROVED, TransactionStatus.VOIDED))).isZero();
        assertThat(find(store, "000001", "000020", TransactionKind.PURCHASE).status()).isEqualTo(TransactionStatus.VOIDED);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void reversesApprovedAndPendingRowsOnly(TestDatabase db) {
        Store store = db.open();
        long approved = insert(store, row("000001", "000030", TransactionKind.PURCHASE, 1, TransactionStatus.APPROVED, null));
        long pending = insert(store, row("000001", "000031", TransactionKind.PURCHASE, 1, TransactionStatus.PENDING, null));
        long declined = insert(store, row("000001", "000032", TransactionKind.PURCHASE, 1, TransactionStatus.DECLINED, null));
        long voided = insert(store, row("000001", "000033", TransactionKind.PURCHASE, 1, TransactionStatus.VOIDED, null));

        assertThat(write(store, m -> m.reverse(approved))).isEqualTo(1);
        assertThat(write(store, m -> m.reverse(approved))).isZero();
        assertThat(write(store, m -> m.reverse(pending))).isEqualTo(1);
        assertThat(write(store, m -> m.reverse(declined))).isZero();
        assertThat(write(store, m -> m.reverse(voided))).isZero();
        assertThat(find(store, "000001", "000031", TransactionKind.PURCHASE).status()).isEqualTo(TransactionStatus.REVERSED);
        // and a decision arriving after the reversal finds no pending row
        assertThat(write(store, m -> m.recordDecision(TID, "000001", "000031", TransactionKind.PURCHASE, "123456",
                "00", TransactionStatus.APPROVED, "3900200"))).isZero();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refundsAddUpToTheOriginalAndNeverBeyond(TestDatabase db) {
        Store store = db.open();
        long id = insert(store, row("000001", "000040", TransactionKind.PURCHASE, 1000, TransactionStatus.APPROVED, null));

        assertThat(write(store, m -> m.addRefund(id, 600))).isEqualTo(1);
        assertThat(write(store, m -> m.addRefund(id, 401))).isZero();
        assertThat(write(store, m -> m.addRefund(id, 400))).isEqualTo(1);
        assertThat(write(store, m -> m.addRefund(id, 1))).isZero();
        long declined = insert(store, row("000001", "000041", TransactionKind.PURCHASE, 1000, TransactionStatus.DECLINED, null));
        assertThat(write(store, m -> m.addRefund(declined, 1))).isZero();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void totalsCountApprovedDebitsAndCreditsOfOneBatchOnly(TestDatabase db) {
        Store store = db.open();
        BatchTotals empty = store.read(s -> s.getMapper(TransactionMapper.class).batchTotals(TID, "000001"));
        assertThat(empty).isEqualTo(new BatchTotals(0, 0, 0, 0));

        long voided = insert(store, row("000001", "000001", TransactionKind.PURCHASE, 1000, TransactionStatus.VOIDED, null));
        insert(store, row("000001", "000002", TransactionKind.PURCHASE, 2000, TransactionStatus.APPROVED, null));
        insert(store, row("000001", "000003", TransactionKind.PURCHASE, 4000, TransactionStatus.REVERSED, null));
        insert(store, row("000001", "000004", TransactionKind.PURCHASE, 8000, TransactionStatus.DECLINED, null));
        insert(store, row("000001", "000005", TransactionKind.PURCHASE, 16000, TransactionStatus.PENDING, null));
        insert(store, row("000001", "000006", TransactionKind.PURCHASE_VOID, 1000, TransactionStatus.APPROVED, voided));
        insert(store, row("000001", "000007", TransactionKind.REFUND, 300, TransactionStatus.APPROVED, null));
        insert(store, row("000001", "000008", TransactionKind.REVERSAL, 4000, TransactionStatus.APPROVED, null));
        insert(store, row("000001", "000009", TransactionKind.BALANCE_INQUIRY, 0, TransactionStatus.APPROVED, null));
        insert(store, row("000002", "000010", TransactionKind.PURCHASE, 99, TransactionStatus.APPROVED, null));

        BatchTotals totals = store.read(s -> s.getMapper(TransactionMapper.class).batchTotals(TID, "000001"));
        assertThat(totals).isEqualTo(new BatchTotals(3000, 2, 1300, 2));
        List<CapturedTransaction> counted = store.read(s -> s.getMapper(TransactionMapper.class).listCounted(TID, "000001"));
        assertThat(counted).extracting(CapturedTransaction::trace).containsExactly("000001", "000002", "000006", "000007");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void totalsCountCompletionsAsDebitsTheirVoidsAsCreditsAndPreAuthorisationsNowhere(TestDatabase db) {
        Store store = db.open();
        insert(store, row("000001", "000001", TransactionKind.PURCHASE, 1000, TransactionStatus.APPROVED, null));
        long held = insert(store, row("000001", "000002", TransactionKind.PRE_AUTH, 5000, TransactionStatus.COMPLETED, null));
        insert(store, row("000001", "000003", TransactionKind.PRE_AUTH, 7000, TransactionStatus.VOIDED, null));
        insert(store, row("000001", "000004", TransactionKind.PRE_AUTH_VOID, 7000, TransactionStatus.APPROVED, null));
        long completed = insert(store, row("000001", "000005", TransactionKind.PRE_AUTH_COMPLETION, 4500,
                TransactionStatus.VOIDED, held));
        insert(store, row("000001", "000006", TransactionKind.PRE_AUTH_COMPLETION_VOID, 4500,
                TransactionStatus.APPROVED, completed));
        insert(store, row("000001", "000007", TransactionKind.PRE_AUTH_COMPLETION, 4000, TransactionStatus.APPROVED, held));
        insert(store, row("000001", "000008", TransactionKind.PRE_AUTH_COMPLETION, 300, TransactionStatus.REVERSED, held));
        insert(store, row("000001", "000009", TransactionKind.PRE_AUTH_COMPLETION_VOID, 300, TransactionStatus.DECLINED,
                completed));

        BatchTotals totals = store.read(s -> s.getMapper(TransactionMapper.class).batchTotals(TID, "000001"));
        // debit: the purchase and both completions (the voided one too, its void is a credit); credit: that void
        assertThat(totals).isEqualTo(new BatchTotals(9500, 3, 4500, 1));
        List<CapturedTransaction> counted = store.read(s -> s.getMapper(TransactionMapper.class).listCounted(TID, "000001"));
        assertThat(counted).extracting(CapturedTransaction::trace).containsExactly("000001", "000005", "000006", "000007");
        // the longest kind name fits its column on every engine
        assertThat(find(store, "000001", "000006", TransactionKind.PRE_AUTH_COMPLETION_VOID).originalId())
                .isEqualTo(completed);
        assertThat(write(store, m -> m.changeStatus(held, TransactionStatus.COMPLETED, TransactionStatus.APPROVED)))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void advancesTheBatchOnlyFromTheSettledOne(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(TerminalMapper.class).insert(SampleRows.terminal("SN-1", TID));
            return null;
        });
        assertThat((int) store.write(s -> s.getMapper(TerminalMapper.class).advanceBatch(TID, "000007", "000008"))).isZero();
        assertThat((int) store.write(s -> s.getMapper(TerminalMapper.class).advanceBatch(TID, "000001", "000002"))).isEqualTo(1);
        assertThat(StoredRows.terminalByTid(store, TID).currentBatch()).isEqualTo("000002");
    }

    private static Settlement settlement(String trace, int result) {
        return new Settlement(null, TID, "898100012340001", "000001", trace, 3000, 2, 1300, 2, 0, 0, 0, 0, 3000, 2, 1300,
                2, result, 1, "ef".repeat(32), "4806200000000300000200000000130000210000000000000000000000000001", NOON);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void storesASettlementOncePerTrace(TestDatabase db) {
        Store store = db.open();
        Settlement given = settlement("000100", 1);
        store.write(s -> {
            s.getMapper(SettlementMapper.class).insert(given);
            return null;
        });
        Settlement stored = store.read(s -> s.getMapper(SettlementMapper.class).findByKey(TID, "000001", "000100"));
        assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(given);
        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(SettlementMapper.class).insert(settlement("000100", 2));
            return null;
        })).satisfies(e -> assertThat(Store.isDuplicateKey(e)).isTrue());
        store.write(s -> {
            s.getMapper(SettlementMapper.class).insert(settlement("000101", 2));
            return null;
        });
        List<Settlement> settlements = store.read(s -> s.getMapper(SettlementMapper.class).listForBatch(TID, "000001"));
        assertThat(settlements).extracting(Settlement::trace).containsExactly("000100", "000101");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsAnUploadedTransactionOnceAndReplacesDiscrepancies(TestDatabase db) {
        Store store = db.open();
        BatchUploadItem item = new BatchUploadItem(null, TID, "000001", "000001", "22", 1000, "622202", "1234",
                "ab".repeat(32), NOON);
        int first = store.write(s -> s.getMapper(SettlementMapper.class).insertUploadItem(item));
        int again = store.write(s -> s.getMapper(SettlementMapper.class).insertUploadItem(
                new BatchUploadItem(null, TID, "000001", "000001", "22", 999, null, null, null, NOON)));
        assertThat(first).isEqualTo(1);
        assertThat(again).isZero();
        List<BatchUploadItem> items = store.read(s -> s.getMapper(SettlementMapper.class).listUploadItems(TID, "000001"));
        assertThat(items).singleElement().usingRecursiveComparison().ignoringFields("id").isEqualTo(item);

        BatchDiscrepancy missing = new BatchDiscrepancy(null, TID, "000001", "000002", TransactionKind.PURCHASE,
                DiscrepancyReason.NOT_UPLOADED, 500L, null, NOON);
        store.write(s -> {
            s.getMapper(SettlementMapper.class).insertDiscrepancy(missing);
            return null;
        });
        assertThat(discrepancies(store)).singleElement().usingRecursiveComparison().ignoringFields("id").isEqualTo(missing);
        int deleted = store.write(s -> s.getMapper(SettlementMapper.class).deleteDiscrepancies(TID, "000001"));
        assertThat(deleted).isEqualTo(1);
        assertThat(discrepancies(store)).isEmpty();
    }

    private static List<BatchDiscrepancy> discrepancies(Store store) {
        return store.read(s -> s.getMapper(SettlementMapper.class).listDiscrepancies(TID, "000001"));
    }
}
