package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.admin.ActivationCodes;
import tms.admin.Actor;
import tms.admin.IssuedActivationCode;
import tms.admin.StockIn;
import tms.admin.TerminalRevocation;
import tms.hsm.DeviceKeyAlgorithm;
import tms.hsm.DeviceKeyPair;
import tms.hsm.HostPublicKey;
import tms.simulator.ActivationRefused;
import tms.simulator.DeviceActivation;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TerminalProfile;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.StateChange;
import tms.store.TerminalActivation;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.TerminalStateHistoryMapper;
import tms.store.testing.TestDatabase;

/** Activation over the air on a real socket, against H2 and MariaDB: the happy paths and every refusal. */
class ActivationTest {

    private static final String MID = "898100012340009";
    private static final Actor TECHNICIAN = new Actor("technician:wang", "10.0.0.8");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void rsaAndSm2DevicesActivateSignInAndBuy(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            for (DeviceKeyAlgorithm algorithm : DeviceKeyAlgorithm.values()) {
                String serial = "SN-" + algorithm;
                stockIn(fixture, serial);
                IssuedActivationCode code = codes(fixture).issue(serial, MID, "Shop", ActivationCodes.DEFAULT_VALIDITY,
                        TECHNICIAN);
                assertThat(code.code()).matches("\\d{8}");

                DeviceKeyPair device = DeviceKeyPair.generate(algorithm);
                TerminalProfile profile = activate(fixture, device, hostKey(fixture, algorithm), serial, code.code());
                assertThat(profile.tid()).matches("6\\d{7}");
                assertThat(profile.mid()).isEqualTo(MID);

                try (SimulatedTerminal terminal = new SimulatedTerminal(profile, fixture.terminalHsm(), "127.0.0.1",
                        fixture.port(), Duration.ofSeconds(10))) {
                    assertThat(terminal.signIn("004").approved()).isTrue();
                    assertThat(terminal.purchase(2500, "6212261234567890").responseCode()).isEqualTo("00");
                }
                TerminalActivation stored = activation(fixture, serial);
                assertThat(stored.state()).isEqualTo(TerminalState.ACTIVE);
                assertThat(stored.tid()).isEqualTo(profile.tid());
                assertThat(stored.deviceKeyAlgorithm()).isEqualTo(algorithm.name());
                assertThat(audit(fixture, serial)).extracting(AuditEntry::action, AuditEntry::outcome)
                        .startsWith(org.assertj.core.groups.Tuple.tuple("terminal.activate", "OK"));
                List<StateChange> history = fixture.store().read(s -> s.getMapper(TerminalStateHistoryMapper.class)
                        .listForTerminal(serial, 1));
                assertThat(history).extracting(StateChange::fromState, StateChange::toState, StateChange::event, StateChange::actor)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(TerminalState.IN_STOCK,
                                TerminalState.ACTIVE, "activate", "gateway"));
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void wrongCodesLockTheSerialUntilATechnicianUnlocksIt(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            stockIn(fixture, "SN-LOCK");
            IssuedActivationCode code = codes(fixture).issue("SN-LOCK", MID, "Shop", Duration.ofHours(1), TECHNICIAN);
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2);
            HostPublicKey host = hostKey(fixture, DeviceKeyAlgorithm.SM2);
            String wrong = code.code().equals("00000000") ? "11111111" : "00000000";
            for (int i = 1; i < ActivationHandler.MAX_WRONG_CODES; i++) {
                assertRefused(fixture, device, host, "SN-LOCK", wrong, "55");
            }
            assertRefused(fixture, device, host, "SN-LOCK", wrong, "75");
            assertRefused(fixture, device, host, "SN-LOCK", code.code(), "75");
            TerminalActivation locked = activation(fixture, "SN-LOCK");
            assertThat(locked.locked()).isTrue();
            assertThat(locked.state()).isEqualTo(TerminalState.IN_STOCK);
            assertThat(locked.tid()).isNull();
            assertThat(audit(fixture, "SN-LOCK")).filteredOn(e -> e.outcome().equals("REFUSED")).hasSize(6);

            codes(fixture).unlock("SN-LOCK", TECHNICIAN);
            assertThat(activate(fixture, device, host, "SN-LOCK", code.code()).tid()).isNotNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void unknownExpiredReplayedAndRevokedAreRefusedEachWithItsCode(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2);
            HostPublicKey host = hostKey(fixture, DeviceKeyAlgorithm.SM2);
            assertRefused(fixture, device, host, "SN-NOBODY", "12345678", "97");
            assertThat(audit(fixture, "SN-NOBODY")).extracting(AuditEntry::outcome).containsExactly("REFUSED");

            stockIn(fixture, "SN-OLD");
            Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofHours(25)), ZoneOffset.UTC);
            IssuedActivationCode stale = new ActivationCodes(fixture.store(), fixture.hostHsm(), yesterday,
                    new SecureRandom()).issue("SN-OLD", MID, "Shop", Duration.ofHours(24), TECHNICIAN);
            assertRefused(fixture, device, host, "SN-OLD", stale.code(), "54");
            assertThat(activation(fixture, "SN-OLD").state()).isEqualTo(TerminalState.IN_STOCK);

            stockIn(fixture, "SN-ONCE");
            IssuedActivationCode once = codes(fixture).issue("SN-ONCE", MID, "Shop", Duration.ofHours(1), TECHNICIAN);
            TerminalProfile first = activate(fixture, device, host, "SN-ONCE", once.code());
            assertRefused(fixture, device, host, "SN-ONCE", once.code(), "94");
            assertRefused(fixture, DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2), host, "SN-ONCE", once.code(), "94");
            assertThat(activation(fixture, "SN-ONCE").tid()).isEqualTo(first.tid());

            new TerminalRevocation(fixture.store(), Clock.systemUTC()).revoke("SN-ONCE", "stolen", TECHNICIAN);
            assertRefused(fixture, device, host, "SN-ONCE", once.code(), "58");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anOversizeRsaKeyGets30AndAnActiveTerminalWithAWrongCode12(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            stockIn(fixture, "SN-BIG");
            IssuedActivationCode code = codes(fixture).issue("SN-BIG", MID, "Shop", Duration.ofHours(1), TECHNICIAN);
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(3584); // the largest that still fits field 62; 4096 cannot even be sent
            byte[] big = rsa.generateKeyPair().getPublic().getEncoded();
            try (SimulatedTerminal connection = placeholder(fixture, "SN-BIG")) {
                org.jpos.iso.ISOMsg request = new org.jpos.iso.ISOMsg();
                request.setMTI("0800");
                request.set(11, "000001");
                request.set(60, tms.iso8583.Field60.of("00", "000000", "601").format());
                new tms.iso8583.ActivationRequest("SN-BIG", "P2000", code.code(), big).writeTo(request);
                assertThat(connection.exchange(request, false).getString(39)).isEqualTo("30");
            }
            assertThat(audit(fixture, "SN-BIG")).filteredOn(e -> e.outcome().equals("REFUSED"))
                    .singleElement().satisfies(e -> assertThat(e.detail()).contains("3584 bits"));
            assertThat(activation(fixture, "SN-BIG").state()).isEqualTo(TerminalState.IN_STOCK);

            // the code is still good for a proper key; once active, a wrong code is "already active"
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.RSA);
            HostPublicKey host = hostKey(fixture, DeviceKeyAlgorithm.RSA);
            activate(fixture, device, host, "SN-BIG", code.code());
            assertRefused(fixture, device, host, "SN-BIG", "99999999".equals(code.code()) ? "88888888" : "99999999", "12");
            List<AuditEntry> hostKeyAudit = fixture.store().read(s -> s.getMapper(AuditLogMapper.class)
                    .listBySubject("signing-rsa", 5));
            assertThat(hostKeyAudit).extracting(AuditEntry::action).containsExactly("host-key.create");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aDeviceRefusesAnAnswerNotSignedByTheHostKeyItHolds(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            stockIn(fixture, "SN-MITM");
            IssuedActivationCode code = codes(fixture).issue("SN-MITM", MID, "Shop", Duration.ofHours(1), TECHNICIAN);
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2);
            HostPublicKey someoneElse = fixture.hostHsm().generateHostSigningKey(DeviceKeyAlgorithm.SM2).publicKey();
            assertThatThrownBy(() -> activate(fixture, device, someoneElse, "SN-MITM", code.code()))
                    .isInstanceOf(IOException.class).hasMessageContaining("not signed by the host key");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void revokingClosesTheOpenSessionWithinASecondAndTheNextSignInGets58(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            stockIn(fixture, "SN-REV");
            IssuedActivationCode code = codes(fixture).issue("SN-REV", MID, "Shop", Duration.ofHours(1), TECHNICIAN);
            TerminalProfile profile = activate(fixture, DeviceKeyPair.generate(DeviceKeyAlgorithm.SM2),
                    hostKey(fixture, DeviceKeyAlgorithm.SM2), "SN-REV", code.code());
            try (Socket raw = new Socket("127.0.0.1", fixture.port());
                 SimulatedTerminal terminal = new SimulatedTerminal(profile, fixture.terminalHsm(), "127.0.0.1",
                         fixture.port(), Duration.ofSeconds(10))) {
                assertThat(terminal.signIn("004").approved()).isTrue();
                long start = System.nanoTime();
                new TerminalRevocation(fixture.store(), Clock.systemUTC()).revoke("SN-REV", "merchant closed", TECHNICIAN);
                assertThat(closedWithin(terminal, Duration.ofSeconds(3))).as("the signed-in connection is closed").isTrue();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(millis).as("closed within a second, took %d ms", millis).isLessThan(1000);
                raw.setSoTimeout(300);
                // an unrelated connection stays open: reading it times out rather than meeting its end
                assertThatThrownBy(() -> raw.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
            }
            try (SimulatedTerminal again = new SimulatedTerminal(profile, fixture.terminalHsm(), "127.0.0.1",
                    fixture.port(), Duration.ofSeconds(10))) {
                assertThat(again.signIn("004").responseCode()).isEqualTo("58");
            }
        }
    }

    /** Probes the connection with echo tests until the gateway closes it, or the time is up. */
    private static boolean closedWithin(SimulatedTerminal terminal, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                terminal.echoTest();
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private void stockIn(GatewayFixture fixture, String serial) {
        new StockIn(fixture.store(), Clock.systemUTC()).register(serial, "PSAM-" + serial, "8986001", "P2000", TECHNICIAN);
    }

    private static ActivationCodes codes(GatewayFixture fixture) {
        return new ActivationCodes(fixture.store(), fixture.hostHsm(), Clock.systemUTC(), new SecureRandom());
    }

    private static HostPublicKey hostKey(GatewayFixture fixture, DeviceKeyAlgorithm algorithm) {
        return new HostSigningKeys(fixture.store(), fixture.hostHsm(), "test").publicKey(algorithm);
    }

    private static SimulatedTerminal placeholder(GatewayFixture fixture, String serial) throws IOException {
        return new SimulatedTerminal(new TerminalProfile(serial, "00000000", "000000000000000", null, 0),
                fixture.terminalHsm(), "127.0.0.1", fixture.port(), Duration.ofSeconds(10));
    }

    private static TerminalProfile activate(GatewayFixture fixture, DeviceKeyPair device, HostPublicKey host,
                                            String serial, String code) throws Exception {
        try (SimulatedTerminal connection = placeholder(fixture, serial)) {
            return DeviceActivation.activate(connection, fixture.terminalHsm(), device, host, serial, "P2000", code);
        }
    }

    private static void assertRefused(GatewayFixture fixture, DeviceKeyPair device, HostPublicKey host, String serial,
                                      String code, String responseCode) {
        assertThatThrownBy(() -> activate(fixture, device, host, serial, code))
                .isInstanceOf(ActivationRefused.class)
                .satisfies(e -> assertThat(((ActivationRefused) e).responseCode()).isEqualTo(responseCode));
    }

    private static TerminalActivation activation(GatewayFixture fixture, String serial) {
        return fixture.store().read(s -> s.getMapper(TerminalMapper.class).findActivation(serial));
    }

    private static List<AuditEntry> audit(GatewayFixture fixture, String serial) {
        return fixture.store().read(s -> s.getMapper(AuditLogMapper.class).listBySubject(serial, 50));
    }

}
