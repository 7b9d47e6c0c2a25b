package tms.store.testing;

import tms.store.Store;
import tms.store.StoreConfig;

/**
 * A database for one test: H2 in memory always, MariaDB when reachable.
 *
 * <p>Handed to a {@code @ParameterizedTest} by {@code @MethodSource("tms.store.testing.TestDatabases#all")}, it is
 * closed by JUnit after the test (parameters that are {@link AutoCloseable} are closed automatically).
 */
public interface TestDatabase extends AutoCloseable {

    /** "H2" or "MariaDB". */
    String name();

    /**
     * A fresh, empty, migrated database of its own (H2: a unique in-memory name; MariaDB: {@code CREATE DATABASE
     * tms_t<random>}). Call it once per test; MariaDB-backed tests are skipped (or fail under {@code CI=true}) when
     * the server is not reachable.
     */
    Store open();

    /** Another store with a pool of its own on the database {@link #open()} made, as a second node would open it. */
    Store openAnother();

    /** Where the database {@link #open()} made lives, e.g. to hand to code that opens its own store. */
    StoreConfig config();

    /** Closes every store opened here and drops the MariaDB database. */
    @Override
    void close();
}
