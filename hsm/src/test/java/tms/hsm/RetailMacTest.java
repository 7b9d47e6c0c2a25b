package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The X9.19 retail MAC against ISO/IEC 9797-1:1999 Annex B (MAC algorithm 3, padding method 1, K = 0123456789ABCDEF,
 * K' = FEDCBA9876543210: together the PROTOCOL.md §7 key), and against the JDK's own DES.
 */
class RetailMacTest {

    private static final byte[] KEY = hex(Fixtures.DOUBLE_HEX);
    static final byte[] ANNEX_B_DATA_1 = "Now is the time for all ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ANNEX_B_DATA_2 = "Now is the time for it".getBytes(StandardCharsets.US_ASCII);

    @Test
    void annexBDataString1() {
        byte[] mac = RetailMac.compute(KEY, ANNEX_B_DATA_1);

        // the annex prints the 32-bit truncation; the full 64 bits as published with the same example by
        // imohsenb/ISO8583-Message-Client-DotNet (MacGeneratorUnitTest.TestAnsi919Pad)
        assertThat(hex(mac)).startsWith("A1C72E74").isEqualTo("A1C72E74EA3FA9B6");
    }

    @Test
    void annexBDataString2NeedsPadding() {
        assertThat(hex(RetailMac.compute(KEY, ANNEX_B_DATA_2))).startsWith("2E2B1428");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 7, 8, 9, 16, 23, 24, 25, 100, 1000})
    void agreesWithJdkDesForAnyLength(int length) throws Exception {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);

        assertThat(RetailMac.compute(KEY, data)).isEqualTo(jdkRetailMac(KEY, data));
    }

    @Test
    void refusesAKeyOfAnotherLength() {
        assertThatThrownBy(() -> RetailMac.compute(hex("0123456789ABCDEF"), ANNEX_B_DATA_1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes, not 8");
    }

    @Test
    void leavesTheCallersKeyIntact() {
        byte[] key = KEY.clone();

        RetailMac.compute(key, ANNEX_B_DATA_1);

        assertThat(key).isEqualTo(KEY);
    }

    /** DES-CBC under K over the zero-padded data, then D(K') and E(K) of the last block: the textbook definition. */
    static byte[] jdkRetailMac(byte[] key, byte[] data) throws Exception {
        byte[] last = jdkCbcMac(Arrays.copyOf(key, 8), data);
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 8, 16), "DES"));
        byte[] t = des.doFinal(last);
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOf(key, 8), "DES"));
        return des.doFinal(t);
    }

    /** The last block of DES-CBC with a zero IV over the data padded with zeros (one zero block when empty). */
    static byte[] jdkCbcMac(byte[] key, byte[] data) throws Exception {
        int padded = data.length == 0 ? 8 : (data.length + 7) / 8 * 8;
        Cipher cbc = Cipher.getInstance("DES/CBC/NoPadding");
        cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"), new IvParameterSpec(new byte[8]));
        byte[] out = cbc.doFinal(Arrays.copyOf(data, padded));
        return Arrays.copyOfRange(out, out.length - 8, out.length);
    }
}
