package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

/** The keys at rest as an LMK rotation reads and replaces them, the installation key, the rotation record. */
class StoredKeyMapperTest {

    private static final StoredKeyColumn TMK = column("terminal.tmk_wrapped");
    private static final StoredKeyColumn HOST_KEY = column("host_key.private_key_wrapped");

    // by name, not by position: ALL grows with every migration that adds a key column
    private static StoredKeyColumn column(String qualifiedName) {
        return StoredKeyColumn.ALL.stream().filter(c -> c.qualifiedName().equals(qualifiedName)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void pagesThroughTheRowsThatHoldAKeyInIdOrder(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            for (int n = 1; n <= 5; n++) {
                terminals.insert(SampleRows.terminal("SN-" + n, "1000000" + n));
            }
            terminals.insert(new Terminal(null, "SN-NOKEY", null, null, null, null, null, TerminalState.IN_STOCK, null,
                    null, null, null, null));
            return null;
        });

        List<Object> seen = new ArrayList<>();
        Object after = null;
        for (List<StoredKey> page = page(store, TMK, after, 2); !page.isEmpty(); page = page(store, TMK, after, 2)) {
            assertThat(page.size()).isLessThanOrEqualTo(2);
            for (StoredKey key : page) {
                assertThat(key.keyText()).isEqualTo("U1A2B3C4D5E6F708192A3B4C5D6E7F80");
                seen.add(key.rowId());
                after = key.rowId();
            }
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen).allMatch(id -> id instanceof Long);
        assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare((Long) a, (Long) b));
        long count = store.read(s -> s.getMapper(StoredKeyMapper.class).count(TMK.table(), TMK.keyColumn()));
        assertThat(count).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void replacesAKeyOnlyIfTheRowStillHoldsTheOneRead(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(HostKeyMapper.class).insert(new HostKey("activation-sm2", "SM2", "P1.SM2.OLD", "3059", null));
            return null;
        });
        StoredKey read = page(store, HOST_KEY, null, 10).get(0);
        assertThat(read.rowId()).isEqualTo("activation-sm2");

        int stale = store.write(s -> s.getMapper(StoredKeyMapper.class).replace(HOST_KEY.table(), HOST_KEY.idColumn(),
                HOST_KEY.keyColumn(), read.rowId(), "P1.SM2.SOMETHING-ELSE", "P1.SM2.NEW"));
        int replaced = store.write(s -> s.getMapper(StoredKeyMapper.class).replace(HOST_KEY.table(), HOST_KEY.idColumn(),
                HOST_KEY.keyColumn(), read.rowId(), read.keyText(), "P1.SM2.NEW"));

        assertThat(stale).isZero();
        assertThat(replaced).isEqualTo(1);
        HostKey after = store.read(s -> s.getMapper(HostKeyMapper.class).find("activation-sm2"));
        assertThat(after.privateKeyWrapped()).isEqualTo("P1.SM2.NEW");
        List<StoredKey> afterLast = page(store, HOST_KEY, "activation-sm2", 10);
        assertThat(afterLast).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsOneInstallationKeyPerNameAndOneRotationAtATime(TestDatabase db) {
        Store store = db.open();
        StoredKeyMapper none = store.sessions().openSession(true).getMapper(StoredKeyMapper.class);
        assertThat(none.findInstallationKey("hashing")).isNull();
        assertThat(none.findRotation()).isNull();

        store.write(s -> {
            s.getMapper(StoredKeyMapper.class).insertInstallationKey("hashing", "H1.AA.BB");
            return null;
        });
        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(StoredKeyMapper.class).insertInstallationKey("hashing", "H1.CC.DD");
            return null;
        })).matches(Store::isDuplicateKey, "a duplicate key");
        String hashing = store.read(s -> s.getMapper(StoredKeyMapper.class).findInstallationKey("hashing"));
        assertThat(hashing).isEqualTo("H1.AA.BB");

        Instant startedAt = Instant.parse("2025-03-14T10:15:02.123456Z");
        store.write(s -> {
            s.getMapper(StoredKeyMapper.class).startRotation("A1B2C3", "D4E5F6", startedAt);
            return null;
        });
        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(StoredKeyMapper.class).startRotation("A1B2C3", "000000", startedAt);
            return null;
        })).matches(Store::isDuplicateKey, "a duplicate key");
        LmkRotationState rotation = store.read(s -> s.getMapper(StoredKeyMapper.class).findRotation());
        assertThat(rotation).isEqualTo(new LmkRotationState("A1B2C3", "D4E5F6", startedAt.truncatedTo(ChronoUnit.MICROS)));

        int finished = store.write(s -> s.getMapper(StoredKeyMapper.class).finishRotation());
        int again = store.write(s -> s.getMapper(StoredKeyMapper.class).finishRotation());
        assertThat(finished).isEqualTo(1);
        assertThat(again).isZero();
        LmkRotationState gone = store.read(s -> s.getMapper(StoredKeyMapper.class).findRotation());
        assertThat(gone).isNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void everyWrappedKeyColumnOfTheSchemaIsListedForRotation(TestDatabase db) throws Exception {
        Store store = db.open();
        List<String> wrapped = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = SCHEMA()");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String column = (rows.getString(1) + "." + rows.getString(2)).toLowerCase(Locale.ROOT);
                if (column.endsWith("_wrapped")) {
                    wrapped.add(column);
                }
            }
        }

        // a key column missing here would keep its keys under the old LMK after a rotation, unusable
        assertThat(wrapped).containsExactlyInAnyOrderElementsOf(
                StoredKeyColumn.ALL.stream().map(StoredKeyColumn::qualifiedName).toList());
    }

    @Test
    void aColumnNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> new StoredKeyColumn("terminal; DROP TABLE terminal", "id", "tmk_wrapped",
                StoredKeyColumn.Form.SYMMETRIC_KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a plain SQL identifier");
    }

    private static List<StoredKey> page(Store store, StoredKeyColumn column, Object after, int limit) {
        return store.read(s -> s.getMapper(StoredKeyMapper.class).page(column.table(), column.idColumn(),
                column.keyColumn(), after, limit));
    }
}
