package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;

class CupPackagerTest {

    /** The fields of PROTOCOL.md §2, and nothing else. */
    private static final Set<Integer> DIALECT = Set.of(2, 3, 4, 11, 12, 13, 14, 15, 22, 23, 25, 26, 32, 35, 36, 37, 38, 39,
            41, 42, 44, 48, 49, 52, 53, 54, 55, 59, 60, 61, 62, 63, 64);

    @Test
    void definesExactlyTheFieldsOfTheDialect() {
        GenericPackager packager = CupPackager.shared();
        Set<Integer> defined = new TreeSet<>();
        for (int field = 2; field <= 128; field++) {
            if (packager.getFieldPackager(field) != null) {
                defined.add(field);
            }
        }
        assertThat(defined).isEqualTo(new TreeSet<>(DIALECT));
    }

    @Test
    void maximumLengthsFollowTheFieldTable() {
        GenericPackager packager = CupPackager.shared();
        int[][] expected = {{0, 4}, {2, 19}, {4, 12}, {22, 3}, {32, 11}, {35, 37}, {36, 104}, {42, 15}, {44, 25}, {48, 322},
                {52, 8}, {53, 16}, {54, 20}, {55, 255}, {59, 999}, {60, 17}, {61, 29}, {62, 512}, {63, 163}, {64, 8}};
        for (int[] e : expected) {
            ISOFieldPackager field = packager.getFieldPackager(e[0]);
            assertThat(field.getLength()).as("field %d", e[0]).isEqualTo(e[1]);
        }
        assertThat(packager.getFieldPackager(22)).isInstanceOf(NumericField.class);
        assertThat(packager.getFieldPackager(35)).isInstanceOf(LlTrackField.class);
        assertThat(packager.getFieldPackager(62)).isInstanceOf(LllBinaryField.class);
    }

    @Test
    void sharedIsOneInstanceEvenUnderConcurrentFirstUse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<GenericPackager> get = CupPackager::shared;
            java.util.List<Future<GenericPackager>> results = pool.invokeAll(java.util.Collections.nCopies(8, get));
            for (Future<GenericPackager> result : results) {
                assertThat(result.get()).isSameAs(CupPackager.shared());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadsWithoutAContextClassLoaderThatSeesJpos() throws Exception {
        // jPOS resolves its DTD via the context class loader; a bare loader must not make loading fail (or go online).
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(null) { });
        try {
            long started = System.nanoTime();
            GenericPackager fresh = CupPackager.load();
            assertThat(fresh.getFieldPackager(64)).isInstanceOf(BinaryField.class);
            assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to load").isLessThan(2_000);
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(thread.getContextClassLoader()).isSameAs(previous);
    }
}
