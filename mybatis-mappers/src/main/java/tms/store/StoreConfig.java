package tms.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the store lives: a JDBC URL for H2 ({@code jdbc:h2:}) or MySQL/MariaDB ({@code jdbc:mysql:}), its login
 * and the largest number of pooled connections.
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize) {

    /**
     * The H2 settings that make MySQL-mode SQL behave as it does on MySQL/MariaDB.
     * <ul>
     *   <li>{@code MODE=MySQL}: MySQL syntax and functions (AUTO_INCREMENT, LIMIT, ENGINE=..., INSERT IGNORE).</li>
     *   <li>{@code DATABASE_TO_LOWER=TRUE}: unquoted names are stored in lower case, as MySQL on Linux keeps them,
     *       so information_schema and result-set column names read the same.</li>
     *   <li>{@code CASE_INSENSITIVE_IDENTIFIERS=TRUE}: a name matches its table or column in any case.</li>
     *   <li>{@code IGNORECASE=TRUE}: VARCHAR compares without regard to case, like MySQL's default collations, so a
     *       look-up or a unique key does not behave differently in the embedded database. H2 still compares CHAR
     *       columns (TIDs, batch and trace numbers) case-sensitively: callers store and look those up in one case.</li>
     *   <li>{@code DEFAULT_NULL_ORDERING=LOW}: NULLs sort first ascending, as on MySQL.</li>
     *   <li>{@code TIME ZONE=UTC}: CURRENT_TIMESTAMP defaults are UTC whatever the JVM's zone.</li>
     *   <li>{@code LOCK_TIMEOUT=10000}: a writer waits for a row lock as InnoDB does instead of failing after
     *       H2's default of one second.</li>
     *   <li>{@code QUERY_CACHE_SIZE=64}: each connection keeps up to 64 statements parsed (H2's default is 8, fewer
     *       than the statements a gateway connection runs, so every capture parsed its SQL again).</li>
     * </ul>
     */
    public static final String H2_SETTINGS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
            + ";IGNORECASE=TRUE;DEFAULT_NULL_ORDERING=LOW;TIME ZONE=UTC;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";

    /**
     * The Connector/J settings every MySQL/MariaDB URL needs: the session runs in UTC (STACK.md trap 3), and a dead
     * server is noticed within seconds.
     */
    public static final String MYSQL_SETTINGS =
            "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&connectTimeout=3000";

    /** Pool size used by the factory methods. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final Pattern PASSWORD_SETTING = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    /** Checks the URL names a database this store can drive and the pool can hold a connection. */
    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("Unsupported JDBC URL '" + redact(jdbcUrl)
                    + "': expected jdbc:h2:... (embedded) or jdbc:mysql://host:port/database (MySQL or MariaDB)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize is " + maxPoolSize + ": expected at least 1");
        }
    }

    /** An H2 database in the file {@code tms.mv.db} under {@code directory} (made absolute), user {@code sa}. */
    public static StoreConfig h2File(Path directory) {
        Objects.requireNonNull(directory, "directory");
        String base = directory.toAbsolutePath().normalize().resolve("tms").toString().replace('\\', '/');
        return new StoreConfig("jdbc:h2:file:" + base + H2_SETTINGS + H2_FILE_DURABILITY, "sa", "", DEFAULT_POOL_SIZE);
    }

    /**
     * H2 writes a commit to disk up to half a second later by default (WRITE_DELAY=500), so a process killed
     * right after answering would lose an approval it had already sent. Capture must be durable before it is
     * answered: every commit is written before it returns (RunCommandCrashTest kills the server to check).
     */
    public static final String H2_FILE_DURABILITY = ";WRITE_DELAY=0";

    /**
     * A private in-memory H2 database called {@code name}; it lives until {@link Store#close()} shuts it down
     * ({@code DB_CLOSE_DELAY=-1} keeps it while the pool renews connections).
     */
    public static StoreConfig h2Memory(String name, int maxPoolSize) {
        if (name == null || !name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("In-memory database name '" + name
                    + "' is not usable: expected 1 to 64 letters, digits or underscores");
        }
        return new StoreConfig("jdbc:h2:mem:" + name + H2_SETTINGS + ";DB_CLOSE_DELAY=-1", "sa", "", maxPoolSize);
    }

    /** A MySQL 8 or MariaDB 10.11+ database at {@code host:port}, with the session settings it needs. */
    public static StoreConfig mysql(String host, int port, String database, String user, String password,
            int maxPoolSize) {
        if (host == null || host.isBlank() || host.contains("/")) {
            throw new IllegalArgumentException("Database host '" + host + "' is not usable: expected a host name or IP");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Database port " + port + " is not usable: expected 1 to 65535");
        }
        if (database == null || !database.matches("[A-Za-z0-9_$]{1,64}")) {
            throw new IllegalArgumentException("Database name '" + database
                    + "' is not usable: expected 1 to 64 letters, digits, '_' or '$'");
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return new StoreConfig("jdbc:mysql://" + hostPart + ":" + port + "/" + database + "?" + MYSQL_SETTINGS,
                user, password, maxPoolSize);
    }

    /** True when the URL names an H2 database. */
    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The URL without any password in it, for logs and error messages. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password=***, maxPoolSize="
                + maxPoolSize + "]";
    }

    private static String redact(String url) {
        String withoutSettings = PASSWORD_SETTING.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutSettings).replaceAll("$1***@");
    }
}
