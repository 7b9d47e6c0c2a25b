package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record and its text form for the database. */
class WrappedKeyTest {

    private static final WrappedKey SAMPLE = new WrappedKey(KeyUsage.MAK, 8,
            hex("00112233445566778899AABBCCDDEEFF0011223344556677"), hex("ADC67D84"));

    @TempDir
    Path dir;

    @Test
    void encodedHasTheDocumentedForm() {
        assertThat(SAMPLE.encoded())
                .isEqualTo("K1.MAK.8.00112233445566778899AABBCCDDEEFF0011223344556677.ADC67D84");
    }

    @Test
    void aRealKeyRoundTripsThroughItsTextForm() {
        WrappedKey tmk = Fixtures.module(dir).generateKey(KeyUsage.TMK, 16);

        String encoded = tmk.encoded();
        WrappedKey decoded = WrappedKey.decode(encoded);

        assertThat(encoded).matches("K1\\.TMK\\.16\\.[0-9A-F]{64}\\.[0-9A-F]{8}").hasSizeLessThanOrEqualTo(200);
        assertThat(decoded).isEqualTo(tmk).hasSameHashCodeAs(tmk);
        assertThat(decoded.blob()).isEqualTo(tmk.blob());
    }

    @Test
    void theLargestBlobStillFitsIn200Characters() {
        WrappedKey largest = new WrappedKey(KeyUsage.TDK, 16, new byte[WrappedKey.MAX_BLOB_BYTES], new byte[4]);

        assertThat(largest.encoded()).hasSizeLessThanOrEqualTo(200);
        assertThat(WrappedKey.decode(largest.encoded())).isEqualTo(largest);
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.TDK, 16, new byte[WrappedKey.MAX_BLOB_BYTES + 1], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blob has 91 bytes; expected 1 to 90");
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
    }

    @Test
    void toStringShowsNoBlob() {
        assertThat(SAMPLE.toString())
                .isEqualTo("WrappedKey[MAK, TDES, 8 bytes, check value ADC67D84]")
                .doesNotContain("0011223344");
    }

    @Test
    void constructorRefusesBadParts() {
        assertThatThrownBy(() -> new WrappedKey(null, 8, new byte[24], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage is null");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 12, new byte[24], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key length is 12 bytes for TDES; expected 8, 16 or 24 bytes");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, KeyAlgorithm.SM4, 8, new byte[24], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key length is 8 bytes for SM4; expected 16 bytes");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 8, new byte[24], new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check value has 3 bytes; expected 4");
        assertThatThrownBy(() -> new WrappedKey(KeyUsage.MAK, 8, null, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blob has no bytes");
    }

    @Test
    void decodeNamesWhatIsWrong() {
        String blob = "00112233445566778899AABBCCDDEEFF0011223344556677";
        assertDecodeFails(null, "encoded key is null");
        assertDecodeFails("K1.MAK.8." + blob, "4 dot-separated fields; expected 5");
        assertDecodeFails("K2.MAK.8." + blob + ".ADC67D84", "unknown form version; expected K1");
        assertDecodeFails("K1.MAC.8." + blob + ".ADC67D84", "usage 'MAC'; expected one of [TMK, PIK, MAK, TDK, ZPK");
        assertDecodeFails("K1.MAK.12." + blob + ".ADC67D84", "length '12'; expected 8 or 16");
        assertDecodeFails("K1.MAK.8." + blob.toLowerCase() + ".ADC67D84", "not uppercase hex at position 21 of its blob");
        assertDecodeFails("K1.MAK.8." + blob + "0.ADC67D84", "blob of 49 hex characters");
        assertDecodeFails("K1.MAK.8." + blob + ".ADC67D", "check value of 6 hex characters; expected 8");
        assertDecodeFails("K1.MAK.8..ADC67D84", "blob of 0 hex characters");
    }

    private static void assertDecodeFails(String encoded, String message) {
        assertThatThrownBy(() -> WrappedKey.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
