package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.gateway.Requests.PAN;

import java.nio.file.Path;
import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.iso8583.Field60;
import tms.iso8583.SettlementTotals;
import tms.simulator.JournalEntry;
import tms.simulator.SettlementResult;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.BatchDiscrepancy;
import tms.store.DiscrepancyReason;
import tms.store.Settlement;
import tms.store.SettlementMapper;
import tms.store.TerminalMapper;
import tms.store.TransactionKind;
import tms.store.testing.TestDatabase;

class SettlementTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aBatchThatAgreesIsBalancedStoredAndTheTerminalMovesToTheNextBatch(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            TransactionResult first = terminal.purchase(1000, PAN);
            TransactionResult second = terminal.purchase(2000, PAN);
            terminal.purchaseVoid(second, 2000, PAN);
            terminal.refund(first, 300, PAN);
            TransactionResult reversed = terminal.purchase(4000, PAN);
            terminal.reverse(reversed.trace(), "98");
            terminal.purchase(8000, "6212261234560051"); // declined: counts nowhere

            SettlementResult result = terminal.settle();

            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(result.balanced()).isTrue();
            // debit: both purchases (the voided one too, its void is a credit); credit: the void and the refund
            assertThat(result.answered()).isEqualTo(new SettlementTotals(3000, 2, 2300, 2, 1, 0, 0, 0, 0, 1));
            Settlement stored = settlements(fixture, batch).get(0);
            assertThat(stored.hostDebitAmount()).isEqualTo(3000);
            assertThat(stored.hostCreditCount()).isEqualTo(2);
            assertThat(stored.terminalCreditAmount()).isEqualTo(2300);
            assertThat(stored.domesticResult()).isEqualTo(1);
            String next = SignInHandler.nextBatch(batch);
            assertThat(terminal.batch()).isEqualTo(next);
            assertThat(currentBatch(fixture)).isEqualTo(next);
            // the next batch starts empty and is captured under its own number
            TransactionResult after = terminal.purchase(100, PAN);
            assertThat(after.batch()).isEqualTo(next);
            assertThat(fixture.transaction(next, after.trace(), TransactionKind.PURCHASE)).isNotNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void completionsAreDebitsTheirVoidsCreditsAndPreAuthorisationsCountNowhere(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            terminal.purchase(1000, PAN);
            TransactionResult held = terminal.preAuthorisation(50_000, PAN);
            TransactionResult released = terminal.preAuthorisation(7000, PAN);
            terminal.preAuthorisationVoid(released, 7000, PAN);
            TransactionResult completion = terminal.completion(held, 45_000, PAN);
            terminal.completionVoid(completion, 45_000, PAN);
            TransactionResult again = terminal.completion(held, 40_000, PAN);
            assertThat(again.responseCode()).isEqualTo("00");
            TransactionResult reversedHold = terminal.preAuthorisation(3000, PAN);
            TransactionResult reversed = terminal.completion(reversedHold, 3000, PAN);
            terminal.reverse(reversed.trace(), "98");

            SettlementResult result = terminal.settle();

            // debit: the purchase and both completions (the voided one too, its void is a credit); credit: that void
            assertThat(result.balanced()).isTrue();
            assertThat(result.answered()).isEqualTo(new SettlementTotals(86_000, 3, 45_000, 1, 1, 0, 0, 0, 0, 1));
            Settlement stored = settlements(fixture, batch).get(0);
            assertThat(stored.hostDebitAmount()).isEqualTo(86_000);
            assertThat(stored.hostDebitCount()).isEqualTo(3);
            assertThat(stored.hostCreditAmount()).isEqualTo(45_000);
            assertThat(stored.hostCreditCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anUploadReconcilesCompletionsAndRefusesPreAuthorisations(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            TransactionResult held = terminal.preAuthorisation(5000, PAN);
            TransactionResult completion = terminal.completion(held, 5000, PAN);
            TransactionResult completionVoid = terminal.completionVoid(completion, 5000, PAN);
            TransactionResult differs = terminal.completion(held, 4000, PAN);
            terminal.journal().set(2, new JournalEntry("20", differs.trace(), PAN, 4100));
            assertThat(terminal.settle().balanced()).isFalse();

            ISOMsg preAuthUpload = new ISOMsg();
            preAuthUpload.setMTI("0320");
            preAuthUpload.set(11, "000778");
            preAuthUpload.set(41, GatewayFixture.TID);
            preAuthUpload.set(42, GatewayFixture.MID);
            preAuthUpload.set(48, new tms.iso8583.BatchUploadDetails(List.of(new tms.iso8583.BatchUploadDetails.Entry(
                    "10", held.trace(), PAN, 5000))).format());
            preAuthUpload.set(60, Field60.of("00", batch, "201").format());
            assertThat(terminal.exchange(preAuthUpload, true).getString(39)).isEqualTo("12");
            assertThat(terminal.uploadBatch()).containsExactly("00", "00");

            // the completion and its void agree; only the amount the terminal got wrong is a discrepancy
            assertThat(discrepancies(fixture, batch))
                    .extracting(BatchDiscrepancy::trace, BatchDiscrepancy::kind, BatchDiscrepancy::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(differs.trace(),
                            TransactionKind.PRE_AUTH_COMPLETION, DiscrepancyReason.AMOUNT_DIFFERS));
            assertThat(completionVoid.responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anUnbalancedBatchIsUploadedAndEveryDifferenceRecorded(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            TransactionResult differs = terminal.purchase(1000, PAN);
            TransactionResult forgotten = terminal.purchase(500, PAN);
            TransactionResult agrees = terminal.purchase(200, PAN);
            List<JournalEntry> journal = terminal.journal();
            journal.set(0, new JournalEntry("22", differs.trace(), PAN, 1100));
            journal.removeIf(e -> e.trace().equals(forgotten.trace()));
            journal.add(new JournalEntry("25", "000999", PAN, 700));

            SettlementResult result = terminal.settle();
            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(result.balanced()).isFalse();
            assertThat(result.answered().domesticResult()).isEqualTo(SettlementTotals.UNBALANCED);
            assertThat(terminal.uploadBatch()).containsExactly("00", "00");

            assertThat(discrepancies(fixture, batch))
                    .extracting(BatchDiscrepancy::trace, BatchDiscrepancy::kind, BatchDiscrepancy::reason,
                            BatchDiscrepancy::hostAmount, BatchDiscrepancy::terminalAmount)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(differs.trace(), TransactionKind.PURCHASE,
                                    DiscrepancyReason.AMOUNT_DIFFERS, 1000L, 1100L),
                            org.assertj.core.groups.Tuple.tuple(forgotten.trace(), TransactionKind.PURCHASE,
                                    DiscrepancyReason.NOT_UPLOADED, 500L, null),
                            org.assertj.core.groups.Tuple.tuple("000999", TransactionKind.REFUND,
                                    DiscrepancyReason.MISSING_AT_HOST, null, 700L));
            assertThat(discrepancies(fixture, batch)).extracting(BatchDiscrepancy::trace).doesNotContain(agrees.trace());
            assertThat(settlements(fixture, batch).get(0).domesticResult()).isEqualTo(SettlementTotals.UNBALANCED);
            assertThat(terminal.batch()).isEqualTo(SignInHandler.nextBatch(batch));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anUploadOfMoreThanSevenTakesSeveralMessagesAndARepeatAddsNothing(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            for (int i = 1; i <= 8; i++) {
                terminal.journal().add(new JournalEntry("22", String.format("%06d", 500 + i), PAN, i));
            }
            assertThat(terminal.settle().balanced()).isFalse();
            // the end message is sent twice (its answer was lost): the same discrepancies, not twice as many
            ISOMsg end = new ISOMsg();
            end.setMTI("0320");
            end.set(11, "000777");
            end.set(41, GatewayFixture.TID);
            end.set(42, GatewayFixture.MID);
            end.set(60, Field60.of("00", batch, "202").format());
            assertThat(terminal.uploadBatch()).containsExactly("00", "00", "00");
            assertThat(terminal.exchange(end, true).getString(39)).isEqualTo("00");

            assertThat(discrepancies(fixture, batch)).hasSize(8)
                    .allMatch(d -> d.reason() == DiscrepancyReason.MISSING_AT_HOST);
            List<tms.store.BatchUploadItem> items = fixture.store().read(s -> s.getMapper(SettlementMapper.class)
                    .listUploadItems(GatewayFixture.TID, batch));
            assertThat(items).hasSize(8).allMatch(item -> "621226".equals(item.panFirst6())
                    && "7890".equals(item.panLast4()) && item.panHash().equals(fixture.hostHsm().panHash(PAN)));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRetransmittedSettlementGetsTheSameAnswerAndADifferentOne94(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal();
             SimulatedTerminal redialled = fixture.terminal()) {
            String batch = terminal.batch();
            terminal.purchase(1000, PAN);
            ISOMsg first = terminal.exchange(settlement(batch, "000000001000001"), true);
            ISOMsg again = redialled.exchange(settlement(batch, "000000001000001"), true);
            ISOMsg other = redialled.exchange(settlement(batch, "000000002000001"), true);

            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(first.getString(48)).startsWith("000000001000001" + "000000000000000" + "1");
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(48)).isEqualTo(first.getString(48));
            assertThat(other.getString(39)).isEqualTo("94");
            assertThat(settlements(fixture, batch)).hasSize(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void malformedTotalsOrAForeignCurrencyAre12AndNothingIsStored(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            ISOMsg shortTotals = settlement(batch, "000001000000001");
            shortTotals.set(48, shortTotals.getString(48).substring(1));
            ISOMsg dollars = settlement(batch, "000001000000001");
            dollars.set(49, "840");
            assertThat(terminal.exchange(shortTotals, true).getString(39)).isEqualTo("12");
            assertThat(terminal.exchange(dollars, true).getString(39)).isEqualTo("12");
            assertThat(settlements(fixture, batch)).isEmpty();
            assertThat(currentBatch(fixture)).isEqualTo(batch);
        }
    }

    /** A 0500 with trace 000990 whose domestic debit is the given 15 digits (amount n12 + count n3). */
    private static ISOMsg settlement(String batch, String debitAndCount) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0500");
        m.set(11, "000990");
        m.set(41, GatewayFixture.TID);
        m.set(42, GatewayFixture.MID);
        m.set(48, debitAndCount.substring(0, 12) + debitAndCount.substring(12) + "000000000000000" + "0"
                + "000000000000000" + "000000000000000" + "0");
        m.set(49, "156");
        m.set(60, Field60.of("00", batch, "201").format());
        return m;
    }

    private static List<Settlement> settlements(GatewayFixture fixture, String batch) {
        return fixture.store().read(s -> s.getMapper(SettlementMapper.class).listForBatch(GatewayFixture.TID, batch));
    }

    private static List<BatchDiscrepancy> discrepancies(GatewayFixture fixture, String batch) {
        return fixture.store().read(s -> s.getMapper(SettlementMapper.class).listDiscrepancies(GatewayFixture.TID, batch));
    }

    private static String currentBatch(GatewayFixture fixture) {
        return fixture.store().read(s -> s.getMapper(TerminalMapper.class).findByTid(GatewayFixture.TID)).currentBatch();
    }
}
