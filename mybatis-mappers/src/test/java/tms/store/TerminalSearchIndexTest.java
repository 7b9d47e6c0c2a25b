package tms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.testing.GeneratedTerminals;
import tms.store.testing.TestDatabase;

/**
 * The terminal list's search reads each filter through an index that hands its rows over in serial-number order
 * (no full scan, no sort of the matches), on H2 and on MariaDB: shown by EXPLAIN of the mapper's own SQL over
 * 10,000 generated terminals, for every filter and for a page deep in the list.
 */
class TerminalSearchIndexTest {

    private static final int PAGE = 51;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void everyFilterIsReadThroughItsIndexInSerialOrder(TestDatabase db) throws SQLException {
        Store store = db.open();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            GeneratedTerminals.insert(connection, 4);
            statement.execute("ANALYZE TABLE terminal");
        }

        assertIndex(store, filter("SN0000012", null, null, null, null, null, null), "uk_terminal_serial_number");
        assertIndex(store, filter(null, "00001234", null, null, null, null, null), "uk_terminal_tid");
        assertIndex(store, filter(null, null, GeneratedTerminals.mid(7), null, null, null, null),
                "ix_terminal_mid_serial");
        assertIndex(store, filter(null, null, null, TerminalState.DEFECTIVE, null, null, null),
                "ix_terminal_state_serial");
        assertIndex(store, filter(null, null, null, null, GeneratedTerminals.model(5), null, null),
                "ix_terminal_model_serial");
        assertIndex(store, filter(null, null, null, null, null, GeneratedTerminals.provider(3), null),
                "ix_terminal_provider_serial");
        // a deep page of a filtered list starts in the index at the last serial shown
        assertIndex(store, filter(null, null, null, TerminalState.DEFECTIVE, null, null, "SN00009000"),
                "ix_terminal_state_serial");

        // and the answers are right: in serial order, only matches, resumed after the last one shown
        List<TerminalListing> first = store.read(s -> s.getMapper(TerminalSearchMapper.class)
                .search(filter(null, null, null, TerminalState.DEFECTIVE, null, null, null)));
        assertThat(first).hasSize(PAGE).allMatch(t -> t.state() == TerminalState.DEFECTIVE);
        assertThat(first).extracting(TerminalListing::serialNumber).isSorted().startsWith("SN00000000", "SN00000100");
        List<TerminalListing> next = store.read(s -> s.getMapper(TerminalSearchMapper.class).search(
                filter(null, null, null, TerminalState.DEFECTIVE, null, null, first.get(PAGE - 1).serialNumber())));
        assertThat(next).hasSize(100 - PAGE).first().extracting(TerminalListing::serialNumber)
                .isEqualTo("SN00005100");
    }

    private static TerminalFilter filter(String serial, String tid, String mid, TerminalState state, String model,
                                         String provider, String after) {
        return new TerminalFilter(serial, tid, mid, state, model, provider, after, PAGE);
    }

    private static void assertIndex(Store store, TerminalFilter filter, String index) throws SQLException {
        Configuration configuration = store.sessions().getConfiguration();
        BoundSql bound = configuration.getMappedStatement("tms.store.TerminalSearchMapper.search").getBoundSql(filter);
        MetaObject values = configuration.newMetaObject(filter);
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + bound.getSql())) {
            int i = 1;
            for (ParameterMapping mapping : bound.getParameterMappings()) {
                String property = mapping.getProperty();
                Object value = bound.hasAdditionalParameter(property) ? bound.getAdditionalParameter(property)
                        : values.getValue(property);
                explain.setObject(i++, value instanceof Enum<?> e ? e.name() : value);
            }
            List<String> plan = new ArrayList<>();
            try (ResultSet rows = explain.executeQuery()) {
                boolean mysql = rows.getMetaData().getColumnCount() > 1;
                while (rows.next()) {
                    if (mysql) {
                        plan.add("type=" + rows.getString("type") + " key=" + rows.getString("key") + " extra="
                                + rows.getString("Extra"));
                    } else {
                        plan.add(rows.getString(1));
                    }
                }
            }
            String text = String.join("\n", plan);
            if (store.config().isH2()) {
                // H2 names the index it reads in a comment of the plan; a full scan reads the primary key's
                assertThat(text).as("plan for %s", filter).containsIgnoringCase(index)
                        .doesNotContainIgnoringCase("tableScan");
            } else {
                assertThat(plan).as("plan for %s", filter).hasSize(1);
                assertThat(text).as("plan for %s", filter).contains("key=" + index).doesNotContain("type=ALL")
                        .doesNotContain("filesort");
            }
        }
    }
}
