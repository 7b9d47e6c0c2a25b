package tms.store.testing;

import java.util.stream.Stream;

/** The databases every store test runs on: H2 always, and MariaDB when reachable. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /**
     * H2 then MariaDB, for {@code @ParameterizedTest @MethodSource("tms.store.testing.TestDatabases#all")}; each
     * prints as its name, so tests read "[1] H2", "[2] MariaDB".
     */
    public static Stream<TestDatabase> all() {
        return Stream.of(h2(), mariaDb());
    }

    /** A private in-memory H2 database in MySQL mode. */
    public static TestDatabase h2() {
        return new H2TestDatabase();
    }

    /** A private database on the MariaDB server named by {@code TMS_TEST_MARIADB} (default 127.0.0.1:3307). */
    public static TestDatabase mariaDb() {
        return new MariaDbTestDatabase(MariaDbServer.fromEnvironment());
    }
}
