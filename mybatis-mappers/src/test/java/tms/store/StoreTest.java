package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.store.StoredRows.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

class StoreTest {

    private static final Instant NOON = Instant.parse("2024-03-14T04:00:00Z");

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void writeCommitsAndReturnsTheResult(TestDatabase db) {
        Store store = db.open();

        String mid = store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340001", "Committed", null));
            return "898100012340001";
        });

        // read on another connection: only a committed row is visible there
        assertThat(merchant(store, mid)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void writeRollsBackEverythingWhenTheWorkThrows(TestDatabase db) {
        Store store = db.open();
        IllegalStateException failure = new IllegalStateException("upstream said no");

        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340002", "Half", null));
            s.getMapper(TerminalMapper.class).insert(SampleRows.terminal("SN0000000001", "10000001"));
            throw failure;
        })).isSameAs(failure);

        assertThat(merchant(store, "898100012340002")).isNull();
        assertThat(terminals(store, 10)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void writeRollsBackTheEarlierStatementsWhenALaterOneIsADuplicate(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(TransactionMapper.class).insert(SampleRows.purchase("10000001", "000001", "000001", NOON));
            return null;
        });

        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(TerminalMapper.class).updateBatch("10000001", "000002");
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340003", "Half", null));
            s.getMapper(TransactionMapper.class).insert(SampleRows.purchase("10000001", "000001", "000001", NOON));
            return null;
        })).satisfies(e -> assertThat(Store.isDuplicateKey(e)).isTrue());

        assertThat(merchant(store, "898100012340003")).isNull();
        assertThat(transactionCount(store)).isEqualTo(1L);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void tellsAMissingValueFromADuplicateKey(TestDatabase db) {
        Store store = db.open();

        // a NOT NULL violation is an integrity error too (SQLState 23xxx on both), but not a duplicate
        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340004", null, null));
            return null;
        })).satisfies(e -> assertThat(Store.isDuplicateKey(e)).as("isDuplicateKey(%s)", e).isFalse());
    }

    @Test
    void isDuplicateKeyIsFalseForOtherFailures() {
        assertThat(Store.isDuplicateKey(null)).isFalse();
        assertThat(Store.isDuplicateKey(new IllegalStateException("x", new IOException("y")))).isFalse();
        assertThat(Store.isDuplicateKey(new SQLException("lock wait timeout", "40001", 1205))).isFalse();
    }

    @Test
    void isDuplicateKeyLooksThroughWrappers() {
        SQLException mysql = new SQLException("Duplicate entry", "23000", 1062);
        SQLException h2 = new SQLException("Unique index or primary key violation", "23505", 23505);

        assertThat(Store.isDuplicateKey(new RuntimeException(new RuntimeException(mysql)))).isTrue();
        assertThat(Store.isDuplicateKey(new RuntimeException(h2))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void recordsTheMigrationAndOpensAnAlreadyMigratedDatabase(TestDatabase db) throws SQLException {
        Store first = db.open();
        first.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340005", "Kept", null));
            return null;
        });

        Store second = db.openAnother();

        assertThat(merchant(second, "898100012340005")).isNotNull();
        List<String> versions = new ArrayList<>();
        try (Connection connection = second.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rows.next()) {
                assertThat(rows.getBoolean("success")).isTrue();
                versions.add(rows.getString("version"));
            }
        }
        assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "12");
    }

    @Test
    void keepsAnH2FileDatabaseAcrossRestarts(@TempDir Path directory) {
        StoreConfig config = StoreConfig.h2File(directory);
        try (Store store = Store.open(config)) {
            store.write(s -> {
                s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340006", "On disk", null));
                return null;
            });
        }

        try (Store reopened = Store.open(config)) {
            assertThat(merchant(reopened, "898100012340006"))
                    .extracting(Merchant::name).isEqualTo("On disk");
        }
        assertThat(directory.resolve("tms.mv.db")).exists();
    }

    @Test
    void reportsADeadDatabaseQuicklyWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreConfig config = new StoreConfig("jdbc:mysql://127.0.0.1:" + closedPort + "/tms?password=s3cret-pw",
                "tms", "s3cret-pw", 2);
        long started = System.nanoTime();

        assertThatThrownBy(() -> Store.open(config))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("jdbc:mysql://127.0.0.1:" + closedPort + "/tms?password=***")
                .hasMessageContaining("Check that the database server is running")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}
