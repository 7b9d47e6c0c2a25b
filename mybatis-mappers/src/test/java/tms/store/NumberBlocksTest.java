package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

class NumberBlocksTest {

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void handsOutConsecutiveNumbersFromOne(TestDatabase db) {
        Store store = db.open();
        NumberBlocks rrns = new NumberBlocks(store, "rrn", 3);

        assertThat(LongStream.generate(rrns::next).limit(7).toArray()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRestartedNodeSkipsTheBlockItsPredecessorReserved(TestDatabase db) {
        Store store = db.open();
        NumberBlocks before = new NumberBlocks(store, "rrn", 10);
        assertThat(before.next()).isEqualTo(1);

        NumberBlocks after = new NumberBlocks(store, "rrn", 10);

        assertThat(after.next()).isEqualTo(11);
        assertThat(before.next()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsEachSequenceApart(TestDatabase db) {
        Store store = db.open();
        NumberBlocks rrns = new NumberBlocks(store, "rrn", 5);
        NumberBlocks batches = new NumberBlocks(store, "settlement-file", 5);

        assertThat(rrns.next()).isEqualTo(1);
        assertThat(rrns.next()).isEqualTo(2);
        assertThat(batches.next()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void twoNodesOnOneDatabaseNeverHandOutTheSameNumber(TestDatabase db) throws Exception {
        // two stores with pools of their own, as two gateway nodes would have; small blocks force many reservations
        List<NumberBlocks> nodes = List.of(
                new NumberBlocks(db.open(), "rrn", 7),
                new NumberBlocks(db.openAnother(), "rrn", 7));
        int threadsPerNode = 3;
        int numbersPerThread = 150;
        Set<Long> handedOut = ConcurrentHashMap.newKeySet();
        List<Long> repeats = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size() * threadsPerNode);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (NumberBlocks node : nodes) {
                for (int t = 0; t < threadsPerNode; t++) {
                    done.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < numbersPerThread; i++) {
                            long number = node.next();
                            if (!handedOut.add(number)) {
                                synchronized (repeats) {
                                    repeats.add(number);
                                }
                            }
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(repeats).isEmpty();
        assertThat(handedOut).hasSize(nodes.size() * threadsPerNode * numbersPerThread).allMatch(n -> n >= 1);
    }

    @Test
    void refusesUnusableArgumentsNamingThem() {
        try (var db = TestDatabases.h2()) {
            Store store = db.open();
            assertThatThrownBy(() -> new NumberBlocks(store, "rrn", 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rrn' is 0");
            assertThatThrownBy(() -> new NumberBlocks(store, "x".repeat(33), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 32 characters");
            assertThatThrownBy(() -> new NumberBlocks(store, " ", 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        }
    }
}
