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

/** Pre-auth completion (0200, 60.1 = 20) and its void (0200, 60.1 = 21) over a real socket. */
class CompletionTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aCompletionForLessThanTheHoldIsApprovedAndTakesThePreAuthorisation(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(10_000, PAN);
            assertThat(preAuth.date()).matches("\\d{4}");
            ISOMsg answer = terminal.exchange(Requests.completionOf(preAuth, "000401", terminal.batch(), 8800), true);

            assertThat(answer.getMTI()).isEqualTo("0210");
            assertThat(answer.getString(39)).isEqualTo("00");
            assertThat(answer.getString(25)).isEqualTo("06");
            assertThat(answer.getString(37)).matches("\\d{12}").isNotEqualTo(preAuth.rrn());
            assertThat(answer.getString(38)).matches("\\d{6}");
            assertThat(answer.getString(61)).isEqualTo(preAuth.batch() + preAuth.trace() + preAuth.date());
            CapturedTransaction held = fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH);
            CapturedTransaction row = fixture.transaction(terminal.batch(), "000401", TransactionKind.PRE_AUTH_COMPLETION);
            assertThat(held.status()).isEqualTo(TransactionStatus.COMPLETED);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.originalId()).isEqualTo(held.id());
            assertThat(row.amount()).isEqualTo(8800);
            assertThat(row.processingCode()).isEqualTo("000000");
            assertThat(row.rrn()).isEqualTo(answer.getString(37));
            // completed once: a second completion, even for what is left, is refused
            assertThat(terminal.completion(preAuth, 1200, PAN).responseCode()).isEqualTo("12");
            assertThat(fixture.capturedRows()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aCompletionAboveTheHoldIs61AndOneForTheWholeHoldIsApproved(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(5000, PAN);

            assertThat(terminal.completion(preAuth, 5001, PAN).responseCode()).isEqualTo("61");
            assertThat(fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.APPROVED);
            assertThat(terminal.completion(preAuth, 5000, PAN).responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aCompletionOfAnUnknownPreAuthorisationIs25(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(4000, PAN);
            TransactionResult purchase = terminal.purchase(4000, PAN);
            TransactionResult declined = terminal.preAuthorisation(4000, "6212261234560051");
            TransactionResult neverSeen = new TransactionResult("00", null, preAuth.authCode(), "000900",
                    preAuth.batch(), true, null, preAuth.date());
            TransactionResult wrongAuthCode = new TransactionResult("00", null, "999999", preAuth.trace(),
                    preAuth.batch(), true, null, preAuth.date());
            TransactionResult declinedWithACode = new TransactionResult("00", null, "123456", declined.trace(),
                    declined.batch(), true, null, declined.date());

            assertThat(terminal.completion(neverSeen, 4000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.completion(wrongAuthCode, 4000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.completion(preAuth, 4000, "6212269999999999").responseCode()).isEqualTo("25");
            assertThat(terminal.completion(purchase, 4000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.completion(declinedWithACode, 4000, "6212261234560051").responseCode()).isEqualTo("25");
            ISOMsg withoutField61 = Requests.completionOf(preAuth, "000402", terminal.batch(), 4000);
            withoutField61.unset(61);
            assertThat(terminal.exchange(withoutField61, true).getString(39)).isEqualTo("12");
            assertThat(fixture.capturedRows()).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aPreAuthorisationOfAnEarlierBatchIsCompletedInTheCurrentOne(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(7000, PAN);
            assertThat(terminal.settle().balanced()).isTrue();
            assertThat(terminal.batch()).isNotEqualTo(preAuth.batch());

            TransactionResult completion = terminal.completion(preAuth, 7000, PAN);
            assertThat(completion.responseCode()).isEqualTo("00");
            assertThat(fixture.transaction(terminal.batch(), completion.trace(), TransactionKind.PRE_AUTH_COMPLETION))
                    .isNotNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aVoidedCompletionGivesTheHoldBackForAnotherCompletion(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(6000, PAN);
            TransactionResult completion = terminal.completion(preAuth, 6000, PAN);
            TransactionResult voided = terminal.completionVoid(completion, 6000, PAN);

            assertThat(voided.responseCode()).isEqualTo("00");
            assertThat(voided.rrn()).matches("\\d{12}").isNotEqualTo(completion.rrn());
            CapturedTransaction completed = fixture.transaction(completion.batch(), completion.trace(),
                    TransactionKind.PRE_AUTH_COMPLETION);
            CapturedTransaction row = fixture.transaction(voided.batch(), voided.trace(),
                    TransactionKind.PRE_AUTH_COMPLETION_VOID);
            assertThat(completed.status()).isEqualTo(TransactionStatus.VOIDED);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.originalId()).isEqualTo(completed.id());
            assertThat(row.processingCode()).isEqualTo("200000");
            assertThat(fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.APPROVED);
            assertThat(terminal.completionVoid(completion, 6000, PAN).responseCode()).isEqualTo("12");
            assertThat(terminal.completion(preAuth, 5500, PAN).responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aCompletionVoidNamingNoCompletionOfTheHostIs25AndAnotherAmount64(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(3000, PAN);
            TransactionResult completion = terminal.completion(preAuth, 2500, PAN);
            TransactionResult neverSeen = new TransactionResult("00", completion.rrn(), completion.authCode(), "000900",
                    completion.batch(), true, null);
            TransactionResult wrongRrn = new TransactionResult("00", "000000999999", completion.authCode(),
                    completion.trace(), completion.batch(), true, null);

            assertThat(terminal.completionVoid(neverSeen, 2500, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.completionVoid(wrongRrn, 2500, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.completionVoid(completion, 2500, "6212269999999999").responseCode()).isEqualTo("25");
            // the pre-auth is not a completion
            assertThat(terminal.completionVoid(preAuth, 3000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.completionVoid(completion, 2499, PAN).responseCode()).isEqualTo("64");
            assertThat(terminal.completionVoid(completion, 3000, PAN).responseCode()).isEqualTo("64");
            assertThat(fixture.capturedRows()).isEqualTo(2);
            assertThat(fixture.transaction(completion.batch(), completion.trace(), TransactionKind.PRE_AUTH_COMPLETION)
                    .status()).isEqualTo(TransactionStatus.APPROVED);
        }
    }
}
