package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.h2.tools.Server;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.StoreConfig;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/**
 * The database goes away under a running gateway and comes back: financial messages get 96 in time and nothing is
 * approved meanwhile, then purchases are approved again without a restart (once the pool has reconnected). H2 runs as a TCP server that is stopped
 * and started again on its port; MariaDB (shared with other tests, so never stopped) is reached through a link
 * that is cut and restored.
 */
class DatabaseOutageTest {

    private static final String PAN = "6212261234567890";
    /** The platform takes the database away while it decides a purchase of this amount. */
    private static final long CUT_WHILE_DECIDING = 4242;
    /** What the issue allows a terminal to wait for its 96 while the database is down. */
    private static final Duration IN_TIME = Duration.ofSeconds(2);
    /** HikariCP's reconnect back-off (at most 5 s) plus room for a busy machine. */
    private static final Duration RECONNECTED_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    static Stream<String> databases() {
        return Stream.of("H2 server", "MariaDB behind a link");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("databases")
    void financialMessagesGet96InTimeDuringAnOutageAndAreApprovedAgainWhenTheDatabaseIsBack(String kind)
            throws Exception {
        try (Outage outage = kind.startsWith("H2") ? new H2ServerOutage(temp.resolve("db")) : new LinkOutage()) {
            StandInPlatform standIn = new StandInPlatform(StandInRules.defaults());
            PaymentPlatform platform = request -> {
                if (request.amount() == CUT_WHILE_DECIDING) {
                    outage.begin();
                }
                return standIn.authorise(request);
            };
            try (GatewayFixture fixture = new GatewayFixture(outage, temp, GatewayConfig.defaults(), platform);
                 SimulatedTerminal terminal = fixture.signedInTerminal()) {
                TransactionResult before = terminal.purchase(100, PAN);
                assertThat(before.responseCode()).isEqualTo("00");

                // the PENDING row is committed, then the database goes while the platform decides
                TransactionResult cut = timed(() -> terminal.purchase(CUT_WHILE_DECIDING, PAN));
                assertThat(cut.responseCode()).isEqualTo("96");
                assertThat(cut.authCode()).isNull();
                for (int i = 0; i < 3; i++) {
                    TransactionResult down = timed(() -> terminal.purchase(200, PAN));
                    assertThat(down.responseCode()).as("purchase %d during the outage", i).isEqualTo("96");
                    assertThat(down.authCode()).isNull();
                }

                outage.end();
                // the pool reconnects on its own, retrying with a back-off that HikariCP caps at 5 s: until then
                // the terminal keeps hearing 96 in time, never an approval the host does not keep
                long giveUp = System.nanoTime() + RECONNECTED_WITHIN.toNanos();
                TransactionResult after = timed(() -> terminal.purchase(300, PAN));
                while (!after.approved() && System.nanoTime() < giveUp) {
                    assertThat(after.responseCode()).isEqualTo("96");
                    after = timed(() -> terminal.purchase(300, PAN));
                }
                assertThat(after.responseCode()).as("a purchase once the database is back").isEqualTo("00");
                assertThat(terminal.purchase(400, PAN).responseCode()).isEqualTo("00");

                List<CapturedTransaction> rows = fixture.store().read(s -> s.getMapper(TransactionMapper.class)
                        .listRecent(100));
                assertThat(rows).filteredOn(row -> row.status() == TransactionStatus.APPROVED)
                        .extracting(CapturedTransaction::amount).containsExactlyInAnyOrder(100L, 300L, 400L);
                assertThat(rows).filteredOn(row -> row.amount() == 200).isEmpty();
                CapturedTransaction undecided = fixture.store().read(s -> s.getMapper(TransactionMapper.class)
                        .findByKey(GatewayFixture.TID, cut.batch(), cut.trace(), TransactionKind.PURCHASE));
                // the terminal heard 96 and reverses it; the host never recorded an approval
                assertThat(undecided.status()).isEqualTo(TransactionStatus.PENDING);
            }
        }
    }

    private static TransactionResult timed(Exchange exchange) throws Exception {
        long start = System.nanoTime();
        TransactionResult result = exchange.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("time to the answer %s", result.responseCode()).isLessThan(IN_TIME);
        return result;
    }

    @FunctionalInterface
    private interface Exchange {
        TransactionResult run() throws Exception;
    }

    /** A database the test can take away and give back; hands the fixture a store reaching it. */
    private abstract static class Outage implements TestDatabase {

        abstract void begin();

        abstract void end() throws Exception;

        @Override
        public Store openAnother() {
            throw new UnsupportedOperationException("one store is enough here");
        }
    }

    /** H2 in server mode on a port of its own, stopped and started again on that port. */
    private static final class H2ServerOutage extends Outage {

        private final Path directory;
        private Server server;
        private final int port;
        private final StoreConfig config;
        private Store store;

        H2ServerOutage(Path directory) throws Exception {
            this.directory = directory;
            this.server = tcpServer(0);
            this.port = server.getPort();
            this.config = new StoreConfig("jdbc:h2:tcp://127.0.0.1:" + port + "/outage" + StoreConfig.H2_SETTINGS
                    + StoreConfig.H2_FILE_DURABILITY, "sa", "", 4);
        }

        private Server tcpServer(int onPort) throws Exception {
            return Server.createTcpServer("-tcpPort", String.valueOf(onPort), "-baseDir", directory.toString(),
                    "-ifNotExists").start();
        }

        @Override
        synchronized void begin() {
            server.stop();
        }

        @Override
        synchronized void end() throws Exception {
            server = tcpServer(port);
        }

        @Override
        public String name() {
            return "H2 server";
        }

        @Override
        public Store open() {
            store = Store.open(config);
            return store;
        }

        @Override
        public StoreConfig config() {
            return config;
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
            server.stop();
        }
    }

    /** The test MariaDB reached through a {@link SeverableLink}. */
    private static final class LinkOutage extends Outage {

        private static final Pattern HOST_PORT = Pattern.compile("jdbc:mysql://([^/:]+):(\\d+)/");

        private final TestDatabase mariaDb = TestDatabases.mariaDb();
        private SeverableLink link;
        private StoreConfig config;
        private Store store;

        @Override
        void begin() {
            try {
                link.cut();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        void end() throws Exception {
            link.restore();
        }

        @Override
        public String name() {
            return "MariaDB behind a link";
        }

        @Override
        public Store open() {
            mariaDb.open(); // skips the test when the server is not reachable; migrates the fresh database
            StoreConfig direct = mariaDb.config();
            Matcher m = HOST_PORT.matcher(direct.jdbcUrl());
            if (!m.find()) {
                throw new IllegalStateException("unexpected MariaDB URL " + direct.redactedUrl());
            }
            try {
                link = new SeverableLink(m.group(1), Integer.parseInt(m.group(2)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            config = new StoreConfig(direct.jdbcUrl().replace(m.group(1) + ":" + m.group(2),
                    "127.0.0.1:" + link.port()), direct.user(), direct.password(), 4);
            store = Store.open(config);
            return store;
        }

        @Override
        public StoreConfig config() {
            return config;
        }

        @Override
        public void close() {
            try {
                if (store != null) {
                    store.close();
                }
                if (link != null) {
                    link.close();
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                mariaDb.close();
            }
        }
    }
}
