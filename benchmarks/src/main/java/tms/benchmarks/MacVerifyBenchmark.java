package tms.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;

/**
 * MAC verification of a 131-byte purchase MAB with a single-DES MAK (the classic profile): through the
 * security module (LMK-wrapped key, usage checks, Bouncy Castle DES) beside the same CUP ECB MAC computed
 * with plain JCE and a clear key — the cost of keeping keys wrapped and checked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MacVerifyBenchmark {

    private static final byte[] CLEAR_MAK = HexFormat.of().parseHex("2222222222222222");

    private SecurityModule hsm;
    private WrappedKey mak;
    private byte[] mab;
    private byte[] field64;
    private Cipher jceDes;

    @Setup
    public void setUp() throws Exception {
        hsm = ThrowAwayModule.create();
        mak = hsm.formKeyFromComponents(KeyUsage.MAK, List.of(CLEAR_MAK.clone()));
        mab = new byte[131];
        for (int i = 0; i < mab.length; i++) {
            mab[i] = (byte) (i * 31 + 7);
        }
        field64 = hsm.generateMac(mak, mab);
        jceDes = Cipher.getInstance("DES/ECB/NoPadding");
        jceDes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(CLEAR_MAK, "DES"));
        if (!verifyThroughTheModule() || !plainJce()) {
            throw new IllegalStateException("the two MAC computations disagree");
        }
    }

    @Benchmark
    public boolean verifyThroughTheModule() {
        return hsm.verifyMac(mak, mab, field64);
    }

    /** Baseline: the same algorithm (PROTOCOL.md §4) on javax.crypto with the clear key and a ready Cipher. */
    @Benchmark
    public boolean plainJce() throws Exception {
        byte[] xor = new byte[8];
        for (int i = 0; i < mab.length; i++) {
            xor[i % 8] ^= mab[i];
        }
        byte[] hex = HexFormat.of().withUpperCase().formatHex(xor).getBytes(StandardCharsets.US_ASCII);
        byte[] e1 = jceDes.doFinal(hex, 0, 8);
        for (int i = 0; i < 8; i++) {
            e1[i] ^= hex[8 + i];
        }
        byte[] e2 = jceDes.doFinal(e1);
        byte[] mac = HexFormat.of().withUpperCase().formatHex(e2, 0, 4).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(mac, field64);
    }
}
