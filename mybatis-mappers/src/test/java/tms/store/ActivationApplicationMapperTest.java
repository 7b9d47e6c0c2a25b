package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

class ActivationApplicationMapperTest {

    private static final Instant NOON = Instant.parse("2024-03-14T04:00:00.123456Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static <T> T read(Store store, Function<ActivationApplicationMapper, T> query) {
        return store.read(s -> query.apply(s.getMapper(ActivationApplicationMapper.class)));
    }

    private static ActivationApplication sample(String serial) {
        return ActivationApplication.submitted(ApplicationKind.ACTIVATION, serial, "898100012340001", "广州小店",
                "44", "SOUTH_CHINA", "广州市天河区体育西路1号", "13800138000", HASH, "440***********0014", "alice",
                NOON);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anApplicationIsStoredWithItsIdAndWalksThroughItsColumns(TestDatabase db) {
        Store store = db.open();
        long id = store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            m.lockSubmissions();
            m.insert(sample("SN1"));
            return m.lastInsertId();
        });
        long second = store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            m.insert(sample("SN2"));
            return m.lastInsertId();
        });
        assertThat(second).isGreaterThan(id);

        ActivationApplication read = read(store, m -> m.find(id));
        assertThat(read).isEqualTo(new ActivationApplication(id, ApplicationKind.ACTIVATION, ApplicationState.SUBMITTED,
                "SN1", "898100012340001", "广州小店", "44", "SOUTH_CHINA", "广州市天河区体育西路1号", "13800138000", HASH,
                "440***********0014", NOON, "alice", NOON, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, NOON));

        Instant later = NOON.plusSeconds(60);
        store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            m.findForUpdate(id);
            m.assign(id, "bob", later);
            m.review(id, ApplicationState.APPROVED_FIRST_REVIEW, "bob", later, null);
            m.insertBatch(new ApplicationBatch(null, "carol", later, 1), "a,b\r\n".getBytes(StandardCharsets.UTF_8));
            long batch = m.lastInsertId();
            m.batch(id, batch, later);
            m.platformAnswer(id, ApplicationState.PLATFORM_REFUSED, "REFUSED", "blurred copy", "carol", later);
            m.callBack(id, "bob", later, "told the merchant");
            m.close(id, ApplicationState.ARCHIVED, "bob", later, null);
            return null;
        });
        ActivationApplication done = read(store, m -> m.find(id));
        assertThat(done.state()).isEqualTo(ApplicationState.ARCHIVED);
        assertThat(done.assignee()).isEqualTo("bob");
        assertThat(done.platformReason()).isEqualTo("blurred copy");
        assertThat(done.callBackNotes()).isEqualTo("told the merchant");
        assertThat(done.closedAt()).isEqualTo(later);
        List<ActivationApplication> inBatch = read(store, m -> m.listByBatch(done.batchId()));
        assertThat(inBatch).extracting(ActivationApplication::id).containsExactly(id);
        byte[] file = read(store, m -> m.batchFile(done.batchId())).content();
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
        List<ActivationApplication> southSubmitted = read(store, m -> m.list("SOUTH_CHINA",
                EnumSet.of(ApplicationState.SUBMITTED), 10));
        assertThat(southSubmitted).extracting(ActivationApplication::id).containsExactly(second);
        List<ActivationApplication> all = read(store, m -> m.list(null, List.of(), 10));
        assertThat(all).hasSize(2);
        List<ActivationApplicationMapper.RegionCount> counts = read(store, m -> m.countByRegion(
                EnumSet.of(ApplicationState.SUBMITTED)));
        assertThat(counts).containsExactly(new ActivationApplicationMapper.RegionCount("SOUTH_CHINA", 1));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aDocumentOfTwoMegabytesComesBackByteForByte(TestDatabase db) {
        Store store = db.open();
        byte[] image = new byte[2 << 20];
        new Random(7).nextBytes(image);
        store.write(s -> {
            s.getMapper(ActivationApplicationMapper.class).insertDocument(
                    new ApplicationDocument(5, "FRONT", "image/jpeg", image, NOON));
            return null;
        });
        ApplicationDocument read = read(store, m -> m.findDocument(5, "FRONT"));
        assertThat(read.content()).isEqualTo(image);
        assertThat(read.contentType()).isEqualTo("image/jpeg");
        ApplicationDocument back = read(store, m -> m.findDocument(5, "BACK"));
        assertThat(back).isNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anIdNumberHoldsOneTerminalOnly(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(ActivationApplicationMapper.class).insertHolder(new IdNumberHolder(HASH, "SN1", 1, NOON));
            return null;
        });
        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(ActivationApplicationMapper.class).insertHolder(new IdNumberHolder(HASH, "SN2", 2, NOON));
            return null;
        })).satisfies(e -> assertThat(Store.isDuplicateKey(e)).isTrue());
        IdNumberHolder holder = read(store, m -> m.findHolderBySerialNumber("SN1"));
        assertThat(holder).isEqualTo(new IdNumberHolder(HASH, "SN1", 1, NOON));
        store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            m.updateHolder(new IdNumberHolder(HASH, "SN3", 3, NOON));
            assertThat(m.findHolderForUpdate(HASH).serialNumber()).isEqualTo("SN3");
            m.deleteHolder(HASH);
            return null;
        });
        IdNumberHolder gone = read(store, m -> m.findHolderBySerialNumber("SN3"));
        assertThat(gone).isNull();
    }
}
