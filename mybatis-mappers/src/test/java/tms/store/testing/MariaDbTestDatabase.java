package tms.store.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tms.store.Store;
import tms.store.StoreConfig;

/** A private database {@code tms_t<random>} on the test MariaDB server, dropped when the test ends. */
final class MariaDbTestDatabase implements TestDatabase {

    private static final int POOL_SIZE = 4;
    /** Addresses whose skip notice was printed: once per JVM is enough to be seen without drowning the log. */
    private static final Set<String> SKIP_NOTICE_PRINTED = ConcurrentHashMap.newKeySet();

    private final MariaDbServer server;
    private final StoresOfOneTest stores = new StoresOfOneTest();
    private final boolean announceSkip;
    private String database;

    MariaDbTestDatabase(MariaDbServer server) {
        this(server, true);
    }

    /** {@code announceSkip} false keeps a test of the skipping itself from printing a notice that alarms readers. */
    MariaDbTestDatabase(MariaDbServer server, boolean announceSkip) {
        this.server = server;
        this.announceSkip = announceSkip;
    }

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public synchronized Store open() {
        stores.requireNotOpened();
        requireReachable();
        database = "tms_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return stores.openFirst(server.database(database, POOL_SIZE));
    }

    private void requireReachable() {
        MariaDbServer.Reachability reachability = server.reachability();
        if (reachability.reachable()) {
            return;
        }
        String message = "MariaDB not reachable at " + server.address() + " (" + reachability.problem() + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + ": CI=true requires it; start it or set TMS_TEST_MARIADB=host:port");
        }
        if (announceSkip && SKIP_NOTICE_PRINTED.add(server.address())) {
            printVisibly("*** MariaDB not reachable at " + server.address()
                    + ": MariaDB-backed tests are SKIPPED (set TMS_TEST_MARIADB, or run .ci/run) ***");
        }
        Assumptions.abort(message + ": MariaDB-backed test skipped");
    }

    /**
     * Surefire may redirect System.err into a report file where nobody looks; the process's own stderr reaches the
     * build's console, so the notice goes to both.
     */
    private static void printVisibly(String notice) {
        System.err.println(notice);
        PrintStream processError = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        processError.println(notice);
        processError.flush();
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
    public synchronized void close() {
        try {
            stores.closeAll();
        } finally {
            if (database != null) {
                execute("DROP DATABASE IF EXISTS " + database);
                database = null;
            }
        }
    }

    private void execute(String sql) {
        try (Connection connection = server.connectToServer(2_000);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + server.address() + " refused '" + sql + "': "
                    + e.getMessage() + ". The test user needs CREATE and DROP on *.*", e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
