package tms.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import tms.store.Merchant;
import tms.store.MerchantMapper;
import tms.store.Store;
import tms.store.StoreConfig;
import tms.store.StoreUnavailableException;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TransactionMapper;

class TestDatabasesTest {

    @Test
    void offersH2ThenMariaDbNamedAsTheyPrint() {
        assertThat(TestDatabases.all().map(TestDatabase::toString)).containsExactly("H2", "MariaDB");
        assertThat(TestDatabases.all().map(TestDatabase::name)).containsExactly("H2", "MariaDB");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void eachDatabaseIsFreshEmptyAndItsOwn(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340001", "Mine", null));
            return null;
        });

        try (TestDatabase other = db.name().equals("H2") ? TestDatabases.h2() : TestDatabases.mariaDb()) {
            Store otherStore = other.open();
            Merchant notThere = otherStore.read(s -> s.getMapper(MerchantMapper.class).findByMid("898100012340001"));
            List<Terminal> noTerminals = otherStore.read(s -> s.getMapper(TerminalMapper.class).list(10));
            long noTransactions = otherStore.read(s -> s.getMapper(TransactionMapper.class).count());
            assertThat(notThere).isNull();
            assertThat(noTerminals).isEmpty();
            assertThat(noTransactions).isZero();
        }
        Merchant stillThere = store.read(s -> s.getMapper(MerchantMapper.class).findByMid("898100012340001"));
        assertThat(stillThere).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refusesASecondOpenAndPointsToOpenAnother(TestDatabase db) {
        db.open();

        assertThatThrownBy(db::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("openAnother()");
    }

    @Test
    void closingMariaDbDropsItsDatabase() {
        StoreConfig config;
        try (TestDatabase db = TestDatabases.mariaDb()) {
            db.open();
            config = db.config();
        }

        assertThatThrownBy(() -> Store.open(config))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("Unknown database");
    }

    @Test
    void closingH2ShutsItsDatabaseDown() throws SQLException {
        StoreConfig config;
        try (TestDatabase db = TestDatabases.h2()) {
            db.open();
            config = db.config();
        }

        // connecting again makes a new, empty database of the same name: the old tables must be gone
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'merchant'")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void anUnreachableMariaDbSkipsTheTestOrFailsItUnderCi() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestDatabase db = new MariaDbTestDatabase(new MariaDbServer("127.0.0.1:" + closedPort, "tms", "tms"), false);

        Class<? extends Throwable> expected = "true".equalsIgnoreCase(System.getenv("CI"))
                ? AssertionFailedError.class
                : TestAbortedException.class;
        assertThatThrownBy(db::open).isInstanceOf(expected)
                .hasMessageContaining("MariaDB not reachable at 127.0.0.1:" + closedPort);
        db.close();
    }

    @Test
    void refusesAMalformedAddressNamingIt() {
        assertThatThrownBy(() -> new MariaDbServer("localhost", "tms", "tms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost'").hasMessageContaining("host:port");
    }
}
