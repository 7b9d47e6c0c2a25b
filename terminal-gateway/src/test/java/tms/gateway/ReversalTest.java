package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.gateway.Requests.PAN;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

class ReversalTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversedPurchaseIsMarkedReversedBesideTheReversalsRow(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(1500, PAN);
            assertThat(terminal.reverse(purchase.trace(), "98")).isEqualTo("00");

            CapturedTransaction original = fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.PURCHASE);
            CapturedTransaction reversal = fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.REVERSAL);
            assertThat(original.status()).isEqualTo(TransactionStatus.REVERSED);
            assertThat(reversal.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(reversal.originalId()).isEqualTo(original.id());
            assertThat(reversal.reasonCode()).isEqualTo("98");
            assertThat(reversal.mti()).isEqualTo("0400");
            assertThat(reversal.amount()).isEqualTo(1500);
            assertThat(reversal.panLast4()).isEqualTo("7890");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversalOfAnOriginalTheHostNeverSawIsAnOrphanAnswered00(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            ISOMsg neverArrived = PurchaseTest.purchase("000901", terminal.batch(), 700, null);
            ISOMsg answer = terminal.exchange(Requests.reversalOf(neverArrived, "98"), true);

            assertThat(answer.getMTI()).isEqualTo("0410");
            assertThat(answer.getString(39)).isEqualTo("00");
            assertThat(answer.hasField(64)).isTrue();
            CapturedTransaction orphan = fixture.transaction(terminal.batch(), "000901", TransactionKind.REVERSAL);
            assertThat(orphan.status()).isEqualTo(TransactionStatus.ORPHAN);
            assertThat(orphan.originalId()).isNull();
            assertThat(fixture.capturedRows()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRepeatedReversalGetsTheSameAnswerAndWritesNothing(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal();
             SimulatedTerminal redialled = fixture.terminal()) {
            ISOMsg purchase = PurchaseTest.purchase("000902", terminal.batch(), 900, null);
            assertThat(terminal.exchange(purchase, true).getString(39)).isEqualTo("00");
            ISOMsg first = terminal.exchange(Requests.reversalOf(purchase, "98"), true);
            ISOMsg again = redialled.exchange(Requests.reversalOf(purchase, "98"), true);

            assertThat(first.getString(39)).isEqualTo("00");
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(12)).isEqualTo(first.getString(12));
            assertThat(fixture.capturedRows()).isEqualTo(2);
            assertThat(fixture.transaction(terminal.batch(), "000902", TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.REVERSED);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversedVoidGivesThePurchaseBack(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(400, PAN);
            TransactionResult voided = terminal.purchaseVoid(purchase, 400, PAN);
            assertThat(terminal.reverse(voided.trace(), "06")).isEqualTo("00");

            assertThat(fixture.transaction(voided.batch(), voided.trace(), TransactionKind.PURCHASE_VOID).status())
                    .isEqualTo(TransactionStatus.REVERSED);
            assertThat(fixture.transaction(purchase.batch(), purchase.trace(), TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.APPROVED);
            // and it can be voided again
            assertThat(terminal.purchaseVoid(purchase, 400, PAN).responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversalWhileThePlatformStillDecidesReversesThePendingPurchase(TestDatabase db) throws Exception {
        StandInPlatform standIn = new StandInPlatform(StandInRules.defaults());
        PaymentPlatform slow = request -> {
            try {
                Thread.sleep(800);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return standIn.authorise(request);
        };
        ExecutorService timedOut = Executors.newSingleThreadExecutor();
        try (GatewayFixture fixture = new GatewayFixture(db, temp, GatewayConfig.defaults(), slow);
             SimulatedTerminal terminal = fixture.signedInTerminal();
             SimulatedTerminal redialled = fixture.terminal()) {
            ISOMsg purchase = PurchaseTest.purchase("000903", terminal.batch(), 100, null);
            Future<String> late = timedOut.submit(() -> terminal.exchange(purchase, true).getString(39));
            Thread.sleep(200); // the purchase is PENDING with the platform now; the terminal gives up on it
            ISOMsg reversal = redialled.exchange(Requests.reversalOf(purchase, "98"), true);

            assertThat(reversal.getString(39)).isEqualTo("00");
            // the decision finds its row reversed: never an approval for what the terminal took back
            assertThat(late.get(10, TimeUnit.SECONDS)).isEqualTo("96");
            assertThat(fixture.transaction(terminal.batch(), "000903", TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.REVERSED);
            assertThat(fixture.transaction(terminal.batch(), "000903", TransactionKind.REVERSAL).status())
                    .isEqualTo(TransactionStatus.APPROVED);
        } finally {
            timedOut.shutdownNow();
        }
    }
}
