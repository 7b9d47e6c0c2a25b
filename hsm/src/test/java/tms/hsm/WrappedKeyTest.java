package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record and its text form for the database: the TR-31 key block. */
class WrappedKeyTest {

    /** A key block at rest as this module writes them (header, then encrypted key data and MAC of a MAK). */
    private static final String SAMPLE_BLOCK = "D0128M1DC00S0400" + "010EMAK.TDES.8" + "KC0E00ADC67D84" + "KP0E0112345678"
            + "PB0600" + "00112233445566778899AABBCCDDEEFF" + "00112233445566778899AABBCCDDEEFF";
    private static final WrappedKey SAMPLE = new WrappedKey(KeyUsage.MAK, 8, ascii(SAMPLE_BLOCK), hex("ADC67D84"));

    @TempDir
    Path dir;

    @Test
    void encodedIsTheKeyBlockAndDecodeReadsItsHeader() {
        assertThat(SAMPLE.encoded()).isEqualTo(SAMPLE_BLOCK);
        assertThat(WrappedKey.decode(SAMPLE_BLOCK)).isEqualTo(SAMPLE);
    }

    @Test
    void aRealKeyRoundTripsThroughItsTextForm() {
        SoftwareSecurityModule module = Fixtures.module(dir);
        for (WrappedKey key : new WrappedKey[] {module.generateKey(KeyUsage.TMK, 16),
            module.generateKey(KeyUsage.MAK, KeyAlgorithm.SM4, 16), module.generateKey(KeyUsage.KEK, KeyAlgorithm.AES, 32)}) {
            String encoded = key.encoded();
            WrappedKey decoded = WrappedKey.decode(encoded);

            assertThat(encoded).startsWith("D").hasSizeLessThanOrEqualTo(200);
            assertThat(decoded).isEqualTo(key).hasSameHashCodeAs(key);
            assertThat(decoded.algorithm()).isEqualTo(key.algorithm());
            assertThat(decoded.blob()).isEqualTo(key.blob());
        }
    }

    @Test
    void theLargestBlobIs200Characters() {
        byte[] largest = ascii("D".repeat(WrappedKey.MAX_BLOB_BYTES));

        assertThat(new WrappedKey(KeyUsage.TDK, 16, largest, new byte[4]).encoded()).hasSize(200);
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.TDK, 16, ascii("D".repeat(201)), new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blob has 201 bytes; expected a key block of 1 to 200 characters");
    }

    @Test
    void equalityIsOverContentsAndTheArraysCannotBeChangedFromOutside() {
        byte[] blob = SAMPLE.blob();
        WrappedKey copy = new WrappedKey(KeyUsage.MAK, 8, blob, SAMPLE.checkValue());
        blob[0] = 0x7F;
        SAMPLE.checkValue()[0] = 0;

        assertThat(copy).isEqualTo(SAMPLE).hasSameHashCodeAs(SAMPLE);
        assertThat(SAMPLE.checkValueHex()).isEqualTo("ADC67D84");
        assertThat(copy).isNotEqualTo(new WrappedKey(KeyUsage.TMK, 8, SAMPLE.blob(), SAMPLE.checkValue()));
        assertThat(copy).isNotEqualTo(new WrappedKey(KeyUsage.MAK, 16, SAMPLE.blob(), SAMPLE.checkValue()));
        assertThat(copy).isNotEqualTo(new WrappedKey(KeyUsage.MAK, 8, SAMPLE.blob(), hex("ADC67D85")));
        assertThat(copy).isNotEqualTo(new WrappedKey(KeyUsage.MAK, KeyAlgorithm.SM4, 16, SAMPLE.blob(), SAMPLE.checkValue()));
    }

    @Test
    void toStringShowsNoBlob() {
        assertThat(SAMPLE.toString())
                .isEqualTo("WrappedKey[MAK, TDES, 8 bytes, check value ADC67D84]")
                .doesNotContain("0011223344");
    }

    @Test
    void constructorRefusesBadParts() {
        byte[] blob = ascii(SAMPLE_BLOCK);
        assertThatThrownBy(() -> new WrappedKey(null, 8, blob, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage is null");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 12, blob, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key length is 12 bytes for TDES; expected 8, 16 or 24 bytes");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, KeyAlgorithm.SM4, 8, blob, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key length is 8 bytes for SM4; expected 16 bytes");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 8, blob, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check value has 3 bytes; expected 4");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 8, null, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blob has no bytes");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 8, new byte[24], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not printable ASCII at position 1; expected the text of a TR-31 key block");
    }

    @Test
    void decodeNamesWhatIsWrong() {
        String tail = SAMPLE_BLOCK.substring(64);
        assertDecodeFails(null, "encoded key is null");
        assertDecodeFails("", "encoded key has 0 characters");
        assertDecodeFails("K1.MAK.8.00112233445566778899AABBCCDDEEFF0011223344556677.ADC67D84", "key block's length field");
        assertDecodeFails("B0128M1DC00S0400010EMAK.TDES.8KC0E00ADC67D84KP0E0112345678PB0600" + tail,
                "version 'B'; expected version D");
        assertDecodeFails("D0128M1DC00S0400010EMAC.TDES.8KC0E00ADC67D84KP0E0112345678PB0600" + tail,
                "'MAC' is no key usage; expected one of [TMK, PIK, MAK");
        assertDecodeFails("D0128M1DC00S0400010EMAK.TDEZ.8KC0E00ADC67D84KP0E0112345678PB0600" + tail,
                "'TDEZ' is no key algorithm");
        assertDecodeFails("D0128M1DC00S0400010EMAK.TDES.9KC0E00ADC67D84KP0E0112345678PB0600" + tail,
                "length of '9' for TDES; expected 8, 16 or 24 bytes");
        assertDecodeFails("D0128M1DC00S0400010EMAK.TDES.8KC0E01ADC67D84KP0E0112345678PB0600" + tail,
                "block KC is '01ADC67D84'; expected 00 (the KCV algorithm for TDES)");
        assertDecodeFails("D0128M1DC00S0400010EMAK-TDES-8KC0E00ADC67D84KP0E0112345678PB0600" + tail,
                "expected <usage>.<algorithm>.<length>");
        assertDecodeFails("D0128M1DC00S0300KC0E00ADC67D84KP0E0112345678PB140000000000000000" + tail,
                "no optional block 01");
        assertDecodeFails("D0128M1DC00S0300010EMAK.TDES.8KP0E0112345678PB140000000000000000" + tail,
                "no optional block KC");
    }

    private static void assertDecodeFails(String encoded, String message) {
        assertThatThrownBy(() -> WrappedKey.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
