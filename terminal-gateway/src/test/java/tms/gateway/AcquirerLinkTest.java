package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.MacAlgorithm;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.CupMessageCodec;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.UpstreamReversal;
import tms.store.UpstreamReversalMapper;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/**
 * The upstream link against a platform on a real socket: approve, decline, slow, silent, a connection cut in the
 * middle of an answer, a bad MAC, several connections, echo tests, and reversals owed until acknowledged — also by
 * a link started afresh on the same store, as after a restart.
 */
class AcquirerLinkTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CLEAR_PIK = HEX.parseHex("22222222222222222222222222222222");
    private static final byte[] CLEAR_ZPK = HEX.parseHex("0123456789abcdeffedcba9876543210");
    private static final byte[] CLEAR_ZAK = HEX.parseHex("89abcdef0123456776543210fedcba98");
    private static final String PAN = "6217857600008050804";

    @TempDir
    Path temp;

    private TestDatabase database;
    private Store store;
    private SecurityModule hostHsm;
    private FakePlatform platform;
    private final List<AcquirerLink> links = new ArrayList<>();
    private WrappedKey zpk;
    private WrappedKey zak;
    private WrappedKey pik;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabases.h2();
        store = database.open();
        hostHsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("host-lmk.key")));
        zpk = hostHsm.formKeyFromComponents(KeyUsage.ZPK, List.of(CLEAR_ZPK.clone()));
        zak = hostHsm.formKeyFromComponents(KeyUsage.ZAK, List.of(CLEAR_ZAK.clone()));
        pik = hostHsm.formKeyFromComponents(KeyUsage.PIK, List.of(CLEAR_PIK.clone()));
        // the platform holds its own copy of the zone MAC key, under its own LMK
        SecurityModule platformHsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("platform-lmk.key")));
        platform = new FakePlatform(platformHsm, platformHsm.formKeyFromComponents(KeyUsage.ZAK, List.of(CLEAR_ZAK.clone())),
                MacAlgorithm.X9_19);
    }

    @AfterEach
    void tearDown() throws Exception {
        links.forEach(AcquirerLink::close);
        platform.close();
        database.close();
    }

    private AcquirerLinkConfig config() {
        return AcquirerLinkConfig.of("127.0.0.1", platform.port(), "12345678", zpk, zak)
                .withTimeout(Duration.ofMillis(400)).withConnections(2);
    }

    private AcquirerLink link(AcquirerLinkConfig config) {
        AcquirerLink link = new AcquirerLink(config, hostHsm, store, Clock.systemUTC()).start();
        links.add(link);
        eventually(Duration.ofSeconds(5), () -> link.openConnections() == config.connections());
        return link;
    }

    private static AuthorisationRequest purchase(String rrn, long amount, byte[] pinBlock, WrappedKey pik) {
        return new AuthorisationRequest(TransactionKind.PURCHASE, "10000001", "898100012340001", PAN, amount, "156", rrn,
                "021", pinBlock, pik);
    }

    private long owed() {
        return store.read(s -> s.getMapper(UpstreamReversalMapper.class).countOutstanding());
    }

    @Test
    void anApprovalCarriesTheMappedTerminalTheTranslatedPinAndAMacThePlatformVerifies() throws Exception {
        AcquirerLink link = link(config().withTerminals(Map.of("10000001",
                new AcquirerLinkConfig.PlatformTerminal("P0000001", "PLATFORMMID0001"))));
        byte[] clearBlock = format0("864213", PAN);
        byte[] fromTerminal = tripleDes(CLEAR_PIK, true, clearBlock);

        PlatformDecision decision = link.authorise(purchase("000000000101", 1234, fromTerminal, pik));

        assertThat(decision.responseCode()).isEqualTo("00");
        assertThat(decision.authCode()).hasSize(6).startsWith("A");
        ISOMsg sent = platform.received("0200").get(0);
        assertThat(sent.getString(41)).isEqualTo("P0000001");
        assertThat(sent.getString(42)).isEqualTo("PLATFORMMID0001");
        assertThat(sent.getString(37)).isEqualTo("000000000101");
        assertThat(sent.getString(4)).isEqualTo("000000001234");
        assertThat(sent.getString(32)).isEqualTo("12345678");
        assertThat(sent.getString(53)).isEqualTo("2600000000000000");
        // the PIN now travels under the zone PIN key, as a format-0 block for the same PIN and card
        assertThat(tripleDes(CLEAR_ZPK, false, sent.getBytes(52))).isEqualTo(clearBlock);
        assertThat(sent.getBytes(52)).isNotEqualTo(fromTerminal);
        // the MAC is the X9.19 MAC under the zone MAC key, computed here with the clear key and Bouncy Castle
        byte[] body = platform.receivedBodies().get(0);
        assertThat(sent.getBytes(64)).isEqualTo(retailMac(CLEAR_ZAK, CupMessageCodec.macBlockInput(body)));
        assertThat(owed()).isZero();
    }

    @Test
    void aVoidRefundOrPreAuthorisationIsRefusedPlainlyAndNotSentAsSomethingElse() {
        AcquirerLink link = link(config());
        for (TransactionKind kind : List.of(TransactionKind.PURCHASE_VOID, TransactionKind.REFUND,
                TransactionKind.PRE_AUTH, TransactionKind.PRE_AUTH_VOID, TransactionKind.PRE_AUTH_COMPLETION,
                TransactionKind.PRE_AUTH_COMPLETION_VOID)) {
            AuthorisationRequest request = new AuthorisationRequest(kind, "10000001", "898100012340001", PAN, 100, "156",
                    "000000000120", "021", null, null);
            assertThat(link.authorise(request).responseCode()).isEqualTo("12");
        }
        assertThat(platform.received("0200")).isEmpty();
        assertThat(platform.received("0100")).isEmpty();
        assertThat(owed()).isZero();
    }

    @Test
    void aDeclineIsPassedOnAndOwesNothing() {
        AcquirerLink link = link(config());
        platform.behaviour = m -> FakePlatform.Behaviour.DECLINE_51;

        assertThat(link.authorise(purchase("000000000102", 500, null, null)).responseCode()).isEqualTo("51");
        assertThat(platform.received("0200").get(0).hasField(52)).as("no PIN, no field 52").isFalse();
        assertThat(owed()).isZero();
    }

    @Test
    void aBalanceInquiryCarriesTheBalanceBackAndNeedsNoReversalWhenUnanswered() {
        AcquirerLink link = link(config());
        AuthorisationRequest balance = new AuthorisationRequest(TransactionKind.BALANCE_INQUIRY, "10000001",
                "898100012340001", PAN, 0, "156", "000000000110", "021", null, null);

        assertThat(link.authorise(balance).balance()).isEqualTo(12345L);
        platform.behaviour = m -> FakePlatform.Behaviour.SILENT;
        AuthorisationRequest again = new AuthorisationRequest(TransactionKind.BALANCE_INQUIRY, "10000001",
                "898100012340001", PAN, 0, "156", "000000000111", "021", null, null);
        assertThat(link.authorise(again).responseCode()).isEqualTo("98");
        assertThat(owed()).isZero();
    }

    @Test
    void aSlowAnswerIs98AndAReversalThatIsSentUntilAcknowledged() {
        AcquirerLink link = link(config());
        platform.behaviour = m -> "0200".equals(m.getString(0)) ? FakePlatform.Behaviour.SLOW : FakePlatform.Behaviour.APPROVE;

        PlatformDecision decision = link.authorise(purchase("000000000103", 700, null, null));

        assertThat(decision.responseCode()).isEqualTo("98");
        String stan = platform.received("0200").get(0).getString(11);
        UpstreamReversal owed = store.read(s -> s.getMapper(UpstreamReversalMapper.class)
                .find("10000001", stan, "000000000103"));
        assertThat(owed).isNotNull();
        assertThat(owed.reason()).isEqualTo("98");
        eventually(Duration.ofSeconds(5), () -> owed() == 0);
        ISOMsg reversal = platform.received("0400").get(0);
        assertThat(reversal.getString(11)).isEqualTo(stan);
        assertThat(reversal.getString(37)).isEqualTo("000000000103");
        assertThat(reversal.getString(4)).isEqualTo("000000000700");
        assertThat(reversal.getString(39)).isEqualTo("98");
        assertThat(reversal.hasField(2)).as("no card number is kept for a reversal").isFalse();
    }

    @Test
    void aSilentPlatformGets98AndTheReversalIsRetriedWithBackOffUntilItAnswers() throws Exception {
        AcquirerLink link = link(config());
        platform.behaviour = m -> FakePlatform.Behaviour.SILENT;

        assertThat(link.authorise(purchase("000000000104", 800, null, null)).responseCode()).isEqualTo("98");
        eventually(Duration.ofSeconds(8), () -> platform.received("0400").size() >= 2);
        assertThat(owed()).isEqualTo(1);

        platform.behaviour = m -> FakePlatform.Behaviour.APPROVE;
        eventually(Duration.ofSeconds(10), () -> owed() == 0);
        UpstreamReversal settled = store.read(s -> s.getMapper(UpstreamReversalMapper.class)
                .find("10000001", platform.received("0200").get(0).getString(11), "000000000104"));
        assertThat(settled.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(settled.lastResponse()).isEqualTo("00");
    }

    @Test
    void aConnectionCutMidAnswerIs98AndTheLinkDialsAgain() {
        AcquirerLink link = link(config().withTimeout(Duration.ofSeconds(3)));
        platform.behaviour = m -> FakePlatform.Behaviour.DISCONNECT_MID_ANSWER;

        long started = System.nanoTime();
        assertThat(link.authorise(purchase("000000000105", 900, null, null)).responseCode()).isEqualTo("98");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a lost connection is given up on at once, not at the timeout").isLessThan(Duration.ofSeconds(2));
        assertThat(owed()).isEqualTo(1);

        platform.behaviour = m -> FakePlatform.Behaviour.APPROVE;
        eventually(Duration.ofSeconds(5), () -> link.openConnections() == 2);
        assertThat(link.authorise(purchase("000000000106", 900, null, null)).responseCode()).isEqualTo("00");
        assertThat(platform.connectionsAccepted()).isGreaterThanOrEqualTo(3);
        eventually(Duration.ofSeconds(5), () -> owed() == 0);
    }

    @Test
    void anAnswerWithABadMacIsNotTrustedAndIsReversed() {
        AcquirerLink link = link(config());
        platform.behaviour = m -> "0200".equals(m.getString(0)) ? FakePlatform.Behaviour.BAD_MAC : FakePlatform.Behaviour.APPROVE;

        assertThat(link.authorise(purchase("000000000107", 1000, null, null)).responseCode()).isEqualTo("98");
        UpstreamReversal owed = store.read(s -> s.getMapper(UpstreamReversalMapper.class)
                .find("10000001", platform.received("0200").get(0).getString(11), "000000000107"));
        assertThat(owed.reason()).isEqualTo("96");
    }

    @Test
    void withThePlatformDownNothingIsSentSo96AndNothingOwed() throws Exception {
        int port = platform.port();
        platform.close();
        AcquirerLink link = new AcquirerLink(AcquirerLinkConfig.of("127.0.0.1", port, null, zpk, zak)
                .withTimeout(Duration.ofMillis(300)), hostHsm, store, Clock.systemUTC()).start();
        links.add(link);

        assertThat(link.authorise(purchase("000000000108", 100, null, null)).responseCode()).isEqualTo("96");
        assertThat(owed()).isZero();
    }

    @Test
    void answersOnSeveralConnectionsFindTheirOwnRequests() throws Exception {
        AcquirerLink link = link(config().withConnections(3).withTimeout(Duration.ofSeconds(5)));
        // answers come back out of order: the larger the amount, the sooner
        platform.behaviour = m -> FakePlatform.Behaviour.SLOW;
        platform.slowBy = Duration.ofMillis(50);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<PlatformDecision>> decisions = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                String rrn = String.format("%012d", 200 + i);
                decisions.add(pool.submit(() -> link.authorise(purchase(rrn, 100, null, null))));
            }
            for (Future<PlatformDecision> d : decisions) {
                assertThat(d.get().responseCode()).isEqualTo("00");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(platform.connectionsAccepted()).isEqualTo(3);
        // each approval's auth code is made from its own request's STAN: no answer went to another request
        assertThat(platform.received("0200")).extracting(m -> m.getString(11)).doesNotHaveDuplicates().hasSize(36);
    }

    @Test
    void aQuietConnectionIsEchoTestedAndReplacedWhenTheEchoGoesUnanswered() {
        link(config().withConnections(1).withEchoInterval(Duration.ofMillis(300)));
        eventually(Duration.ofSeconds(5), () -> !platform.received("0820").isEmpty());
        assertThat(platform.received("0820").get(0).getString(60)).endsWith("301");

        platform.behaviour = m -> "0820".equals(m.getString(0)) ? FakePlatform.Behaviour.SILENT : FakePlatform.Behaviour.APPROVE;
        eventually(Duration.ofSeconds(8), () -> platform.connectionsAccepted() >= 2);
    }

    @Test
    void aReversalOwedBeforeARestartIsSentByTheNextLink() throws Exception {
        AcquirerLink first = link(config());
        platform.behaviour = m -> FakePlatform.Behaviour.SILENT;
        assertThat(first.authorise(purchase("000000000109", 1100, null, null)).responseCode()).isEqualTo("98");
        first.close();
        assertThat(owed()).isEqualTo(1);

        platform.behaviour = m -> FakePlatform.Behaviour.APPROVE;
        link(config());
        eventually(Duration.ofSeconds(10), () -> owed() == 0);
        assertThat(platform.received("0400")).extracting(m -> m.getString(37)).contains("000000000109");
    }

    private static void eventually(Duration max, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so within " + max);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** ISO 9564 format 0, written out: 0N + PIN + F fill, XOR 0000 + the 12 rightmost PAN digits without the check digit. */
    private static byte[] format0(String pin, String pan) {
        String pinField = ("0" + pin.length() + pin + "FFFFFFFFFFFFFFFF").substring(0, 16);
        String panField = "0000" + pan.substring(pan.length() - 13, pan.length() - 1);
        byte[] a = HEX.parseHex(pinField.toLowerCase());
        byte[] b = HEX.parseHex(panField);
        for (int i = 0; i < 8; i++) {
            a[i] ^= b[i];
        }
        return a;
    }

    private static byte[] tripleDes(byte[] key, boolean encrypt, byte[] data) throws Exception {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DESede/ECB/NoPadding");
        byte[] k = new byte[24];
        System.arraycopy(key, 0, k, 0, 16);
        System.arraycopy(key, 0, k, 16, 8);
        c.init(encrypt ? javax.crypto.Cipher.ENCRYPT_MODE : javax.crypto.Cipher.DECRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(k, "DESede"));
        return c.doFinal(data);
    }

    private static byte[] retailMac(byte[] key, byte[] data) {
        org.bouncycastle.crypto.macs.ISO9797Alg3Mac mac = new org.bouncycastle.crypto.macs.ISO9797Alg3Mac(
                new org.bouncycastle.crypto.engines.DESEngine());
        mac.init(new org.bouncycastle.crypto.params.KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[8];
        mac.doFinal(out, 0);
        return out;
    }
}
