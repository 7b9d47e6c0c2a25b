package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.testing.TestDatabase;

/** V6: reversals owed upstream, due, claimed once per attempt, acknowledged; on H2 and MariaDB. */
class UpstreamReversalStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00.123456Z");

    private static long outstanding(Store store) {
        Long n = store.read(s -> s.getMapper(UpstreamReversalMapper.class).countOutstanding());
        return n;
    }

    private static List<UpstreamReversal> due(Store store, Instant now) {
        return store.read(s -> s.getMapper(UpstreamReversalMapper.class).listDue(now, 10));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aReversalIsOwedUntilAcknowledgedAndEachAttemptIsClaimedOnce(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            UpstreamReversalMapper m = s.getMapper(UpstreamReversalMapper.class);
            m.insert(UpstreamReversal.owed("60000001", "898100012340001", "000123", "000000004567", "000000", 1234,
                    "156", "98", T0));
            m.insert(UpstreamReversal.owed("60000001", "898100012340001", "000124", "000000004568", "000000", 99,
                    "156", "96", T0.plusSeconds(30)));
            return null;
        });
        List<UpstreamReversal> due = store.read(s -> s.getMapper(UpstreamReversalMapper.class).listDue(T0, 10));
        assertThat(due).hasSize(1);
        UpstreamReversal first = due.get(0);
        assertThat(first).extracting(UpstreamReversal::stan, UpstreamReversal::amount, UpstreamReversal::reason,
                UpstreamReversal::attempts, UpstreamReversal::nextAttemptAt).containsExactly("000123", 1234L, "98", 0, T0);
        assertThat(outstanding(store)).isEqualTo(2L);

        // two nodes see it due: only the first claim counts
        Integer claimed = store.write(s -> s.getMapper(UpstreamReversalMapper.class).claim(first.id(), 0, T0.plusSeconds(2)));
        Integer again = store.write(s -> s.getMapper(UpstreamReversalMapper.class).claim(first.id(), 0, T0.plusSeconds(2)));
        assertThat(claimed).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(due(store, T0.plusSeconds(1))).isEmpty();
        assertThat(due(store, T0.plusSeconds(30)))
                .extracting(UpstreamReversal::stan).containsExactly("000123", "000124");

        store.write(s -> s.getMapper(UpstreamReversalMapper.class).recordAttempt(first.id(), "96"));
        Integer acknowledged = store.write(s -> s.getMapper(UpstreamReversalMapper.class).acknowledge(first.id(),
                T0.plusSeconds(3), "00"));
        assertThat(acknowledged).isEqualTo(1);
        UpstreamReversal done = store.read(s -> s.getMapper(UpstreamReversalMapper.class)
                .find("60000001", "000123", "000000004567"));
        assertThat(done.acknowledgedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(done.lastResponse()).isEqualTo("00");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(outstanding(store)).isEqualTo(1L);
        Integer late = store.write(s -> s.getMapper(UpstreamReversalMapper.class).claim(first.id(), 1, T0.plusSeconds(9)));
        assertThat(late)
                .as("an acknowledged reversal is never sent again").isZero();

        Throwable twice = catchThrowable(() -> store.write(s -> {
            s.getMapper(UpstreamReversalMapper.class).insert(UpstreamReversal.owed("60000001", "898100012340001",
                    "000123", "000000004567", "000000", 1234, "156", "98", T0));
            return null;
        }));
        assertThat(Store.isDuplicateKey((RuntimeException) twice)).isTrue();
    }
}
