package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Track encryption of PROTOCOL.md §4 under the TDK of §7 (16 x 44). */
class TrackDecryptionTest {

    private static final byte[] TDK = hex(Fixtures.TDK_HEX);

    // Computed by hand with the JDK's DESede (K1 K2 K1) over the bytes picked by hand:
    // even, 34 digits: packed bytes 40 00 00 12 34 56 20 00 D2 51 22 01 12 34 56 78 90; the 8 bytes ending one before
    // the end are D251220112345678 -> 5CD313B30905A053; the last byte (digits "90") stays clear.
    private static final String EVEN_CLEAR = "4000001234562000D25122011234567890";
    private static final String EVEN_ENCRYPTED = "40000012345620005CD313B30905A05390";
    // odd, 35 digits: packed with a trailing pad nibble 0, the last byte is "10"; the 8 bytes before it are
    // 5122011234567890 -> B63882578CF5971E; only the last digit "1" stays clear.
    private static final String ODD_CLEAR = "4000001234562000D251220112345678901";
    private static final String ODD_ENCRYPTED = "4000001234562000D2B63882578CF5971E1";

    @Test
    void evenTrackHandComputedVector() {
        assertThat(TrackDecryption.encrypt(TDK, EVEN_CLEAR)).isEqualTo(EVEN_ENCRYPTED);
        assertThat(TrackDecryption.decrypt(TDK, EVEN_ENCRYPTED)).isEqualTo(EVEN_CLEAR);
    }

    @Test
    void oddTrackIsAlignedOnThePackedBytes() {
        assertThat(TrackDecryption.encrypt(TDK, ODD_CLEAR)).isEqualTo(ODD_ENCRYPTED);
        assertThat(TrackDecryption.decrypt(TDK, ODD_ENCRYPTED)).isEqualTo(ODD_CLEAR);
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {17, 18, 19, 36, 37, 103, 104})
    void roundTripsEveryLengthAndOnlyTheBlockChanges(int length) {
        Random random = new Random(length);
        StringBuilder track = new StringBuilder();
        for (int i = 0; i < length; i++) {
            track.append(i == length / 2 ? 'D' : (char) ('0' + random.nextInt(10)));
        }
        String clear = track.toString();

        String encrypted = TrackDecryption.encrypt(TDK, clear);

        assertThat(encrypted).hasSize(length).isNotEqualTo(clear);
        int clearTail = length % 2 == 0 ? 2 : 1;
        int firstEncrypted = length - clearTail - 16;
        assertThat(encrypted.substring(0, firstEncrypted)).isEqualTo(clear.substring(0, firstEncrypted));
        assertThat(encrypted.substring(length - clearTail)).isEqualTo(clear.substring(length - clearTail));
        assertThat(TrackDecryption.decrypt(TDK, encrypted)).isEqualTo(clear);
    }

    @Test
    void acceptsLowerCaseHexAndAnswersUpperCase() {
        assertThat(TrackDecryption.decrypt(TDK, EVEN_ENCRYPTED.toLowerCase())).isEqualTo(EVEN_CLEAR);
    }

    @Test
    void refusesTooShortTooLongAndNonHexTracksWithoutShowingThem() {
        assertThatThrownBy(() -> TrackDecryption.decrypt(TDK, "4000001234562000"))
                .isInstanceOf(HsmException.class)
                .hasMessage("track has 16 characters; expected 17 to 104 hex digits (track 2 or 3, with = written as D)");
        assertThatThrownBy(() -> TrackDecryption.decrypt(TDK, "1".repeat(105)))
                .isInstanceOf(HsmException.class).hasMessageContaining("track has 105 characters");
        assertThatThrownBy(() -> TrackDecryption.encrypt(TDK, "4000001234562000=2512201123456789"))
                .isInstanceOf(HsmException.class)
                .hasMessage("track has a character that is not a hex digit at position 17; expected hex digits only, "
                        + "with the separator = written as D");
        assertThatThrownBy(() -> TrackDecryption.encrypt(TDK, "40000012345620001\u0663345678901234"))
                .isInstanceOf(HsmException.class).hasMessageContaining("position 18");
        assertThatThrownBy(() -> TrackDecryption.decrypt(TDK, null))
                .isInstanceOf(HsmException.class).hasMessageContaining("track is missing");
    }
}
