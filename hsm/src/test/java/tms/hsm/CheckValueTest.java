package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckValueTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "11111111111111111111111111111111, 82E13665",
        "44444444444444444444444444444444, E2F24340",
        "0123456789ABCDEFFEDCBA9876543210, 08D7B4FB",
        "22222222222222222222222222222222, 00962B60",
        "3333333333333333, ADC67D84",
    })
    void knownAnswers(String keyHex, String expected) {
        SoftwareSecurityModule module = Fixtures.module(dir);
        // a TMK is never single DES: the 8-byte vector is a MAK's
        WrappedKey key = Fixtures.known(module, keyHex.length() == 16 ? KeyUsage.MAK : KeyUsage.TMK, keyHex);

        assertThat(key.checkValueHex()).isEqualTo(expected);
        assertThat(hex(module.checkValue(key))).isEqualTo(expected);
        assertThat(hex(TripleDes.checkValue(hex(keyHex)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "11111111111111111111111111111111, 82E13665",
        "44444444444444444444444444444444, E2F24340",
        "0123456789ABCDEFFEDCBA9876543210, 08D7B4FB",
        "22222222222222222222222222222222, 00962B60",
        "3333333333333333, ADC67D84",
    })
    void jdkCipherAgreesWithTheBouncyCastlePath(String keyHex, String expected) throws Exception {
        byte[] key = hex(keyHex);
        Cipher cipher;
        if (key.length == 8) {
            cipher = Cipher.getInstance("DES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
        } else {
            byte[] k1k2k1 = Arrays.copyOf(key, 24);
            System.arraycopy(key, 0, k1k2k1, 16, 8);
            cipher = Cipher.getInstance("DESede/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k1k2k1, "DESede"));
        }
        byte[] jdk = Arrays.copyOf(cipher.doFinal(new byte[8]), 4);

        assertThat(hex(jdk)).isEqualTo(expected);
        assertThat(TripleDes.checkValue(key)).isEqualTo(jdk);
    }
}
