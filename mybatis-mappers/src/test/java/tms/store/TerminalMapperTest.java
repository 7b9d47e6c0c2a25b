package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static tms.store.StoredRows.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

class TerminalMapperTest {

    private static void insert(Store store, Terminal terminal) {
        store.write(s -> {
            s.getMapper(TerminalMapper.class).insert(terminal);
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void storesEveryFieldAndFillsTheDefaults(TestDatabase db) {
        Store store = db.open();
        Terminal given = SampleRows.terminal("SN0000000001", "10000001");
        Instant before = Instant.now();

        insert(store, given);

        Terminal found = terminalBySerialNumber(store, "SN0000000001");
        assertThat(found.id()).isNotNull().isPositive();
        assertThat(found.createdAt()).isCloseTo(before, within(1, ChronoUnit.MINUTES));
        assertThat(found.currentBatch()).isEqualTo("000001");
        assertThat(found).isEqualTo(new Terminal(found.id(), given.serialNumber(), given.psamNumber(),
                given.simIccid(), given.model(), given.tid(), given.mid(), given.state(), given.tmkWrapped(),
                given.tmkCheckValue(), "000001", null, found.createdAt()));
        assertThat(terminalByTid(store, "10000001")).isEqualTo(found);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsAGivenBatchLastSeenAndCreationTime(TestDatabase db) {
        Store store = db.open();
        Instant seen = Instant.parse("2024-05-06T07:08:09.654321Z");
        Instant created = Instant.parse("2024-01-01T00:00:00.000001Z");
        Terminal given = new Terminal(null, "SN0000000002", null, null, null, "10000002", "898100012340001",
                TerminalState.SUSPENDED, null, null, "000042", seen, created);

        insert(store, given);

        assertThat(terminalByTid(store, "10000002"))
                .usingRecursiveComparison().ignoringFields("id").isEqualTo(given);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsManyTerminalsInStockWithoutTid(TestDatabase db) {
        Store store = db.open();
        Terminal inStock = new Terminal(null, "SN0000000003", null, null, "N910", null, null,
                TerminalState.IN_STOCK, null, null, null, null, null);

        insert(store, inStock);
        insert(store, new Terminal(null, "SN0000000004", null, null, "N910", null, null,
                TerminalState.IN_STOCK, null, null, null, null, null));

        Terminal found = terminalBySerialNumber(store, "SN0000000003");
        assertThat(found.tid()).isNull();
        assertThat(found.mid()).isNull();
        assertThat(found.psamNumber()).isNull();
        assertThat(found.tmkWrapped()).isNull();
        assertThat(found.lastSeen()).isNull();
        assertThat(found.state()).isEqualTo(TerminalState.IN_STOCK);
        assertThat(terminals(store, 10)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refusesADuplicateSerialNumberOrTid(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.terminal("SN0000000005", "10000005"));

        assertThatThrownBy(() -> insert(store, SampleRows.terminal("SN0000000005", "10000006")))
                .satisfies(e -> assertThat(Store.isDuplicateKey(e)).as("isDuplicateKey(%s)", e).isTrue());
        assertThatThrownBy(() -> insert(store, SampleRows.terminal("SN0000000007", "10000005")))
                .satisfies(e -> assertThat(Store.isDuplicateKey(e)).as("isDuplicateKey(%s)", e).isTrue());
        assertThat(terminals(store, 10)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void answersNullForUnknownTerminals(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.terminal("SN0000000008", "10000008"));

        assertThat(terminalBySerialNumber(store, "SN9999999999")).isNull();
        assertThat(terminalByTid(store, "99999999")).isNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void updatesTheBatchOfOneTerminal(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.terminal("SN0000000009", "10000009"));
        insert(store, SampleRows.terminal("SN0000000010", "10000010"));

        int changed = store.write(s -> s.getMapper(TerminalMapper.class).updateBatch("10000009", "000002"));
        int unknown = store.write(s -> s.getMapper(TerminalMapper.class).updateBatch("99999999", "000002"));

        assertThat(changed).isEqualTo(1);
        assertThat(unknown).isZero();
        assertThat(terminalByTid(store, "10000009").currentBatch())
                .isEqualTo("000002");
        assertThat(terminalByTid(store, "10000010").currentBatch())
                .isEqualTo("000001");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void recordsWhenATerminalWasLastSeenToTheMicrosecond(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.terminal("SN0000000011", "10000011"));
        Instant first = Instant.parse("2024-02-29T23:59:59.000001Z");
        Instant later = Instant.parse("2024-03-01T00:00:00.999999Z");

        int changed = store.write(s -> s.getMapper(TerminalMapper.class).touchLastSeen("10000011", first));
        assertThat(changed).isEqualTo(1);
        assertThat(terminalByTid(store, "10000011").lastSeen())
                .isEqualTo(first);

        store.write(s -> s.getMapper(TerminalMapper.class).touchLastSeen("10000011", later));
        assertThat(terminalByTid(store, "10000011").lastSeen())
                .isEqualTo(later);
        int unknown = store.write(s -> s.getMapper(TerminalMapper.class).touchLastSeen("99999999", later));
        assertThat(unknown).isZero();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void changesTheStateOfOneTerminal(TestDatabase db) {
        Store store = db.open();
        insert(store, SampleRows.terminal("SN0000000012", "10000012"));

        int changed = store.write(s -> s.getMapper(TerminalMapper.class).updateState("10000012", TerminalState.REVOKED));

        assertThat(changed).isEqualTo(1);
        assertThat(terminalByTid(store, "10000012").state())
                .isEqualTo(TerminalState.REVOKED);
        int unknown = store.write(s -> s.getMapper(TerminalMapper.class).updateState("99999999", TerminalState.ACTIVE));
        assertThat(unknown).isZero();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void listsTerminalsInRegistrationOrderUpToTheLimit(TestDatabase db) {
        Store store = db.open();
        // serial numbers deliberately out of alphabetical order: the list follows registration
        insert(store, SampleRows.terminal("SN-C", "10000021"));
        insert(store, SampleRows.terminal("SN-A", "10000022"));
        insert(store, SampleRows.terminal("SN-B", "10000023"));

        List<Terminal> two = terminals(store, 2);
        List<Terminal> all = terminals(store, 100);

        assertThat(two).extracting(Terminal::serialNumber).containsExactly("SN-C", "SN-A");
        assertThat(all).extracting(Terminal::serialNumber).containsExactly("SN-C", "SN-A", "SN-B");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void countsTerminalsInEveryState(TestDatabase db) {
        Store store = db.open();
        long none = store.read(s -> s.getMapper(TerminalMapper.class).count());
        insert(store, SampleRows.terminal("SN-X", "10000031"));
        insert(store, SampleRows.terminal("SN-Y", "10000032"));
        store.write(s -> s.getMapper(TerminalMapper.class).updateState("10000032", TerminalState.REVOKED));
        long two = store.read(s -> s.getMapper(TerminalMapper.class).count());

        assertThat(none).isZero();
        assertThat(two).isEqualTo(2);
    }
}
