package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.admin.ActivationCodes;
import tms.admin.Actor;
import tms.admin.IssuedActivationCode;
import tms.admin.StockIn;
import tms.admin.TerminalActionRefused;
import tms.admin.TerminalRekey;
import tms.admin.TerminalRevocation;
import tms.hsm.DeviceKeyAlgorithm;
import tms.hsm.DeviceKeyPair;
import tms.hsm.HostPublicKey;
import tms.hsm.HsmException;
import tms.hsm.KeyAlgorithm;
import tms.hsm.WrappedKey;
import tms.iso8583.Field60;
import tms.iso8583.TmkConfirmation;
import tms.simulator.ActivationRefused;
import tms.simulator.DeviceActivation;
import tms.simulator.SignInResult;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.simulator.TerminalProfile;
import tms.simulator.TmkRenewal;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;

/** Re-keying over the air on a real socket, against H2 and MariaDB: the order, the signal, the switch, refusals. */
class RekeyTest {

    private static final String MID = "898100012340009";
    private static final String CARD = "6212261234567890";
    private static final Actor TECHNICIAN = new Actor("technician:li", "10.0.0.9");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aNewTmkIsSignalledFetchedConfirmedAndTheOldOneStopsWorking(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            for (DeviceKeyAlgorithm algorithm : DeviceKeyAlgorithm.values()) {
                String serial = "SN-RK-" + algorithm;
                DeviceKeyPair device = DeviceKeyPair.generate(algorithm);
                HostPublicKey host = hostKey(fixture, algorithm);
                TerminalProfile profile = activated(fixture, serial, device, host);
                WrappedKey oldTmk = profile.tmk();
                String ordered;
                try (SimulatedTerminal terminal = connect(fixture, profile)) {
                    assertThat(terminal.signIn("004").approved()).isTrue();
                    assertThat(terminal.lastProcessingNibble()).isZero();

                    ordered = rekey(fixture).order(serial, TECHNICIAN);
                    assertThat(ordered).isNotEqualTo(oldTmk.checkValueHex());
                    // until the terminal confirms, the old keys work and every answer announces the new TMK
                    assertThat(terminal.purchase(1200, CARD).responseCode()).isEqualTo("00");
                    assertThat(terminal.lastProcessingNibble()).isEqualTo(TmkRenewal.NEW_TMK_WAITS);
                    assertThat(terminal.echoTest()).isEqualTo("00");
                    assertThat(terminal.lastProcessingNibble()).isEqualTo(TmkRenewal.NEW_TMK_WAITS);

                    WrappedKey oldMak = profile.mak();
                    String batch = profile.batch();
                    assertThat(TmkRenewal.renew(terminal, fixture.terminalHsm(), device, host)).isEqualTo(ordered);
                    assertThat(terminal.lastProcessingNibble()).as("the confirmation sends it to sign in again")
                            .isEqualTo(3);
                    assertThat(profile.tmk().checkValueHex()).isEqualTo(ordered);

                    // the old working keys died with the old TMK
                    profile.signedIn(oldMak, batch);
                    assertThat(terminal.purchase(1300, CARD).responseCode()).isEqualTo("A0");

                    assertThat(terminal.signIn("004").approved()).isTrue();
                    assertThat(terminal.lastProcessingNibble()).isZero();
                    assertThat(terminal.purchase(1400, CARD).responseCode()).isEqualTo("00");
                    assertThat(terminal.lastProcessingNibble()).isZero();

                    // a repeated confirmation (its answer was lost) is answered the same; another check value is not
                    assertThat(confirm(terminal, profile, profile.tmk().checkValue())).isEqualTo("00");
                    assertThat(confirm(terminal, profile, oldTmk.checkValue())).isEqualTo("12");
                }
                // a device still holding the old TMK cannot use a sign-in any more: the keys come under the new one
                TerminalProfile stale = new TerminalProfile(serial, profile.tid(), profile.mid(), oldTmk, 500);
                try (SimulatedTerminal terminal = connect(fixture, stale)) {
                    assertThatThrownBy(() -> terminal.signIn("004")).isInstanceOf(HsmException.class)
                            .hasMessageContaining("check value");
                }
                Terminal stored = fixture.store().read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber(serial));
                assertThat(stored.tmkCheckValue()).isEqualTo(ordered);
                assertThat(audit(fixture, serial)).extracting(AuditEntry::action).containsSubsequence(
                        "terminal.rekey-confirmed", "terminal.tmk-sent", "terminal.rekey", "terminal.activate");
                AuditEntry confirmed = audit(fixture, serial).get(0);
                assertThat(confirmed.beforeState()).isEqualTo("tmk-cv=" + oldTmk.checkValueHex());
                assertThat(confirmed.afterState()).isEqualTo("tmk-cv=" + ordered);
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aNationalCipherTerminalGetsAnSm4TmkSignsInWith006BuysAndIsRekeyedInSm4(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2);
            HostPublicKey host = hostKey(fixture, DeviceKeyAlgorithm.SM2);
            TerminalProfile profile = activated(fixture, "SN-SM4", device, host, KeyAlgorithm.SM4);
            assertThat(profile.tmk().algorithm()).isEqualTo(KeyAlgorithm.SM4);
            try (SimulatedTerminal terminal = connect(fixture, profile)) {
                assertThat(terminal.signIn("004").responseCode()).as("3DES keys under an SM4 TMK").isEqualTo("12");
                SignInResult signIn = terminal.signIn("006");
                assertThat(signIn.approved()).isTrue();
                assertThat(profile.mak().algorithm()).isEqualTo(KeyAlgorithm.SM4);
                assertThat(profile.mak().length()).isEqualTo(16);
                assertThat(signIn.tdkCheckValue()).isNotNull();
                TransactionResult bought = terminal.purchase(8800, CARD);
                assertThat(bought.responseCode()).isEqualTo("00");
                assertThat(bought.responseMacVerified()).as("the answer is MACed with the SM4 MAK").isTrue();

                String ordered = rekey(fixture).order("SN-SM4", TECHNICIAN);
                assertThat(terminal.purchase(100, CARD).responseCode()).isEqualTo("00");
                assertThat(terminal.lastProcessingNibble()).isEqualTo(TmkRenewal.NEW_TMK_WAITS);
                assertThat(TmkRenewal.renew(terminal, fixture.terminalHsm(), device, host)).isEqualTo(ordered);
                assertThat(profile.tmk().algorithm()).isEqualTo(KeyAlgorithm.SM4);
                assertThat(terminal.signIn("006").approved()).isTrue();
                assertThat(terminal.purchase(200, CARD).responseCode()).isEqualTo("00");
            }
            // and a 3DES terminal cannot ask for SM4 keys
            TerminalProfile classic = activated(fixture, "SN-TDES", device, host, KeyAlgorithm.TDES);
            try (SimulatedTerminal terminal = connect(fixture, classic)) {
                assertThat(terminal.signIn("006").responseCode()).isEqualTo("12");
                assertThat(terminal.signIn("003").approved()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aLostDownloadIsAskedForAgainAndOnlyTheLatestOrderCanBeConfirmed(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2);
            HostPublicKey host = hostKey(fixture, DeviceKeyAlgorithm.SM2);
            TerminalProfile profile = activated(fixture, "SN-RK-LOST", device, host);
            String first = rekey(fixture).order("SN-RK-LOST", TECHNICIAN);
            try (SimulatedTerminal terminal = connect(fixture, profile)) {
                // the first download's answer never arrives; the terminal confirms nothing and keeps its TMK
                assertThat(download(terminal, profile).getString(39)).isEqualTo("00");
                String second = rekey(fixture).order("SN-RK-LOST", TECHNICIAN);
                assertThat(confirm(terminal, profile, HexFormat.of().parseHex(first))).isEqualTo("12");
                assertThat(terminal.signIn("003").approved()).as("the old TMK still works").isTrue();
                assertThat(terminal.lastProcessingNibble()).isEqualTo(TmkRenewal.NEW_TMK_WAITS);
                assertThat(TmkRenewal.renew(terminal, fixture.terminalHsm(), device, host)).isEqualTo(second);
                assertThat(terminal.signIn("003").approved()).isTrue();
                // nothing waits any more
                assertThat(download(terminal, profile).getString(39)).isEqualTo("12");
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void whatCannotBeRekeyedIsRefusedAndRevocationWithdrawsTheOrder(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            fixture.registerDefault(); // a TMK loaded at the warehouse: no device key to send a new one under
            assertThatThrownBy(() -> rekey(fixture).order("SN-" + GatewayFixture.TID, TECHNICIAN))
                    .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("no device key")
                    .hasMessageContaining("export-tmk");
            assertThatThrownBy(() -> rekey(fixture).order("SN-NOBODY", TECHNICIAN))
                    .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("no terminal with serial number");
            stockIn(fixture, "SN-RK-STOCK");
            assertThatThrownBy(() -> rekey(fixture).order("SN-RK-STOCK", TECHNICIAN))
                    .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("is IN_STOCK");

            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.RSA);
            HostPublicKey host = hostKey(fixture, DeviceKeyAlgorithm.RSA);
            TerminalProfile profile = activated(fixture, "SN-RK-REV", device, host);
            rekey(fixture).order("SN-RK-REV", TECHNICIAN);
            new TerminalRevocation(fixture.store(), Clock.systemUTC()).revoke("SN-RK-REV", "stolen", TECHNICIAN);
            try (SimulatedTerminal terminal = connect(fixture, profile)) {
                assertThatThrownBy(() -> TmkRenewal.renew(terminal, fixture.terminalHsm(), device, host))
                        .isInstanceOf(ActivationRefused.class).hasMessageContaining("TMK download refused with response code 58");
            }
            assertThatThrownBy(() -> rekey(fixture).order("SN-RK-REV", TECHNICIAN))
                    .isInstanceOf(TerminalActionRefused.class).hasMessageContaining("is REVOKED");

            // a terminal asking for another's key, or naming the wrong merchant
            TerminalProfile other = activated(fixture, "SN-RK-OTHER", device, host);
            rekey(fixture).order("SN-RK-OTHER", TECHNICIAN);
            TerminalProfile wrongMerchant = new TerminalProfile("SN-RK-OTHER", other.tid(), "898100099999999",
                    other.tmk(), 100);
            try (SimulatedTerminal terminal = connect(fixture, wrongMerchant)) {
                assertThat(download(terminal, wrongMerchant).getString(39)).isEqualTo("03");
            }
            TerminalProfile unknown = new TerminalProfile("SN-X", "69999999", MID, other.tmk(), 100);
            try (SimulatedTerminal terminal = connect(fixture, unknown)) {
                assertThat(download(terminal, unknown).getString(39)).isEqualTo("97");
            }
        }
    }

    private static String confirm(SimulatedTerminal terminal, TerminalProfile profile, byte[] checkValue)
            throws Exception {
        ISOMsg request = network(profile, TmkConfirmation.NETWORK_CODE);
        new TmkConfirmation(checkValue).writeTo(request);
        return terminal.exchange(request, false).getString(39);
    }

    private static ISOMsg download(SimulatedTerminal terminal, TerminalProfile profile) throws Exception {
        return terminal.exchange(network(profile, "602"), false);
    }

    private static ISOMsg network(TerminalProfile profile, String code) throws Exception {
        ISOMsg request = new ISOMsg();
        request.setMTI("0800");
        request.set(11, profile.nextTrace());
        request.set(41, profile.tid());
        request.set(42, profile.mid());
        request.set(60, Field60.of("00", profile.batch(), code).format());
        return request;
    }

    private static TerminalRekey rekey(GatewayFixture fixture) {
        return new TerminalRekey(fixture.store(), fixture.hostHsm(), Clock.systemUTC());
    }

    private static SimulatedTerminal connect(GatewayFixture fixture, TerminalProfile profile) throws Exception {
        return new SimulatedTerminal(profile, fixture.terminalHsm(), "127.0.0.1", fixture.port(), Duration.ofSeconds(10));
    }

    private static void stockIn(GatewayFixture fixture, String serial) {
        new StockIn(fixture.store(), Clock.systemUTC()).register(serial, "PSAM-" + serial, "8986001", "P2000", TECHNICIAN);
    }

    private static TerminalProfile activated(GatewayFixture fixture, String serial, DeviceKeyPair device,
                                             HostPublicKey host) throws Exception {
        return activated(fixture, serial, device, host, KeyAlgorithm.TDES);
    }

    private static TerminalProfile activated(GatewayFixture fixture, String serial, DeviceKeyPair device,
                                             HostPublicKey host, KeyAlgorithm cipher) throws Exception {
        stockIn(fixture, serial);
        IssuedActivationCode code = new ActivationCodes(fixture.store(), fixture.hostHsm(), Clock.systemUTC(),
                new SecureRandom()).issue(serial, MID, "Shop", Duration.ofHours(1), TECHNICIAN);
        try (SimulatedTerminal connection = new SimulatedTerminal(
                new TerminalProfile(serial, "00000000", "000000000000000", null, 0), fixture.terminalHsm(),
                "127.0.0.1", fixture.port(), Duration.ofSeconds(10))) {
            return DeviceActivation.activate(connection, fixture.terminalHsm(), device, host, serial, "P2000",
                    code.code(), cipher);
        }
    }

    private static HostPublicKey hostKey(GatewayFixture fixture, DeviceKeyAlgorithm algorithm) {
        return new HostSigningKeys(fixture.store(), fixture.hostHsm(), "test").publicKey(algorithm);
    }

    private static List<AuditEntry> audit(GatewayFixture fixture, String serial) {
        return fixture.store().read(s -> s.getMapper(AuditLogMapper.class).listBySubject(serial, 50));
    }
}
