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
import java.util.function.Supplier;

import tms.store.testing.GeneratedTerminals;

/**
 * Measures the terminal list's search on 1,000,000 terminals in an in-memory H2 (docs/inventory.md): the time of one
 * page of 50 for each filter, first and deep in the list, as the mean of 200 queries, three rounds, median shown.
 * A main, not a test: timings are not asserted. Run with the test classpath:
 * {@code java -cp mybatis-mappers/target/test-classes:mybatis-mappers/target/classes:<deps> tms.store.TerminalSearchOnAMillionRows}
 */
public final class TerminalSearchOnAMillionRows {

    private static final int QUERIES = 200;
    private static final int ROUNDS = 3;

    private TerminalSearchOnAMillionRows() {
    }

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(StoreConfig.h2Memory("million", 2))) {
            long started = System.nanoTime();
            try (Connection connection = store.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                GeneratedTerminals.insert(connection, 6);
                statement.execute("ANALYZE TABLE terminal");
            }
            System.out.printf("generated 1,000,000 terminals in %.1f s%n", (System.nanoTime() - started) / 1e9);

            Map<String, Supplier<Integer>> cases = new LinkedHashMap<>();
            cases.put("no filter, first page", search(store, filter(null, null, null, null, null, null, null)));
            cases.put("no filter, page after SN00900000",
                    search(store, filter(null, null, null, null, null, null, "SN00900000")));
            cases.put("serial starts with SN00123", search(store, filter("SN00123", null, null, null, null, null, null)));
            cases.put("TID 00123457", search(store, filter(null, "00123457", null, null, null, null, null)));
            cases.put("MID (1,000 terminals)",
                    search(store, filter(null, null, GeneratedTerminals.mid(7), null, null, null, null)));
            cases.put("state ACTIVE (330,000), first page",
                    search(store, filter(null, null, null, TerminalState.ACTIVE, null, null, null)));
            cases.put("state ACTIVE, page after SN00900000",
                    search(store, filter(null, null, null, TerminalState.ACTIVE, null, null, "SN00900000")));
            cases.put("state DEFECTIVE (10,000)",
                    search(store, filter(null, null, null, TerminalState.DEFECTIVE, null, null, null)));
            cases.put("model (10,300)", search(store, filter(null, null, null, null, GeneratedTerminals.model(5), null,
                    null)));
            cases.put("provider (2,000)", search(store, filter(null, null, null, null, null,
                    GeneratedTerminals.provider(3), null)));
            cases.put("for contrast: OFFSET 900000 LIMIT 50", offset(store));

            for (Map.Entry<String, Supplier<Integer>> c : cases.entrySet()) {
                for (int i = 0; i < 20; i++) {
                    c.getValue().get();
                }
                double[] rounds = new double[ROUNDS];
                int rows = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    int queries = c.getKey().startsWith("for contrast") ? 5 : QUERIES;
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

    private static TerminalFilter filter(String serial, String tid, String mid, TerminalState state, String model,
                                         String provider, String after) {
        return new TerminalFilter(serial, tid, mid, state, model, provider, after, 51);
    }

    private static Supplier<Integer> search(Store store, TerminalFilter filter) {
        return () -> store.read(s -> s.getMapper(TerminalSearchMapper.class).search(filter)).size();
    }

    private static Supplier<Integer> offset(Store store) {
        return () -> {
            try (Connection connection = store.dataSource().getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT serial_number, psam_number, sim_iccid,"
                            + " model, tid, mid, service_provider, state, last_seen FROM terminal ORDER BY serial_number"
                            + " LIMIT 51 OFFSET 900000");
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
