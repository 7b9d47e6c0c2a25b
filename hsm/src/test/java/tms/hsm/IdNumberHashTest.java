package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyed hash of a national ID number: its own key, stable across an LMK rotation, never showing the number. */
class IdNumberHashTest {

    // the worked example of GB 11643-1999
    private static final String ID = "11010519491231002X";
    private static final String LMK_HEX = "8E3F0A5C1D2B4967F0E1D2C3B4A5968778695A4B3C2D1E0F1032547698BADCFE";

    @TempDir
    Path dir;

    @Test
    void isHmacSha256UnderAKeyDerivedWithItsOwnLabel() throws Exception {
        Path file = dir.resolve("lmk.dev");
        Files.writeString(file, LMK_HEX + "\n", StandardCharsets.US_ASCII);
        SoftwareSecurityModule module = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(file));

        byte[] prk = hmac(new byte[32], HexFormat.of().parseHex(LMK_HEX));
        byte[] label = "tms.hsm id-number v1".getBytes(StandardCharsets.US_ASCII);
        byte[] info = Arrays.copyOf(label, label.length + 1);
        info[label.length] = 1;
        String expected = HexFormat.of().formatHex(hmac(hmac(prk, info), ID.getBytes(StandardCharsets.US_ASCII)));

        assertThat(module.idNumberHash(ID)).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void differsFromThePanHashOfTheSameDigitsAndFromOtherNumbers() {
        SoftwareSecurityModule module = Fixtures.module(dir);
        String digits = "440524188001010014";

        assertThat(module.idNumberHash(digits)).isNotEqualTo(module.panHash(digits));
        assertThat(module.idNumberHash(digits)).isNotEqualTo(module.idNumberHash("440524188001010022"));
        assertThat(Fixtures.module(dir.resolve("other")).idNumberHash(digits)).isNotEqualTo(module.idNumberHash(digits));
    }

    @Test
    void underAHashingKeyItSurvivesAnLmkChange() {
        Lmk first = Lmk.loadOrCreateDevelopment(dir.resolve("first"));
        Lmk second = Lmk.loadOrCreateDevelopment(dir.resolve("second"));
        WrappedKey hashingKey = HashingKey.generate(first, new SecureRandom());
        String before = new SoftwareSecurityModule(first, hashingKey).idNumberHash(ID);

        WrappedKey rewrapped = new LmkRotation(first, second).rewrap(hashingKey);

        assertThat(new SoftwareSecurityModule(second, rewrapped).idNumberHash(ID)).isEqualTo(before);
    }

    @Test
    void refusesWhatIsNotAnIdNumberWithoutShowingIt() {
        SoftwareSecurityModule module = Fixtures.module(dir);

        assertThatThrownBy(() -> module.idNumberHash(null)).isInstanceOf(HsmException.class)
                .hasMessageContaining("idNumber is null");
        assertThatThrownBy(() -> module.idNumberHash("11010519491231002")).isInstanceOf(HsmException.class)
                .hasMessageContaining("has 17 characters");
        assertThatThrownBy(() -> module.idNumberHash("11010519491231002x")).isInstanceOf(HsmException.class)
                .hasMessageContaining("position 18").message().doesNotContain("110105");
        assertThatThrownBy(() -> module.idNumberHash("1101051949X231002X")).isInstanceOf(HsmException.class)
                .hasMessageContaining("position 11");
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
