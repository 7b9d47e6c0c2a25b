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
import tms.store.testing.TestDatabase;

/** A void, refund or reversal with a zero amount is 13, with a currency other than 156 is 12; nothing is stored. */
class CaptureValidationTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void zeroAmountsAre13AndForeignCurrenciesAre12(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(500, PAN);
            ISOMsg original = PurchaseTest.purchase(purchase.trace(), purchase.batch(), 500, null);

            assertThat(code(terminal, Requests.voidOf(purchase, "000601", 0))).isEqualTo("13");
            assertThat(code(terminal, inDollars(Requests.voidOf(purchase, "000602", 500)))).isEqualTo("12");
            assertThat(code(terminal, Requests.refundOf(purchase, "000603", 0))).isEqualTo("13");
            assertThat(code(terminal, inDollars(Requests.refundOf(purchase, "000604", 500)))).isEqualTo("12");
            ISOMsg zeroReversal = Requests.reversalOf(original, "98");
            zeroReversal.set(4, "000000000000");
            assertThat(code(terminal, zeroReversal)).isEqualTo("13");
            assertThat(code(terminal, inDollars(Requests.reversalOf(original, "98")))).isEqualTo("12");
            ISOMsg noOriginalData = Requests.voidOf(purchase, "000605", 500);
            noOriginalData.unset(61);
            assertThat(code(terminal, noOriginalData)).isEqualTo("12");

            assertThat(fixture.capturedRows()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void everyNewKindNeedsAValidMacAndASuspendedTerminalGets58(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            TransactionResult purchase = terminal.purchase(500, PAN);
            ISOMsg original = PurchaseTest.purchase(purchase.trace(), purchase.batch(), 500, null);
            ISOMsg settlement = new ISOMsg();
            settlement.setMTI("0500");
            settlement.set(11, "000610");
            settlement.set(41, GatewayFixture.TID);
            settlement.set(42, GatewayFixture.MID);
            settlement.set(48, "0".repeat(62));
            settlement.set(60, tms.iso8583.Field60.of("00", purchase.batch(), "201").format());
            ISOMsg upload = (ISOMsg) settlement.clone();
            upload.setMTI("0320");
            upload.set(48, "01" + "22" + purchase.trace() + "16" + PAN + "000" + "000000000500");
            ISOMsg[] requests = {Requests.voidOf(purchase, "000611", 500), Requests.refundOf(purchase, "000612", 500),
                    Requests.reversalOf(original, "98"), settlement, upload};
            for (ISOMsg request : requests) {
                ISOMsg forged = (ISOMsg) request.clone();
                forged.set(64, "00000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(terminal.exchange(forged, false).getString(39)).as(request.getMTI()).isEqualTo("A0");
            }
            fixture.store().write(s -> s.getMapper(tms.store.TerminalMapper.class)
                    .updateState(GatewayFixture.TID, tms.store.TerminalState.SUSPENDED));
            for (ISOMsg request : new ISOMsg[] {requests[0], requests[1], requests[3], requests[4]}) {
                assertThat(code(terminal, request)).as(request.getMTI()).isEqualTo("58");
            }
            assertThat(fixture.capturedRows()).isEqualTo(1);
        }
    }

    private static ISOMsg inDollars(ISOMsg request) throws Exception {
        request.set(49, "840");
        return request;
    }

    private static String code(SimulatedTerminal terminal, ISOMsg request) throws Exception {
        return terminal.exchange(request, true).getString(39);
    }
}
