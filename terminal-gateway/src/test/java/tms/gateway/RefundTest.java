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

class RefundTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refundsAreApprovedUntilTheyAddUpToTheOriginalAndNeverBeyond(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(1000, PAN);

            assertThat(terminal.refund(purchase, 1001, PAN).responseCode()).isEqualTo("64");
            TransactionResult part = terminal.refund(purchase, 600, PAN);
            assertThat(part.responseCode()).isEqualTo("00");
            assertThat(part.responseMacVerified()).isTrue();
            assertThat(terminal.refund(purchase, 401, PAN).responseCode()).isEqualTo("64");
            assertThat(terminal.refund(purchase, 400, PAN).responseCode()).isEqualTo("00");
            assertThat(terminal.refund(purchase, 1, PAN).responseCode()).isEqualTo("64");

            CapturedTransaction row = fixture.transaction(part.batch(), part.trace(), TransactionKind.REFUND);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.mti()).isEqualTo("0220");
            assertThat(row.amount()).isEqualTo(600);
            assertThat(row.originalId()).isEqualTo(
                    fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.PURCHASE).id());
            // the purchase stays approved: a refund is money back, not an undone purchase
            assertThat(fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.APPROVED);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theAnswerIsA0230AndARetransmissionGetsItAgain(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(1000, PAN);
            ISOMsg first = terminal.exchange(Requests.refundOf(purchase, "000800", 1000), true);
            ISOMsg again = terminal.exchange(Requests.refundOf(purchase, "000800", 1000), true);
            ISOMsg changed = terminal.exchange(Requests.refundOf(purchase, "000800", 999), true);

            assertThat(first.getMTI()).isEqualTo("0230");
            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(37)).isEqualTo(first.getString(37));
            assertThat(changed.getString(39)).isEqualTo("94");
            assertThat(fixture.capturedRows()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theRefundOfAnUnknownOrVoidedPurchaseIsRefused(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult unknown = new TransactionResult("00", "000000999999", "123456", "000900",
                    terminal.batch(), true, null);
            assertThat(terminal.refund(unknown, 100, PAN).responseCode()).isEqualTo("25");
            TransactionResult purchase = terminal.purchase(100, PAN);
            assertThat(terminal.purchaseVoid(purchase, 100, PAN).responseCode()).isEqualTo("00");
            assertThat(terminal.refund(purchase, 100, PAN).responseCode()).isEqualTo("12");
            assertThat(fixture.capturedRows()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void thePlatformsLimitRefusesWith61AndNothingIsCountedAgainstTheOriginal(TestDatabase db) throws Exception {
        StandInPlatform standIn = new StandInPlatform(StandInRules.defaults());
        // a platform whose refund limit is lower than the purchase
        PaymentPlatform platform = request -> request.kind() == TransactionKind.REFUND && request.amount() > 300
                ? PlatformDecision.decline("61") : standIn.authorise(request);
        try (GatewayFixture fixture = new GatewayFixture(db, temp, GatewayConfig.defaults(), platform);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(1000, PAN);
            TransactionResult refused = terminal.refund(purchase, 301, PAN);
            assertThat(refused.responseCode()).isEqualTo("61");
            assertThat(fixture.transaction(refused.batch(), refused.trace(), TransactionKind.REFUND).status())
                    .isEqualTo(TransactionStatus.DECLINED);
            // the declined refund took nothing from what may still be refunded
            for (int i = 0; i < 3; i++) {
                assertThat(terminal.refund(purchase, 300, PAN).responseCode()).isEqualTo("00");
            }
            assertThat(terminal.refund(purchase, 101, PAN).responseCode()).isEqualTo("64");
            assertThat(terminal.refund(purchase, 100, PAN).responseCode()).isEqualTo("00");
        }
    }
}
