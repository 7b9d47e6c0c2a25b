package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyed PAN hash for look-ups. */
class PanHashTest {

    private static final String PAN = "6217857600008050804";
    private static final String LMK_HEX = "8E3F0A5C1D2B4967F0E1D2C3B4A5968778695A4B3C2D1E0F1032547698BADCFE";

    @TempDir
    Path dir;

    @Test
    void isHmacSha256UnderTheHkdfDerivedKey() throws Exception {
        Path file = dir.resolve("lmk.dev");
        Files.writeString(file, LMK_HEX + "\n", StandardCharsets.US_ASCII);
        SoftwareSecurityModule module = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(file));

        // RFC 5869 with the JDK's HMAC: extract with an all-zero salt, expand one block with the module's label
        byte[] prk = hmac(new byte[32], HexFormat.of().parseHex(LMK_HEX));
        byte[] label = "tms.hsm pan-hash v1".getBytes(StandardCharsets.US_ASCII);
        byte[] info = Arrays.copyOf(label, label.length + 1);
        info[label.length] = 1;
        byte[] panKey = hmac(prk, info);
        String expected = HexFormat.of().formatHex(hmac(panKey, PAN.getBytes(StandardCharsets.US_ASCII)));

        assertThat(module.panHash(PAN)).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void isStableUnderOneLmkAndDiffersUnderAnother() {
        SoftwareSecurityModule module = Fixtures.module(dir);
        SoftwareSecurityModule sameLmk = Fixtures.module(dir);
        SoftwareSecurityModule otherLmk = Fixtures.module(dir.resolve("other"));

        assertThat(sameLmk.panHash(PAN)).isEqualTo(module.panHash(PAN));
        assertThat(otherLmk.panHash(PAN)).isNotEqualTo(module.panHash(PAN));
        assertThat(module.panHash("6217857600008050805")).isNotEqualTo(module.panHash(PAN));
    }

    @Test
    void refusesWhatIsNotAPanWithoutShowingIt() {
        SoftwareSecurityModule module = Fixtures.module(dir);

        assertThatThrownBy(() -> module.panHash(null))
                .isInstanceOf(HsmException.class).hasMessage("pan is null; expected 12 to 19 decimal digits");
        assertThatThrownBy(() -> module.panHash("62178576000"))
                .isInstanceOf(HsmException.class).hasMessage("pan has 11 characters; expected 12 to 19 decimal digits");
        assertThatThrownBy(() -> module.panHash(PAN + "1"))
                .isInstanceOf(HsmException.class).hasMessageContaining("pan has 20 characters");
        assertThatThrownBy(() -> module.panHash("621785760000805080D"))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("not a decimal digit at position 19")
                .message().doesNotContain("6217857600");
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
