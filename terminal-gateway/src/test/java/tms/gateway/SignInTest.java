package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.simulator.SignInResult;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;

class SignInTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void activeTerminalGetsWorkingKeysInEachLayoutAndANewBatch(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = connect(fixture)) {
            // the simulator imports every key under the TMK and refuses it if its check value differs,
            // so an approved sign-in proves field 62 decrypts to the keys whose check values it carries
            SignInResult single = terminal.signIn("001");
            assertThat(single.approved()).isTrue();
            assertThat(single.tdkCheckValue()).isNull();
            assertThat(single.batch()).isEqualTo("000002");

            SignInResult dbl = terminal.signIn("003");
            assertThat(dbl.approved()).isTrue();
            assertThat(dbl.batch()).isEqualTo("000003");

            SignInResult withTdk = terminal.signIn("004");
            assertThat(withTdk.approved()).isTrue();
            assertThat(withTdk.tdkCheckValue()).matches("[0-9A-F]{8}");
            assertThat(withTdk.makCheckValue()).isNotEqualTo(dbl.makCheckValue());
            assertThat(withTdk.batch()).isEqualTo("000004");

            var stored = fixture.store().read(s -> s.getMapper(TerminalMapper.class).findByTid(GatewayFixture.TID));
            assertThat(stored.currentBatch()).isEqualTo("000004");
            assertThat(stored.lastSeen()).isNotNull();

            // and the MAK of the last sign-in is the one the gateway now verifies
            TransactionResult purchase = terminal.purchase(100, "6212261234567890");
            assertThat(purchase.responseCode()).isEqualTo("00");
            assertThat(purchase.responseMacVerified()).isTrue();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void unknownTerminalGets97AndInactiveOnes58(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            fixture.register("SN-SUSPENDED", "20000001", GatewayFixture.MID, TerminalState.SUSPENDED);
            fixture.register("SN-REVOKED", "20000002", GatewayFixture.MID, TerminalState.REVOKED);
            fixture.register("SN-STOCK", "20000003", GatewayFixture.MID, TerminalState.IN_STOCK);
            try (SimulatedTerminal unknown = fixture.terminal("29999999", GatewayFixture.MID)) {
                assertThat(unknown.signIn("004").responseCode()).isEqualTo("97");
            }
            for (String tid : new String[] {"20000001", "20000002", "20000003"}) {
                try (SimulatedTerminal inactive = fixture.terminal(tid, GatewayFixture.MID)) {
                    assertThat(inactive.signIn("004").responseCode()).as(tid).isEqualTo("58");
                }
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void terminalSigningInForAnotherMerchantGets03(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            fixture.registerDefault();
            try (SimulatedTerminal impostor = fixture.terminal(GatewayFixture.TID, "898100099990001")) {
                assertThat(impostor.signIn("003").responseCode()).isEqualTo("03");
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void echoTestAndSignOffAnswer00AndSignOffEndsTheSession(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = connect(fixture)) {
            assertThat(terminal.echoTest()).isEqualTo("00");
            assertThat(terminal.signIn("003").approved()).isTrue();
            var mak = terminal.profile().mak();
            assertThat(terminal.purchase(100, "6212261234567890").responseCode()).isEqualTo("00");

            assertThat(terminal.signOff()).isEqualTo("00");
            assertThat(terminal.echoTest()).isEqualTo("00");
            // the host forgot the keys: a purchase MACed under the old MAK is refused
            terminal.profile().signedIn(mak, terminal.batch());
            assertThat(terminal.purchase(100, "6212261234567890").responseCode()).isEqualTo("A0");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aSignOffFromAConnectionThatDidNotSignInChangesNothing(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = connect(fixture)) {
            assertThat(terminal.signIn("004").approved()).isTrue();
            var mak = terminal.profile().mak();
            try (SimulatedTerminal stranger = fixture.terminal()) {
                assertThat(stranger.signOff()).isEqualTo("00"); // answered, but ignored
            }
            terminal.profile().signedIn(mak, terminal.batch());
            assertThat(terminal.purchase(100, "6212261234567890").responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keysOfASignInServeLaterConnectionsAndANewSignInReplacesThem(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            fixture.registerDefault();
            var oldMak = (tms.hsm.WrappedKey) null;
            try (SimulatedTerminal morning = fixture.terminal()) {
                assertThat(morning.signIn("004").approved()).isTrue();
                oldMak = morning.profile().mak();
            }
            // GPRS terminals dial once per transaction: each purchase comes on a connection of its own
            for (int i = 0; i < 3; i++) {
                try (SimulatedTerminal dial = fixture.terminal()) {
                    TransactionResult purchase = dial.purchase(100 + i, "6212261234567890");
                    assertThat(purchase.responseCode()).isEqualTo("00");
                    assertThat(purchase.responseMacVerified()).isTrue();
                }
            }
            try (SimulatedTerminal again = fixture.terminal()) {
                assertThat(again.signIn("004").approved()).isTrue();
                again.profile().signedIn(oldMak, again.batch());
                assertThat(again.purchase(100, "6212261234567890").responseCode()).isEqualTo("A0");
            }
        }
    }

    private static SimulatedTerminal connect(GatewayFixture fixture) throws Exception {
        fixture.registerDefault();
        return fixture.terminal();
    }
}
