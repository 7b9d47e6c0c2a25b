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

/** Pre-authorisation (0100, 60.1 = 10) and its void (0100, 60.1 = 11) over a real socket. */
class PreAuthorisationTest {

    private static final String OTHER_PAN = "6212269999999999";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aPreAuthorisationIsAnswered0110WithAuthCodeAndRrnAndCapturedAsOne(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            ISOMsg answer = terminal.exchange(Requests.preAuthorisation("000301", terminal.batch(), 50_000), true);

            assertThat(answer.getMTI()).isEqualTo("0110");
            assertThat(answer.getString(39)).isEqualTo("00");
            assertThat(answer.getString(3)).isEqualTo("030000");
            assertThat(answer.getString(25)).isEqualTo("06");
            assertThat(answer.getString(37)).matches("\\d{12}");
            assertThat(answer.getString(38)).matches("\\d{6}");
            assertThat(answer.getString(13)).matches("\\d{4}");
            assertThat(answer.hasField(64)).isTrue();
            CapturedTransaction row = fixture.transaction(terminal.batch(), "000301", TransactionKind.PRE_AUTH);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.mti()).isEqualTo("0100");
            assertThat(row.processingCode()).isEqualTo("030000");
            assertThat(row.amount()).isEqualTo(50_000);
            assertThat(row.rrn()).isEqualTo(answer.getString(37));
            assertThat(row.authCode()).isEqualTo(answer.getString(38));
            assertThat(row.panLast4()).isEqualTo("7890");
            // a purchase with the same trace is another transaction
            assertThat(fixture.transaction(terminal.batch(), "000301", TransactionKind.PURCHASE)).isNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void thePlatformDeclinesPreAuthorisationsByItsRulesAndTheDeclineIsCaptured(TestDatabase db) throws Exception {
        GatewayConfig config = GatewayConfig.defaults().withStandInRules(StandInRules.defaults().withAmountLimit(10_000));
        try (GatewayFixture fixture = new GatewayFixture(db, temp, config);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult overLimit = terminal.preAuthorisation(10_001, PAN);
            TransactionResult insufficient = terminal.preAuthorisation(100, "6212261234560051");
            ISOMsg zero = Requests.preAuthorisation("000302", terminal.batch(), 0);

            assertThat(overLimit.responseCode()).isEqualTo("61");
            assertThat(overLimit.authCode()).isNull();
            assertThat(insufficient.responseCode()).isEqualTo("51");
            assertThat(terminal.exchange(zero, true).getString(39)).isEqualTo("13");
            assertThat(fixture.transaction(terminal.batch(), overLimit.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.DECLINED);
            assertThat(fixture.capturedRows()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anApprovedVoidReleasesThePreAuthorisation(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(3000, PAN);
            TransactionResult voided = terminal.preAuthorisationVoid(preAuth, 3000, PAN);

            assertThat(voided.responseCode()).isEqualTo("00");
            assertThat(voided.responseMacVerified()).isTrue();
            assertThat(voided.rrn()).matches("\\d{12}").isNotEqualTo(preAuth.rrn());
            assertThat(voided.authCode()).matches("\\d{6}");
            CapturedTransaction original = fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH);
            CapturedTransaction row = fixture.transaction(voided.batch(), voided.trace(), TransactionKind.PRE_AUTH_VOID);
            assertThat(original.status()).isEqualTo(TransactionStatus.VOIDED);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.originalId()).isEqualTo(original.id());
            assertThat(row.mti()).isEqualTo("0100");
            assertThat(row.processingCode()).isEqualTo("200000");
            // a released hold can be neither voided again nor completed
            assertThat(terminal.preAuthorisationVoid(preAuth, 3000, PAN).responseCode()).isEqualTo("12");
            assertThat(terminal.completion(preAuth, 3000, PAN).responseCode()).isEqualTo("12");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aVoidNamingNoPreAuthorisationOfTheHostIs25AndAnotherAmount64(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult preAuth = terminal.preAuthorisation(2000, PAN);
            TransactionResult purchase = terminal.purchase(2000, PAN);
            TransactionResult neverSeen = new TransactionResult("00", preAuth.rrn(), preAuth.authCode(), "000900",
                    preAuth.batch(), true, null);
            TransactionResult wrongRrn = new TransactionResult("00", "000000999999", preAuth.authCode(),
                    preAuth.trace(), preAuth.batch(), true, null);
            TransactionResult wrongAuthCode = new TransactionResult("00", preAuth.rrn(), "999999", preAuth.trace(),
                    preAuth.batch(), true, null);

            assertThat(terminal.preAuthorisationVoid(neverSeen, 2000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.preAuthorisationVoid(wrongRrn, 2000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.preAuthorisationVoid(wrongAuthCode, 2000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.preAuthorisationVoid(preAuth, 2000, OTHER_PAN).responseCode()).isEqualTo("25");
            // a purchase is not a pre-authorisation, whatever its trace and references
            assertThat(terminal.preAuthorisationVoid(purchase, 2000, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.preAuthorisationVoid(preAuth, 1999, PAN).responseCode()).isEqualTo("64");
            assertThat(terminal.preAuthorisationVoid(preAuth, 2001, PAN).responseCode()).isEqualTo("64");
            // the pre-auth and the purchase: refusals before the platform store nothing
            assertThat(fixture.capturedRows()).isEqualTo(2);
            assertThat(fixture.transaction(preAuth.batch(), preAuth.trace(), TransactionKind.PRE_AUTH).status())
                    .isEqualTo(TransactionStatus.APPROVED);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aDeclinedOrCompletedPreAuthorisationCannotBeVoided(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult declined = terminal.preAuthorisation(100, "6212261234560051");
            TransactionResult forged = new TransactionResult("00", declined.rrn(), "123456", declined.trace(),
                    declined.batch(), true, null);
            assertThat(terminal.preAuthorisationVoid(forged, 100, "6212261234560051").responseCode()).isEqualTo("25");

            TransactionResult preAuth = terminal.preAuthorisation(1000, PAN);
            assertThat(terminal.completion(preAuth, 1000, PAN).responseCode()).isEqualTo("00");
            // the completion must be voided first
            assertThat(terminal.preAuthorisationVoid(preAuth, 1000, PAN).responseCode()).isEqualTo("12");
        }
    }
}
