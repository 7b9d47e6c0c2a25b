package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.simulator.SimulatedTerminal;
import tms.store.TransactionKind;
import tms.store.testing.TestDatabase;

/** Copies of requests interleaved over two connections: the same bytes get the same answer, others 94. */
class RetransmissionTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void copiesInterleavedOverTwoConnectionsGetTheirOwnFirstAnswers(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal one = fixture.signedInTerminal();
             SimulatedTerminal two = fixture.terminal()) {
            String batch = one.batch();
            ISOMsg a = one.exchange(PurchaseTest.purchase("000101", batch, 100, null), true);
            ISOMsg b = two.exchange(PurchaseTest.purchase("000102", batch, 200, null), true);
            ISOMsg aAgainOnTwo = two.exchange(PurchaseTest.purchase("000101", batch, 100, null), true);
            ISOMsg bAgainOnOne = one.exchange(PurchaseTest.purchase("000102", batch, 200, null), true);
            ISOMsg bAlteredOnOne = one.exchange(PurchaseTest.purchase("000102", batch, 201, null), true);

            assertThat(aAgainOnTwo.getString(39)).isEqualTo("00");
            assertThat(aAgainOnTwo.getString(37)).isEqualTo(a.getString(37));
            assertThat(aAgainOnTwo.getString(38)).isEqualTo(a.getString(38));
            assertThat(aAgainOnTwo.getString(4)).isEqualTo("000000000100");
            assertThat(bAgainOnOne.getString(37)).isEqualTo(b.getString(37)).isNotEqualTo(a.getString(37));
            assertThat(bAlteredOnOne.getString(39)).isEqualTo("94");
            assertThat(fixture.capturedRows()).isEqualTo(2);
            assertThat(fixture.transaction(batch, "000102", TransactionKind.PURCHASE).amount()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aCopyMacedUnderTheKeysOfALaterSignInIsStillTheSameRequest(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = fixture.signedInTerminal()) {
            String batch = terminal.batch();
            ISOMsg first = terminal.exchange(PurchaseTest.purchase("000201", batch, 100, null), true);
            assertThat(terminal.signIn("004").approved()).isTrue();
            // same fields, new MAK, so a different MAC: the answer is the first one, MACed under the new MAK
            ISOMsg again = terminal.exchange(PurchaseTest.purchase("000201", batch, 100, null), true);
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(37)).isEqualTo(first.getString(37));
            assertThat(again.getBytes(64)).isNotEqualTo(first.getBytes(64));
        }
    }
}
