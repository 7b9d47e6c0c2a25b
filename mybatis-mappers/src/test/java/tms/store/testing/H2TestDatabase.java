package tms.store.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import tms.store.Store;
import tms.store.StoreConfig;

/** A private in-memory H2 database, shut down when the test ends. */
final class H2TestDatabase implements TestDatabase {

    private static final int POOL_SIZE = 4;

    private final StoresOfOneTest stores = new StoresOfOneTest();

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public Store open() {
        String database = "tms_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return stores.openFirst(StoreConfig.h2Memory(database, POOL_SIZE));
    }

    @Override
    public Store openAnother() {
        return stores.openAnother();
    }

    @Override
    public StoreConfig config() {
        return stores.config();
    }

    @Override
    public void close() {
        try {
            stores.closeAll();
        } finally {
            if (stores.opened()) {
                shutDown();
            }
        }
    }

    // DB_CLOSE_DELAY=-1 keeps an in-memory database after its last connection closes; SHUTDOWN frees it
    private void shutDown() {
        StoreConfig config = stores.config();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not shut down the test database " + config.redactedUrl(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
