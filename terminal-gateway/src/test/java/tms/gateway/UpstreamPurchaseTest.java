package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.MacAlgorithm;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.TransactionMapper;
import tms.store.UpstreamReversalMapper;
import tms.store.testing.TestDatabase;

/** A terminal's purchase through the gateway and the upstream link to a platform on a real socket. */
class UpstreamPurchaseTest {

    private static final byte[] CLEAR_ZPK = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
    private static final byte[] CLEAR_ZAK = HexFormat.of().parseHex("89abcdef0123456776543210fedcba98");
    private static final String CARD = "6212261234567890";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void approvedUpstreamIsCapturedAndASilentPlatformGives98AndAnOwedReversal(TestDatabase db) throws Exception {
        SecurityModule platformHsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("platform.key")));
        AtomicReference<PaymentPlatform> upstream = new AtomicReference<>();
        try (FakePlatform platform = new FakePlatform(platformHsm,
                platformHsm.formKeyFromComponents(KeyUsage.ZAK, List.of(CLEAR_ZAK.clone())), MacAlgorithm.X9_19);
             GatewayFixture fixture = new GatewayFixture(db, temp, GatewayConfig.defaults(),
                     request -> upstream.get().authorise(request))) {
            SecurityModule host = fixture.hostHsm();
            try (AcquirerLink link = new AcquirerLink(AcquirerLinkConfig.of("127.0.0.1", platform.port(), "12345678",
                    host.formKeyFromComponents(KeyUsage.ZPK, List.of(CLEAR_ZPK.clone())),
                    host.formKeyFromComponents(KeyUsage.ZAK, List.of(CLEAR_ZAK.clone())))
                    .withTimeout(Duration.ofMillis(500)), host, fixture.store(), Clock.systemUTC()).start()) {
                upstream.set(link);
                fixture.registerDefault();
                try (SimulatedTerminal terminal = fixture.terminal()) {
                    assertThat(terminal.signIn("004").responseCode()).isEqualTo("00");

                    TransactionResult approved = terminal.purchase(2500, CARD);
                    assertThat(approved.responseCode()).isEqualTo("00");
                    assertThat(platform.received("0200")).hasSize(1);
                    assertThat(platform.received("0200").get(0).getString(37)).isEqualTo(approved.rrn());

                    platform.behaviour = m -> "0200".equals(m.getString(0)) ? FakePlatform.Behaviour.SILENT
                            : FakePlatform.Behaviour.APPROVE;
                    TransactionResult timedOut = terminal.purchase(3600, CARD);
                    assertThat(timedOut.responseCode()).isEqualTo("98");
                }
                List<CapturedTransaction> rows = fixture.store().read(s -> s.getMapper(TransactionMapper.class).listRecent(10));
                assertThat(rows).extracting(CapturedTransaction::responseCode).containsExactlyInAnyOrder("00", "98");
                // the reversal owed for the 98 is sent and acknowledged by the platform
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (outstanding(fixture) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(outstanding(fixture)).isZero();
                assertThat(platform.received("0400")).hasSize(1);
            }
        }
    }

    private static long outstanding(GatewayFixture fixture) {
        Long n = fixture.store().read(s -> s.getMapper(UpstreamReversalMapper.class).countOutstanding());
        return n;
    }
}
