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

class VoidTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anApprovedVoidMarksThePurchaseVoidedAndIsCapturedBesideIt(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(1234, PAN);
            TransactionResult voided = terminal.purchaseVoid(purchase, 1234, PAN);

            assertThat(voided.responseCode()).isEqualTo("00");
            assertThat(voided.responseMacVerified()).isTrue();
            assertThat(voided.rrn()).matches("\\d{12}").isNotEqualTo(purchase.rrn());
            assertThat(voided.authCode()).matches("\\d{6}");
            CapturedTransaction original = fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.PURCHASE);
            CapturedTransaction row = fixture.transaction(voided.batch(), voided.trace(), TransactionKind.PURCHASE_VOID);
            assertThat(original.status()).isEqualTo(TransactionStatus.VOIDED);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.originalId()).isEqualTo(original.id());
            assertThat(row.amount()).isEqualTo(1234);
            assertThat(row.processingCode()).isEqualTo("200000");
            assertThat(row.panFirst6()).isEqualTo("621226");
            assertThat(row.panLast4()).isEqualTo("7890");
            assertThat(row.panHash()).isEqualTo(original.panHash());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anUnknownOriginalIs25AndNothingIsStored(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(500, PAN);
            TransactionResult neverSeen = new TransactionResult("00", "000000999999", "123456", "000900",
                    terminal.batch(), true, null);
            TransactionResult wrongRrn = new TransactionResult("00", "000000999999", "123456", purchase.trace(),
                    purchase.batch(), true, null);

            assertThat(terminal.purchaseVoid(neverSeen, 500, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.purchaseVoid(wrongRrn, 500, PAN).responseCode()).isEqualTo("25");
            assertThat(terminal.purchaseVoid(purchase, 500, "6212269999999999").responseCode()).isEqualTo("25");
            assertThat(fixture.capturedRows()).isEqualTo(1);
            assertThat(fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.APPROVED);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anAlreadyVoidedOriginalIs12AndAnotherAmountIs64(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(800, PAN);
            assertThat(terminal.purchaseVoid(purchase, 799, PAN).responseCode()).isEqualTo("64");
            assertThat(terminal.purchaseVoid(purchase, 800, PAN).responseCode()).isEqualTo("00");
            assertThat(terminal.purchaseVoid(purchase, 800, PAN).responseCode()).isEqualTo("12");
            // the purchase and one void: refusals before the platform store nothing
            assertThat(fixture.capturedRows()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aDeclinedOrReversedPurchaseCannotBeVoided(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult declined = terminal.purchase(100, "6212261234560051");
            assertThat(declined.responseCode()).isEqualTo("51");
            assertThat(terminal.purchaseVoid(declined, 100, "6212261234560051").responseCode()).isEqualTo("25");
            TransactionResult reversed = terminal.purchase(100, PAN);
            assertThat(terminal.reverse(reversed.trace(), "98")).isEqualTo("00");
            assertThat(terminal.purchaseVoid(reversed, 100, PAN).responseCode()).isEqualTo("25");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRetransmittedVoidGetsTheSameAnswerAndVoidsOnce(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal();
             SimulatedTerminal secondConnection = fixture.terminal()) {
            TransactionResult purchase = terminal.purchase(300, PAN);
            ISOMsg first = terminal.exchange(Requests.voidOf(purchase, "000700", 300), true);
            ISOMsg again = secondConnection.exchange(Requests.voidOf(purchase, "000700", 300), true);

            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(37)).isEqualTo(first.getString(37));
            assertThat(again.getString(38)).isEqualTo(first.getString(38));
            assertThat(fixture.capturedRows()).isEqualTo(2);
        }
    }
}
