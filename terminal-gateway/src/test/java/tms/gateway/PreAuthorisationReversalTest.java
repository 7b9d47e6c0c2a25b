package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.gateway.Requests.PAN;

import java.nio.file.Path;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;

/** Reversals (0400) and retransmissions of the pre-authorisation family. */
class PreAuthorisationReversalTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversedPreAuthorisationCanNoLongerBeCompleted(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            ISOMsg preAuth = Requests.preAuthorisation("000501", terminal.batch(), 2000);
            ISOMsg approved = terminal.exchange(preAuth, true);
            ISOMsg answer = terminal.exchange(Requests.reversalOf(preAuth, "98"), true);

            assertThat(answer.getMTI()).isEqualTo("0410");
            assertThat(answer.getString(39)).isEqualTo("00");
            assertThat(answer.getString(3)).isEqualTo("030000");
            assertThat(answer.getString(25)).isEqualTo("06");
            CapturedTransaction original = fixture.transaction(terminal.batch(), "000501", TransactionKind.PRE_AUTH);
            CapturedTransaction reversal = fixture.transaction(terminal.batch(), "000501", TransactionKind.REVERSAL);
            assertThat(original.status()).isEqualTo(TransactionStatus.REVERSED);
            assertThat(reversal.originalId()).isEqualTo(original.id());
            assertThat(reversal.processingCode()).isEqualTo("030000");
            TransactionResult reversed = new TransactionResult("00", approved.getString(37), approved.getString(38),
                    "000501", terminal.batch(), true, null, approved.getString(13));
            assertThat(terminal.completion(reversed, 2000, PAN).responseCode()).isEqualTo("25");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversedCompletionGivesTheHoldBack(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(9000, PAN);
            TransactionResult completion = terminal.completion(preAuth, 9000, PAN);
            assertThat(terminal.reverse(completion.trace(), "98")).isEqualTo("00");

            assertThat(fixture.transaction(completion.batch(), completion.trace(), TransactionKind.PRE_AUTH_COMPLETION)
                    .status()).isEqualTo(TransactionStatus.REVERSED);
            assertThat(fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.APPROVED);
            assertThat(terminal.completion(preAuth, 9000, PAN).responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversedVoidGivesItsOriginalBack(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult released = terminal.preAuthorisation(1000, PAN);
            TransactionResult preAuthVoid = terminal.preAuthorisationVoid(released, 1000, PAN);
            assertThat(terminal.reverse(preAuthVoid.trace(), "06")).isEqualTo("00");
            assertThat(fixture.transaction(preAuthVoid.batch(), preAuthVoid.trace(), TransactionKind.PRE_AUTH_VOID)
                    .status()).isEqualTo(TransactionStatus.REVERSED);
            assertThat(fixture.transaction(released.batch(), released.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.APPROVED);

            TransactionResult preAuth = terminal.preAuthorisation(2000, PAN);
            TransactionResult completion = terminal.completion(preAuth, 1500, PAN);
            TransactionResult completionVoid = terminal.completionVoid(completion, 1500, PAN);
            assertThat(terminal.reverse(completionVoid.trace(), "A0")).isEqualTo("00");
            // the completion stands again, and holds its pre-auth again
            assertThat(fixture.transaction(completion.batch(), completion.trace(), TransactionKind.PRE_AUTH_COMPLETION)
                    .status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.COMPLETED);
            assertThat(terminal.completion(preAuth, 500, PAN).responseCode()).isEqualTo("12");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anOrphanReversalIsKeptAndARepeatGetsTheSameAnswer(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal();
             SimulatedTerminal redialled = fixture.terminal()) {
            ISOMsg neverArrived = Requests.preAuthorisation("000502", terminal.batch(), 700);
            ISOMsg first = terminal.exchange(Requests.reversalOf(neverArrived, "98"), true);
            ISOMsg again = redialled.exchange(Requests.reversalOf(neverArrived, "98"), true);

            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(12)).isEqualTo(first.getString(12));
            CapturedTransaction orphan = fixture.transaction(terminal.batch(), "000502", TransactionKind.REVERSAL);
            assertThat(orphan.status()).isEqualTo(TransactionStatus.ORPHAN);
            assertThat(fixture.capturedRows()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theSameBytesGetTheFirstAnswerAndOtherBytes94(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal();
             SimulatedTerminal redialled = fixture.terminal()) {
            String batch = terminal.batch();
            ISOMsg preAuth = terminal.exchange(Requests.preAuthorisation("000601", batch, 4000), true);
            ISOMsg preAuthAgain = redialled.exchange(Requests.preAuthorisation("000601", batch, 4000), true);
            ISOMsg preAuthAltered = redialled.exchange(Requests.preAuthorisation("000601", batch, 4001), true);

            assertThat(preAuthAgain.getMTI()).isEqualTo("0110");
            assertThat(preAuthAgain.getString(39)).isEqualTo("00");
            assertThat(preAuthAgain.getString(37)).isEqualTo(preAuth.getString(37));
            assertThat(preAuthAgain.getString(38)).isEqualTo(preAuth.getString(38));
            assertThat(preAuthAltered.getString(39)).isEqualTo("94");

            TransactionResult held = new TransactionResult("00", preAuth.getString(37), preAuth.getString(38),
                    "000601", batch, true, null, preAuth.getString(13));
            ISOMsg completion = terminal.exchange(Requests.completionOf(held, "000602", batch, 3000), true);
            // the second copy finds the pre-auth COMPLETED by the first, and still gets the first's answer
            ISOMsg completionAgain = redialled.exchange(Requests.completionOf(held, "000602", batch, 3000), true);
            ISOMsg completionAltered = redialled.exchange(Requests.completionOf(held, "000602", batch, 2999), true);

            assertThat(completion.getString(39)).isEqualTo("00");
            assertThat(completionAgain.getString(39)).isEqualTo("00");
            assertThat(completionAgain.getString(37)).isEqualTo(completion.getString(37));
            assertThat(completionAgain.getString(38)).isEqualTo(completion.getString(38));
            assertThat(completionAltered.getString(39)).isEqualTo("94");
            assertThat(fixture.capturedRows()).isEqualTo(2);
            assertThat(fixture.transaction(batch, "000602", TransactionKind.PRE_AUTH_COMPLETION).amount())
                    .isEqualTo(3000);
        }
    }
}
