package tms.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.StoreConfig;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * What the capture writer's store can take at most: purchases' rows written in groups of {@value #GROUP} (one per
 * load terminal, as under the gateway benchmark's closed loop) with one commit per group, on an H2 file with the
 * project's schema and settings, one thread and nothing else running. It bounds what the gateway can capture on
 * this machine whatever the gateway does, and it is compared with the load generator's figures in
 * docs/benchmarks.md.
 *
 * <ul>
 *   <li>{@code jdbcDurable} (baseline): plain JDBC inserts, one commit per group, {@code WRITE_DELAY=0} as
 *       {@code tms run} opens it (a commit is in the file when it returns, so a killed process loses nothing).</li>
 *   <li>{@code writerDurable}: what {@code CaptureWriter} does per purchase: a savepoint and the MyBatis mapper's
 *       insert per row, then the commit.</li>
 *   <li>{@code jdbcWriteDelayed}: as the baseline with H2's default write delay (commits reach the file up to half
 *       a second later): the price of durability, not something the gateway may use.</li>
 * </ul>
 * Each score is rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaptureCommitBenchmark {

    static final int GROUP = 20;
    private static final int TERMINALS = 20;
    private static final String INSERT = "INSERT INTO captured_transaction (tid, mid, batch, trace, rrn, auth_code, mti,"
            + " processing_code, kind, amount, currency, pan_first6, pan_last4, pan_hash, entry_mode, response_code,"
            + " status, terminal_date, terminal_time, host_time, original_id, reason_code, request_hash,"
            + " response_fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HASH = "9f2c".repeat(16);
    private static final String ANSWER = "0210|000000|00|123456|L0000001|M00000000000001|156|1208|0101";

    private Path directory;
    private Store durable;
    private Store delayed;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("capture-commit");
        durable = Store.open(StoreConfig.h2File(directory.resolve("durable")));
        StoreConfig file = StoreConfig.h2File(directory.resolve("delayed"));
        delayed = Store.open(new StoreConfig(file.jdbcUrl().replace(StoreConfig.H2_FILE_DURABILITY, ""), file.user(),
                file.password(), file.maxPoolSize()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        durable.close();
        delayed.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public void jdbcDurable() throws SQLException {
        jdbcGroup(durable);
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public void jdbcWriteDelayed() throws SQLException {
        jdbcGroup(delayed);
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public void writerDurable() throws SQLException {
        try (SqlSession session = durable.sessions().openSession(ExecutorType.REUSE, false)) {
            Connection connection = session.getConnection();
            TransactionMapper mapper = session.getMapper(TransactionMapper.class);
            for (int i = 0; i < GROUP; i++) {
                connection.setSavepoint("capture_unit");
                mapper.insert(nextRow());
            }
            session.commit(true);
        }
    }

    private void jdbcGroup(Store store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < GROUP; i++) {
                    bind(insert, nextRow());
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    /** A decided purchase of the next load terminal in turn; the trace runs on so every key is new. */
    private CapturedTransaction nextRow() {
        long n = sequence++;
        String tid = "L" + pad(n % TERMINALS + 1, 7);
        String trace = pad(n / TERMINALS % 1_000_000, 6);
        String batch = pad(n / TERMINALS / 1_000_000 + 1, 6);
        return new CapturedTransaction(null, tid, "M00000000000001", batch, trace, pad(n, 12), "123456", "0200",
                "000000", TransactionKind.PURCHASE, 100 + n % 1000, "156", "621226", "7890", HASH, "021", "00",
                TransactionStatus.APPROVED, "1208", "101010", Instant.now(), null, null, HASH, ANSWER);
    }

    private static void bind(PreparedStatement insert, CapturedTransaction row) throws SQLException {
        insert.setString(1, row.tid());
        insert.setString(2, row.mid());
        insert.setString(3, row.batch());
        insert.setString(4, row.trace());
        insert.setString(5, row.rrn());
        insert.setString(6, row.authCode());
        insert.setString(7, row.mti());
        insert.setString(8, row.processingCode());
        insert.setString(9, row.kind().name());
        insert.setLong(10, row.amount());
        insert.setString(11, row.currency());
        insert.setString(12, row.panFirst6());
        insert.setString(13, row.panLast4());
        insert.setString(14, row.panHash());
        insert.setString(15, row.entryMode());
        insert.setString(16, row.responseCode());
        insert.setString(17, row.status().name());
        insert.setString(18, row.terminalDate());
        insert.setString(19, row.terminalTime());
        insert.setTimestamp(20, Timestamp.from(row.hostTime()));
        insert.setNull(21, Types.BIGINT);
        insert.setNull(22, Types.CHAR);
        insert.setString(23, row.requestHash());
        insert.setString(24, row.responseFields());
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
