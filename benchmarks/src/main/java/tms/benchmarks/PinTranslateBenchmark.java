package tms.benchmarks;

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
 * PIN translation from a terminal's PIK to a TDES zone PIN key (format 0 to format 0), as the upstream link does
 * for every purchase with a PIN: through the security module (both keys unwrapped from their TR-31 blocks and
 * checked, the PIN block parsed and checked against the PAN, every buffer zeroed) beside the same two 3DES
 * operations on plain JCE with clear keys and ready Ciphers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PinTranslateBenchmark {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CLEAR_PIK = HEX.parseHex("22222222222222222222222222222222");
    private static final byte[] CLEAR_ZPK = HEX.parseHex("0123456789abcdeffedcba9876543210");
    private static final String PAN = "6217857600008050804";
    /** The format-0 PAN field: 0000 + the 12 rightmost digits without the check digit. */
    private static final byte[] PAN_FIELD = HEX.parseHex("0000760000805080");

    private SecurityModule hsm;
    private WrappedKey pik;
    private WrappedKey zpk;
    private byte[] fromTerminal;
    private byte[] expected;
    private Cipher jcePikDecrypt;
    private Cipher jceZpkEncrypt;

    @Setup
    public void setUp() throws Exception {
        hsm = ThrowAwayModule.create();
        pik = hsm.formKeyFromComponents(KeyUsage.PIK, List.of(CLEAR_PIK.clone()));
        zpk = hsm.formKeyFromComponents(KeyUsage.ZPK, List.of(CLEAR_ZPK.clone()));
        jcePikDecrypt = Cipher.getInstance("DESede/ECB/NoPadding");
        jcePikDecrypt.init(Cipher.DECRYPT_MODE, new SecretKeySpec(tripleLength(CLEAR_PIK), "DESede"));
        jceZpkEncrypt = Cipher.getInstance("DESede/ECB/NoPadding");
        jceZpkEncrypt.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(tripleLength(CLEAR_ZPK), "DESede"));
        byte[] clearBlock = HEX.parseHex("06135790ffffffff");
        for (int i = 0; i < 8; i++) {
            clearBlock[i] ^= PAN_FIELD[i];
        }
        Cipher pikEncrypt = Cipher.getInstance("DESede/ECB/NoPadding");
        pikEncrypt.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(tripleLength(CLEAR_PIK), "DESede"));
        fromTerminal = pikEncrypt.doFinal(clearBlock);
        expected = jceZpkEncrypt.doFinal(clearBlock);
        if (!MessageDigest.isEqual(translateThroughTheModule(), expected)
                || !MessageDigest.isEqual(plainJce(), expected)) {
            throw new IllegalStateException("the two translations disagree");
        }
    }

    @Benchmark
    public byte[] translateThroughTheModule() {
        return hsm.translatePin(pik, fromTerminal, PAN, zpk);
    }

    /** Baseline: decrypt under the PIK, re-encrypt under the ZPK, with clear keys and no checks beyond the PIN length. */
    @Benchmark
    public byte[] plainJce() throws Exception {
        byte[] clear = jcePikDecrypt.doFinal(fromTerminal);
        int control = clear[0] & 0xFF;
        if (control >> 4 != 0 || (control & 0x0F) < 4 || (control & 0x0F) > 12) {
            throw new IllegalStateException("not a format-0 block");
        }
        return jceZpkEncrypt.doFinal(clear);
    }

    private static byte[] tripleLength(byte[] doubleLength) {
        byte[] key = new byte[24];
        System.arraycopy(doubleLength, 0, key, 0, 16);
        System.arraycopy(doubleLength, 0, key, 16, 8);
        return key;
    }
}
