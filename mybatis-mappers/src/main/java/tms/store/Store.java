package tms.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The opened store: a connection pool, the schema migrated to the latest version, and MyBatis over both. */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    /** Connector/J's error codes for a unique-key violation (ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME). */
    private static final Set<Integer> MYSQL_DUPLICATE_KEY = Set.of(1062, 1586);
    /** H2's error code DUPLICATE_KEY_1; it is also the standard SQLState for a unique violation. */
    private static final int H2_DUPLICATE_KEY = 23505;
    private static final String UNIQUE_VIOLATION_STATE = "23505";

    /** How long a caller waits for a pooled connection before the store gives up. */
    public static final long CONNECTION_TIMEOUT_MS = 1_000;

    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;

    private Store(StoreConfig config, HikariDataSource dataSource, SqlSessionFactory sessions) {
        this.config = config;
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    /**
     * Opens the pool, migrates the schema and registers the mappers.
     *
     * @throws StoreUnavailableException if the database cannot be reached or migrated; the message names the
     *     (redacted) URL and what to check
     */
    public static Store open(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        HikariDataSource dataSource = pool(config);
        try {
            migrate(config, dataSource);
            return new Store(config, dataSource, new SqlSessionFactoryBuilder().build(myBatis(dataSource)));
        } catch (RuntimeException | Error e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource pool(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tms-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        // a dead database must be reported while the terminal still waits: a financial message gets its 96 within
        // 2 s (docs/capture.md), not after Hikari's default 30 s
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setValidationTimeout(500);
        // a connection that saw the database go away is dropped at once, so the pool reconnects when it is back
        // (Hikari only knows the SQL states 08xxx, which H2's client does not use)
        hikari.setExceptionOverride(new LostConnections());
        if (!config.isH2()) {
            // also for URLs written by hand: the session must run in UTC (STACK.md trap 3)
            hikari.addDataSourceProperty("connectionTimeZone", "UTC");
            hikari.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
            hikari.addDataSourceProperty("connectTimeout", "3000");
        }
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreUnavailableException("Cannot reach the database at " + config.redactedUrl() + " as user '"
                    + config.user() + "': " + cause.getMessage()
                    + ". Check that the database server is running and reachable from here, that the database exists,"
                    + " and that the user and password are right"
                    + (config.isH2() ? " (an H2 file is also refused while another process has it open)" : "")
                    + ".", e);
        }
    }

    private static void migrate(StoreConfig config, DataSource dataSource) {
        MigrateResult result;
        try {
            result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("Cannot bring the database at " + config.redactedUrl()
                    + " up to date: " + e.getMessage() + ". Check that user '" + config.user()
                    + "' may create tables there and that its flyway_schema_history matches this version.", e);
        }
        String applied = result.migrations.stream()
                .map(m -> "V" + m.version + " " + m.description)
                .collect(Collectors.joining(", "));
        log.info("Store at {}: schema version {} ({} migration(s) applied now{})", config.redactedUrl(),
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted, applied.isEmpty() ? "" : ": " + applied);
    }

    private static Configuration myBatis(DataSource dataSource) {
        Configuration configuration = new Configuration(new Environment("tms", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        // a typed NULL is accepted by both drivers; MyBatis's default OTHER is not always
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
        configuration.addMapper(MerchantMapper.class);
        configuration.addMapper(TerminalMapper.class);
        configuration.addMapper(TransactionMapper.class);
        configuration.addMapper(NumberBlockMapper.class);
        configuration.addMapper(ActivationCodeMapper.class);
        configuration.addMapper(AuditLogMapper.class);
        configuration.addMapper(HostKeyMapper.class);
        configuration.addMapper(StoredKeyMapper.class);
        configuration.addMapper(UpstreamReversalMapper.class);
        configuration.addMapper(SettlementMapper.class);
        configuration.addMapper(ActivationApplicationMapper.class);
        configuration.addMapper(ConsoleAccountMapper.class);
        configuration.addMapper(ConsoleApiTokenMapper.class);
        configuration.addMapper(InventoryMapper.class);
        configuration.addMapper(TerminalSearchMapper.class);
        configuration.addMapper(TerminalStateHistoryMapper.class);
        return configuration;
    }

    /** Where this store lives. */
    public StoreConfig config() {
        return config;
    }

    /** MyBatis sessions over the pool, with every mapper of this module registered. */
    public SqlSessionFactory sessions() {
        return sessions;
    }

    /** The pool itself, for code that needs plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} on a session in auto-commit mode and returns its result. */
    public <T> T read(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session);
        }
    }

    /** Runs {@code work} as one transaction: commits if it returns, rolls back and rethrows if it throws. */
    public <T> T write(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(false)) {
            T result;
            try {
                result = work.apply(session);
            } catch (RuntimeException | Error e) {
                rollback(session, e);
                throw e;
            }
            // forced: MyBatis skips the commit when only selects ran, which would leave their locks to the pool
            session.commit(true);
            return result;
        }
    }

    private static void rollback(SqlSession session, Throwable failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** True if {@code e} or one of its causes is a unique-key violation, on H2 or MySQL/MariaDB. */
    public static boolean isDuplicateKey(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (UNIQUE_VIOLATION_STATE.equals(sql.getSQLState()) && sql.getErrorCode() == H2_DUPLICATE_KEY) {
                    return true;
                }
                // Connector/J reports every integrity violation as SQLState 23000; only these codes mean a unique key
                if (MYSQL_DUPLICATE_KEY.contains(sql.getErrorCode())
                        && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Tells the pool which of H2's errors mean the connection is gone (the others it decides itself). */
    private static final class LostConnections implements SQLExceptionOverride {

        /** H2's OBJECT_CLOSED, CONNECTION_BROKEN_1, DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN. */
        private static final Set<Integer> H2_CONNECTION_LOST = Set.of(90007, 90067, 90098, 90121);

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return H2_CONNECTION_LOST.contains(e.getErrorCode()) ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    /** Closes the pool; the store cannot be used afterwards. */
    @Override
    public void close() {
        dataSource.close();
    }
}
