package tms.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import tms.store.testing.GeneratedTerminals;

/**
 * Measures the terminal list's search on 1,000,000 terminals in an in-memory H2 (docs/inventory.md): the time of one
 * page of 50 for each filter, first and deep in the list, as the mean of 200 queries (each with other values),
 * three rounds, median shown.
 * A main, not a test: timings are not asserted. Run with the test classpath:
 * {@code java -cp mybatis-mappers/target/test-classes:mybatis-mappers/target/classes:<deps> tms.store.TerminalSearchOnAMillionRows}
 */
public final class TerminalSearchOnAMillionRows {

    private static final int QUERIES = 200;
    private static final int ROUNDS = 3;

    private TerminalSearchOnAMillionRows() {
    }

    public static void main(String[] args) throws Exception {
        StoreConfig memory = StoreConfig.h2Memory("million", 2);
        StoreConfig uncached = new StoreConfig(memory.jdbcUrl() + ";QUERY_CACHE_SIZE=0", memory.user(),
                memory.password(), memory.maxPoolSize());
        try (Store store = Store.open(uncached)) {
            long started = System.nanoTime();
            try (Connection connection = store.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                GeneratedTerminals.insert(connection, 6);
                statement.execute("ANALYZE TABLE terminal");
            }
            System.out.printf("generated 1,000,000 terminals in %.1f s%n", (System.nanoTime() - started) / 1e9);

            // every query gets other parameter values, and H2's per-session command cache is off: otherwise H2
            // hands back the previous result of an identical query on unchanged data, and the figures measure that
            Random random = new Random(7);
            Map<String, Supplier<Integer>> cases = new LinkedHashMap<>();
            cases.put("no filter, first page", search(store, () -> filter(null, null, null, null, null, null, null)));
            cases.put("no filter, a page deep in the list", search(store,
                    () -> filter(null, null, null, null, null, null, serial(500_000 + random.nextInt(499_000)))));
            cases.put("serial starts with (1,000 matches)", search(store,
                    () -> filter(String.format("SN00%03d", random.nextInt(1000)), null, null, null, null, null, null)));
            cases.put("TID", search(store, () -> filter(null, String.format("%08d", 3 * random.nextInt(333_000) + 1),
                    null, null, null, null, null)));
            cases.put("MID (1,000 terminals each)", search(store, () -> filter(null, null,
                    GeneratedTerminals.mid(random.nextInt(1000)), null, null, null, null)));
            cases.put("state ACTIVE (330,000), first page", search(store,
                    () -> filter(null, null, null, TerminalState.ACTIVE, null, null, null)));
            cases.put("state ACTIVE, a page deep in the list", search(store, () -> filter(null, null, null,
                    TerminalState.ACTIVE, null, null, serial(500_000 + random.nextInt(499_000)))));
            cases.put("state DEFECTIVE (10,000), a page anywhere", search(store, () -> filter(null, null, null,
                    TerminalState.DEFECTIVE, null, null, serial(random.nextInt(999_000)))));
            cases.put("model (10,300 each)", search(store, () -> filter(null, null, null, null,
                    GeneratedTerminals.model(random.nextInt(97)), null, null)));
            cases.put("provider (2,000 each)", search(store, () -> filter(null, null, null, null, null,
                    GeneratedTerminals.provider(random.nextInt(499)), null)));
            cases.put("state ACTIVE and model", search(store, () -> filter(null, null, null, TerminalState.ACTIVE,
                    GeneratedTerminals.model(random.nextInt(97)), null, null)));
            cases.put("for contrast: OFFSET 800,000-900,000, no filter", offset(store, random));

            for (Map.Entry<String, Supplier<Integer>> c : cases.entrySet()) {
                boolean slow = c.getKey().startsWith("for contrast");
                for (int i = 0; i < (slow ? 2 : 20); i++) {
                    c.getValue().get();
                }
                double[] rounds = new double[ROUNDS];
                int rows = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    int queries = slow ? 5 : QUERIES;
                    long t0 = System.nanoTime();
                    for (int q = 0; q < queries; q++) {
                        rows = c.getValue().get();
                    }
                    rounds[round] = (System.nanoTime() - t0) / 1e6 / queries;
                }
                double[] sorted = rounds.clone();
                Arrays.sort(sorted);
                System.out.printf("| %s | %d | %.3f | %.3f | %.3f | **%.3f** |%n", c.getKey(), rows, rounds[0],
                        rounds[1], rounds[2], sorted[1]);
            }
        }
    }

    private static String serial(int n) {
        return String.format("SN%08d", n);
    }

    private static TerminalFilter filter(String serial, String tid, String mid, TerminalState state, String model,
                                         String provider, String after) {
        return new TerminalFilter(serial, tid, mid, state, model, provider, after, 51);
    }

    private static Supplier<Integer> search(Store store, Supplier<TerminalFilter> filters) {
        return () -> {
            TerminalFilter filter = filters.get();
            return store.read(s -> s.getMapper(TerminalSearchMapper.class).search(filter)).size();
        };
    }

    private static Supplier<Integer> offset(Store store, Random random) {
        return () -> {
            try (Connection connection = store.dataSource().getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT serial_number, psam_number, sim_iccid,"
                            + " model, tid, mid, service_provider, state, last_seen FROM terminal ORDER BY serial_number"
                            + " LIMIT 51 OFFSET " + (800_000 + random.nextInt(100_000)));
                    ResultSet rows = select.executeQuery()) {
                List<String> serials = new ArrayList<>();
                while (rows.next()) {
                    serials.add(rows.getString(1));
                }
                return serials.size();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
