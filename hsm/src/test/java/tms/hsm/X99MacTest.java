package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The X9.9 MAC against FIPS 113 (the same DES CBC-MAC), ISO/IEC 9797-1:1999 Annex B and the JDK's DES. */
class X99MacTest {

    private static final byte[] KEY = hex("0123456789ABCDEF");

    @Test
    void fips113Example() {
        // FIPS PUB 113 appendix: "7654321 Now is the time for " (28 bytes, zero-padded to 32), key 0123456789ABCDEF
        byte[] data = "7654321 Now is the time for ".getBytes(StandardCharsets.US_ASCII);

        assertThat(hex(X99Mac.compute(KEY, data))).isEqualTo("F1D30F6849312CA4");
    }

    @Test
    void annexBMacAlgorithm1PaddingMethod1() {
        // the annex prints 32 bits; the full block as published with the same example by
        // imohsenb/ISO8583-Message-Client-DotNet (MacGeneratorUnitTest.TestAnsi99Pad)
        assertThat(hex(X99Mac.compute(KEY, RetailMacTest.ANNEX_B_DATA_1))).isEqualTo("70A30640CC76DD8B");
        assertThat(hex(X99Mac.compute(KEY, RetailMacTest.ANNEX_B_DATA_2))).startsWith("E45B3AD2");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 8, 15, 16, 17, 333})
    void agreesWithJdkDesCbc(int length) throws Exception {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);

        assertThat(X99Mac.compute(KEY, data)).isEqualTo(RetailMacTest.jdkCbcMac(KEY, data));
    }

    @Test
    void isTheRetailMacWhenBothKeyHalvesAreEqual() {
        byte[] data = RetailMacTest.ANNEX_B_DATA_2;

        assertThat(X99Mac.compute(KEY, data)).isEqualTo(RetailMac.compute(hex("0123456789ABCDEF0123456789ABCDEF"), data));
    }

    @Test
    void refusesADoubleLengthKey() {
        assertThatThrownBy(() -> X99Mac.compute(hex(Fixtures.DOUBLE_HEX), new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bytes, not 16");
    }
}
