package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The development LMK: created once, reused, refused when malformed. */
class LmkTest {

    private static final String KEY_HEX = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

    @TempDir
    Path dir;

    @Test
    void createdOnTheFirstCallAndReusedOnTheSecond() throws Exception {
        Path file = dir.resolve("data/keys/lmk.dev");

        Lmk first = Lmk.loadOrCreateDevelopment(file);
        Lmk second = Lmk.loadOrCreateDevelopment(file);

        assertThat(first.createdNow()).isTrue();
        assertThat(first.development()).isTrue();
        assertThat(second.createdNow()).isFalse();
        assertThat(second.development()).isTrue();
        assertThat(second.checkValueHex()).isEqualTo(first.checkValueHex()).matches("[0-9A-F]{6}");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).matches("[0-9A-F]{64}\n");
    }

    @Test
    void theCreatedFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("lmk.dev");
        Lmk.loadOrCreateDevelopment(file);

        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void creationWarnsThatThisIsADevelopmentLmk() {
        Path file = dir.resolve("lmk.dev");
        try (CapturedLog log = new CapturedLog()) {
            Lmk.loadOrCreateDevelopment(file);

            assertThat(log.events())
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(e -> e.getFormattedMessage())
                    .anySatisfy(message -> assertThat(message)
                            .contains("DEVELOPMENT LMK")
                            .contains(file.toAbsolutePath().toString())
                            .contains("must never protect real keys"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n"})
    void aHandWrittenFileLoadsWithOrWithoutANewline(String ending) throws Exception {
        Path file = dir.resolve("lmk.dev");
        Files.writeString(file, KEY_HEX.toLowerCase() + ending, StandardCharsets.US_ASCII);

        Lmk lmk = Lmk.loadOrCreateDevelopment(file);

        assertThat(lmk.createdNow()).isFalse();
        assertThat(lmk.checkValueHex()).isEqualTo(independentCheckValue(KEY_HEX));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a key",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F0",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1G\n",
        "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F\n\n",
        " 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
    })
    void aMalformedFileIsRefused(String content) throws Exception {
        Path file = dir.resolve("lmk.dev");
        Files.writeString(file, content, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Lmk.loadOrCreateDevelopment(file))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("must hold exactly 64 hexadecimal characters");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(content);
    }

    @Test
    void theRefusalDoesNotEchoTheFile() throws Exception {
        Path file = dir.resolve("lmk.dev");
        String almost = KEY_HEX.substring(0, 62) + "ZZ";
        Files.writeString(file, almost, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Lmk.loadOrCreateDevelopment(file))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("character 63 is not a hexadecimal digit")
                .message().doesNotContain(KEY_HEX.substring(0, 16));
    }

    @Test
    void toStringShowsTheCheckValueOnly() throws Exception {
        Path file = dir.resolve("lmk.dev");
        Files.writeString(file, KEY_HEX, StandardCharsets.US_ASCII);

        assertThat(Lmk.loadOrCreateDevelopment(file).toString())
                .isEqualTo("Lmk[development, check value " + independentCheckValue(KEY_HEX) + "]");
    }

    /** AES-CMAC of one zero block by SP 800-38B, on the JDK's AES: E(K, K1) with K1 the doubled E(K, 0). */
    private static String independentCheckValue(String keyHex) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hex(keyHex), "AES"));
        byte[] l = aes.doFinal(new byte[16]);
        byte[] k1 = new byte[16];
        for (int i = 0; i < 16; i++) {
            k1[i] = (byte) ((l[i] << 1) | (i < 15 ? (l[i + 1] & 0xFF) >>> 7 : 0));
        }
        if ((l[0] & 0x80) != 0) {
            k1[15] ^= (byte) 0x87;
        }
        byte[] mac = aes.doFinal(k1);
        return hex(Arrays.copyOf(mac, 3));
    }
}
