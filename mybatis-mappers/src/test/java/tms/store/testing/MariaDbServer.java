package tms.store.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tms.store.StoreConfig;

/** The MariaDB server the tests use, where it is and whether it answers (asked once per JVM). */
final class MariaDbServer {

    static final String DEFAULT_ADDRESS = "127.0.0.1:3307";

    private static final Map<String, Reachability> REACHABILITY = new ConcurrentHashMap<>();

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    MariaDbServer(String address, String user, String password) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("TMS_TEST_MARIADB is '" + address + "': expected host:port, e.g. "
                    + DEFAULT_ADDRESS);
        }
        try {
            this.port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TMS_TEST_MARIADB is '" + address
                    + "': the port is not a number; expected host:port, e.g. " + DEFAULT_ADDRESS, e);
        }
        this.host = address.substring(0, colon).replace("[", "").replace("]", "");
        this.user = user;
        this.password = password;
    }

    static MariaDbServer fromEnvironment() {
        return new MariaDbServer(
                environment("TMS_TEST_MARIADB", DEFAULT_ADDRESS),
                environment("TMS_TEST_MARIADB_USER", "tms"),
                environment("TMS_TEST_MARIADB_PASSWORD", "tms"));
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    String address() {
        return host + ":" + port;
    }

    /** Whether the server answered a login; asked once per JVM and address, with a 2 s connect timeout. */
    Reachability reachability() {
        return REACHABILITY.computeIfAbsent(address() + "/" + user, key -> probe());
    }

    private Reachability probe() {
        try (Connection connection = connectToServer(2_000)) {
            return new Reachability(connection.isValid(2), null);
        } catch (SQLException e) {
            return new Reachability(false, e.getMessage());
        }
    }

    /** A connection to the server itself, with no database selected, for creating and dropping databases. */
    Connection connectToServer(int connectTimeoutMillis) throws SQLException {
        String url = "jdbc:mysql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/?"
                + StoreConfig.MYSQL_SETTINGS.replace("connectTimeout=3000", "connectTimeout=" + connectTimeoutMillis)
                + "&socketTimeout=60000";
        return DriverManager.getConnection(url, user, password);
    }

    StoreConfig database(String name, int maxPoolSize) {
        return StoreConfig.mysql(host, port, name, user, password, maxPoolSize);
    }

    /** The outcome of the one probe per JVM; {@code problem} is the driver's message when unreachable. */
    record Reachability(boolean reachable, String problem) {
    }
}
