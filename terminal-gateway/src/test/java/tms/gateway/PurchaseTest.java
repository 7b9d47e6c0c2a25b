package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.iso8583.Field60;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.TerminalState;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;

class PurchaseTest {

    private static final String PAN = "6212261234567890";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void approvedPurchaseIsCapturedMaskedAndAnsweredWithAMac(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            TransactionResult result = terminal.purchase(1234, PAN);

            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(result.rrn()).matches("\\d{12}");
            assertThat(result.authCode()).matches("\\d{6}");
            assertThat(result.responseMacVerified()).isTrue();

            CapturedTransaction row = find(fixture, terminal.batch(), result.trace(), TransactionKind.PURCHASE);
            assertThat(row).isNotNull();
            assertThat(row.amount()).isEqualTo(1234);
            assertThat(row.currency()).isEqualTo("156");
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.responseCode()).isEqualTo("00");
            assertThat(row.rrn()).isEqualTo(result.rrn());
            assertThat(row.authCode()).isEqualTo(result.authCode());
            assertThat(row.panFirst6()).isEqualTo("621226");
            assertThat(row.panLast4()).isEqualTo("7890");
            assertThat(row.panHash()).isEqualTo(fixture.hostHsm().panHash(PAN)).doesNotContain(PAN);
            assertThat(row.mti()).isEqualTo("0200");
            assertThat(row.processingCode()).isEqualTo("000000");
            assertThat(row.entryMode()).isEqualTo("022");
            assertThat(row.mid()).isEqualTo(GatewayFixture.MID);
            assertThat(row.hostTime()).isNotNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void standInRulesDeclineAndDeclinesAreCapturedToo(TestDatabase db) throws Exception {
        GatewayConfig config = GatewayConfig.defaults().withStandInRules(StandInRules.defaults().withAmountLimit(10_000));
        try (GatewayFixture fixture = new GatewayFixture(db, temp, config);
             SimulatedTerminal terminal = signedIn(fixture)) {
            TransactionResult insufficient = terminal.purchase(500, "6212261234560051");
            assertThat(insufficient.responseCode()).isEqualTo("51");
            assertThat(insufficient.authCode()).isNull();
            assertThat(insufficient.responseMacVerified()).isTrue();
            assertThat(find(fixture, terminal.batch(), insufficient.trace(), TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.DECLINED);

            assertThat(terminal.purchase(10_001, PAN).responseCode()).isEqualTo("61");
            assertThat(terminal.purchase(10_000, PAN).responseCode()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void balanceInquiryReportsTheBalanceInField54(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            TransactionResult result = terminal.balanceInquiry(PAN);
            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(result.balanceField()).isEqualTo("1002156C000001000000");
            assertThat(find(fixture, terminal.batch(), result.trace(), TransactionKind.BALANCE_INQUIRY)).isNotNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void badMacAndNoSignInAnswerA0AndStoreNothing(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            fixture.registerDefault();
            try (SimulatedTerminal neverSignedIn = fixture.terminal()) {
                ISOMsg response = neverSignedIn.exchange(purchase("000101", "000001", 100, "ASCIIMAC"), false);
                assertThat(response.getString(39)).isEqualTo("A0");
                assertThat(response.hasField(64)).isFalse();
            }
            try (SimulatedTerminal terminal = fixture.terminal()) {
                assertThat(terminal.signIn("004").approved()).isTrue();
                ISOMsg forged = purchase("000102", terminal.batch(), 100, "00000000");
                assertThat(terminal.exchange(forged, false).getString(39)).isEqualTo("A0");
                // the connection still serves the terminal after a bad MAC
                assertThat(terminal.purchase(100, PAN).responseCode()).isEqualTo("00");
            }
            assertThat(capturedRows(fixture)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void invalidRequestsAreRefusedWithTheirCodesAndNothingStored(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            String batch = terminal.batch();
            assertThat(terminal.exchange(purchase("000201", batch, 0, null), true).getString(39)).isEqualTo("13");
            ISOMsg dollars = purchase("000202", batch, 100, null);
            dollars.set(49, "840");
            assertThat(terminal.exchange(dollars, true).getString(39)).isEqualTo("12");
            ISOMsg noCard = purchase("000203", batch, 100, null);
            noCard.unset(2);
            noCard.unset(35);
            assertThat(terminal.exchange(noCard, true).getString(39)).isEqualTo("14");
            assertThat(capturedRows(fixture)).isZero();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theSameTraceTwiceInABatchGetsTheFirstAnswerWhenIdenticalAnd94WhenNot(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            ISOMsg first = terminal.exchange(purchase("000301", terminal.batch(), 700, null), true);
            assertThat(first.getString(39)).isEqualTo("00");
            // the terminal did not hear the answer and sends the very same bytes again: the same answer, RRN and
            // auth code, not a second authorisation
            ISOMsg again = terminal.exchange(purchase("000301", terminal.batch(), 700, null), true);
            assertThat(again.getString(39)).isEqualTo("00");
            assertThat(again.getString(37)).isEqualTo(first.getString(37));
            assertThat(again.getString(38)).isEqualTo(first.getString(38));
            assertThat(again.getString(12)).isEqualTo(first.getString(12));
            ISOMsg different = terminal.exchange(purchase("000301", terminal.batch(), 701, null), true);
            assertThat(different.getString(39)).isEqualTo("94");
            assertThat(different.hasField(37)).isFalse();
            assertThat(capturedRows(fixture)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aPurchaseNamingAnotherTerminalIsRefusedAndAnUnknownOneGets97(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            fixture.register("SN-OTHER", "10000002", GatewayFixture.MID, TerminalState.ACTIVE);
            try (SimulatedTerminal other = fixture.terminal("10000002", GatewayFixture.MID)) {
                assertThat(other.signIn("004").approved()).isTrue();
            }
            // MACed under this terminal's MAK but naming the other terminal in field 41
            ISOMsg impostor = purchase("000401", terminal.batch(), 100, null);
            impostor.set(41, "10000002");
            assertThat(terminal.exchange(impostor, true).getString(39)).isEqualTo("A0");
            ISOMsg unknown = purchase("000402", terminal.batch(), 100, null);
            unknown.set(41, "19999999");
            assertThat(terminal.exchange(unknown, true).getString(39)).isEqualTo("97");
            assertThat(capturedRows(fixture)).isZero();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void whenTheCaptureCannotBeCommittedTheTerminalGets96NeverAnApproval(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            try (var connection = fixture.store().dataSource().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("DROP TABLE captured_transaction");
            }
            TransactionResult result = terminal.purchase(100, PAN);
            assertThat(result.responseCode()).isEqualTo("96");
            assertThat(result.authCode()).isNull();
            // and the connection still serves: an echo test answers
            assertThat(terminal.echoTest()).isEqualTo("00");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aCopySentOnAnotherConnectionWhileThePlatformDecidesIsADuplicateAndThePlatformIsAskedOnce(TestDatabase db)
            throws Exception {
        AtomicInteger asked = new AtomicInteger();
        StandInPlatform standIn = new StandInPlatform(StandInRules.defaults());
        PaymentPlatform slow = request -> {
            asked.incrementAndGet();
            try {
                Thread.sleep(800);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return standIn.authorise(request);
        };
        ExecutorService redial = Executors.newSingleThreadExecutor();
        try (GatewayFixture fixture = new GatewayFixture(db, temp, GatewayConfig.defaults(), slow);
             SimulatedTerminal first = signedIn(fixture);
             SimulatedTerminal second = fixture.terminal()) {
            String batch = first.batch();
            Future<String> original = redial.submit(() -> first.exchange(purchase("000501", batch, 100, null), true)
                    .getString(39));
            Thread.sleep(200); // the original is with the platform now
            String copy = second.exchange(purchase("000501", batch, 100, null), true).getString(39);

            assertThat(copy).isEqualTo("94");
            assertThat(original.get(10, TimeUnit.SECONDS)).isEqualTo("00");
            assertThat(asked).hasValue(1);
            assertThat(find(fixture, batch, "000501", TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.APPROVED);
        } finally {
            redial.shutdownNow();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theStandInDecidesInProcessSoTheRowIsWrittenOnceWithItsDecision(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            CaptureWriter writer = fixture.gateway().captureWriter();
            long before = writer.committedUnits();
            TransactionResult result = terminal.purchase(700, PAN);
            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(writer.committedUnits() - before).isEqualTo(1);
            assertThat(find(fixture, terminal.batch(), result.trace(), TransactionKind.PURCHASE).authCode())
                    .isEqualTo(result.authCode());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aPlatformAcrossTheNetworkIsAskedOnlyAfterThePendingRowReservedTheKey(TestDatabase db) throws Exception {
        // the stand-in's rules behind an interface that does not say it decides in process
        StandInPlatform standIn = new StandInPlatform(StandInRules.defaults());
        PaymentPlatform remote = standIn::authorise;
        try (GatewayFixture fixture = new GatewayFixture(db, temp, GatewayConfig.defaults(), remote);
             SimulatedTerminal terminal = signedIn(fixture)) {
            CaptureWriter writer = fixture.gateway().captureWriter();
            long before = writer.committedUnits();
            TransactionResult result = terminal.purchase(700, PAN);
            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(writer.committedUnits() - before).isEqualTo(2);
            assertThat(find(fixture, terminal.batch(), result.trace(), TransactionKind.PURCHASE).status())
                    .isEqualTo(TransactionStatus.APPROVED);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aTerminalSuspendedMidSessionGets58(TestDatabase db) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(db, temp);
             SimulatedTerminal terminal = signedIn(fixture)) {
            fixture.store().write(s -> s.getMapper(tms.store.TerminalMapper.class)
                    .updateState(GatewayFixture.TID, TerminalState.SUSPENDED));
            assertThat(terminal.purchase(100, PAN).responseCode()).isEqualTo("58");
        }
    }

    private static SimulatedTerminal signedIn(GatewayFixture fixture) throws Exception {
        fixture.registerDefault();
        SimulatedTerminal terminal = fixture.terminal();
        assertThat(terminal.signIn("004").approved()).isTrue();
        return terminal;
    }

    /** A purchase built by hand, for the cases the simulator's own methods would never send. */
    static ISOMsg purchase(String trace, String batch, long amount, String macText) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0200");
        m.set(2, PAN);
        m.set(3, "000000");
        m.set(4, String.format("%012d", amount));
        m.set(11, trace);
        m.set(22, "022");
        m.set(25, "00");
        m.set(35, PAN + "D30121010000000000");
        m.set(41, GatewayFixture.TID);
        m.set(42, GatewayFixture.MID);
        m.set(49, "156");
        m.set(60, Field60.of("22", batch, "000").format());
        if (macText != null) {
            m.set(64, macText.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return m;
    }

    private static long capturedRows(GatewayFixture fixture) {
        Long rows = fixture.store().read(s -> s.getMapper(TransactionMapper.class).count());
        return rows;
    }

    private static CapturedTransaction find(GatewayFixture fixture, String batch, String trace, TransactionKind kind) {
        return fixture.store().read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(GatewayFixture.TID, batch, trace, kind));
    }
}
