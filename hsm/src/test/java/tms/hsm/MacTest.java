package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field 64 through the module: generation, verification, usage checks and the MAK cache. */
class MacTest {

    private static final byte[] MAB = hex(Fixtures.MAB_HEX);

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;
    private WrappedKey mak;

    @BeforeEach
    void setUp() {
        module = Fixtures.module(dir);
        mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
    }

    @Test
    void singleLengthMakGivesTheWorkedExample() {
        assertThat(hex(module.generateMac(mak, MAB))).isEqualTo("4532363742364532");
    }

    @Test
    void doubleLengthMakGivesThe3DesVector() {
        WrappedKey doubleMak = Fixtures.known(module, KeyUsage.MAK, Fixtures.DOUBLE_HEX);

        assertThat(new String(module.generateMac(doubleMak, MAB), StandardCharsets.US_ASCII)).isEqualTo("ECCE8834");
    }

    @Test
    void verifyAcceptsOnlyTheExactField64() {
        byte[] right = "E267B6E2".getBytes(StandardCharsets.US_ASCII);
        byte[] flipped = right.clone();
        flipped[5] ^= 0x01;

        assertThat(module.verifyMac(mak, MAB, right)).isTrue();
        assertThat(module.verifyMac(mak, MAB, flipped)).isFalse();
        assertThat(module.verifyMac(mak, MAB, "e267b6e2".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(module.verifyMac(mak, MAB, "E267B6E".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(module.verifyMac(mak, MAB, "E267B6E20".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(module.verifyMac(mak, MAB, new byte[0])).isFalse();
        assertThat(module.verifyMac(mak, MAB, null)).isFalse();
    }

    @Test
    void aChangedMessageFailsVerification() {
        byte[] changed = MAB.clone();
        changed[3] ^= 0x10;

        assertThat(module.verifyMac(mak, changed, "E267B6E2".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void onlyAMakComputesMacs() {
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);

        assertThatThrownBy(() -> module.generateMac(pik, MAB))
                .isInstanceOf(HsmException.class).hasMessageContaining("PIK key (cv 00962B60); MACs need a MAK");
        assertThatThrownBy(() -> module.verifyMac(pik, MAB, new byte[8]))
                .isInstanceOf(HsmException.class).hasMessageContaining("MACs need a MAK");
        assertThatThrownBy(() -> module.generateMac(mak, null))
                .isInstanceOf(HsmException.class).hasMessageContaining("macBlockInput is null");
        assertThatThrownBy(() -> module.generateMac(null, MAB))
                .isInstanceOf(HsmException.class).hasMessageContaining("mak is null");
    }

    @Test
    void aCachedMakDoesNotVouchForATamperedCopy() {
        module.generateMac(mak, MAB);
        assertThat(module.cachedMacKeys()).isEqualTo(1);
        byte[] blob = mak.blob();
        blob[blob.length - 1] ^= 0x01;
        WrappedKey tampered = new WrappedKey(KeyUsage.MAK, 8, blob, mak.checkValue());

        assertThatThrownBy(() -> module.generateMac(tampered, MAB))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not unwrap under this LMK");
        assertThat(module.cachedMacKeys()).isEqualTo(1);
    }

    @Test
    void theCacheStaysWithinItsBoundAndEvictedKeysStillWork() {
        SoftwareSecurityModule small = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev")), 2);
        WrappedKey first = Fixtures.known(small, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
        WrappedKey second = Fixtures.known(small, KeyUsage.MAK, Fixtures.DOUBLE_HEX);
        WrappedKey third = small.generateKey(KeyUsage.MAK, 8);

        small.generateMac(first, MAB);
        small.generateMac(second, MAB);
        small.generateMac(third, MAB);

        assertThat(small.cachedMacKeys()).isEqualTo(2);
        assertThat(new String(small.generateMac(first, MAB), StandardCharsets.US_ASCII)).isEqualTo("E267B6E2");
        assertThat(new String(small.generateMac(second, MAB), StandardCharsets.US_ASCII)).isEqualTo("ECCE8834");
    }

    @Test
    void manyThreadsShareOneModule() throws Exception {
        SoftwareSecurityModule shared = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev")), 1);
        WrappedKey single = Fixtures.known(shared, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
        WrappedKey triple = Fixtures.known(shared, KeyUsage.MAK, Fixtures.DOUBLE_HEX);
        byte[] singleMac = "E267B6E2".getBytes(StandardCharsets.US_ASCII);
        byte[] tripleMac = "ECCE8834".getBytes(StandardCharsets.US_ASCII);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean odd = t % 2 == 1;
                results.add(pool.submit(() -> {
                    int failures = 0;
                    for (int i = 0; i < 300; i++) {
                        // alternating keys through a one-entry cache: every call races an eviction
                        boolean useSingle = (i % 2 == 0) ^ odd;
                        WrappedKey key = useSingle ? single : triple;
                        byte[] expected = useSingle ? singleMac : tripleMac;
                        if (!shared.verifyMac(key, MAB, expected)) {
                            failures++;
                        }
                    }
                    return failures;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
