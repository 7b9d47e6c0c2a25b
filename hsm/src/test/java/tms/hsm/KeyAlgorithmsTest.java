package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys of every algorithm: generated, formed from components, and their check values against known answers. */
class KeyAlgorithmsTest {

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;

    @BeforeEach
    void setUp() {
        module = Fixtures.module(dir);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // PROTOCOL.md §7
        "TDES, 11111111111111111111111111111111, 82E13665",
        "TDES, 0123456789ABCDEFFEDCBA9876543210, 08D7B4FB",
        "TDES, 3333333333333333, ADC67D84",
        "SM4, 0123456789ABCDEFFEDCBA9876543210, 2677F46B",
        // the TR-31:2018 A.7.4 KBPK: its X9.143 KP block (CMAC KCV, 5 bytes) is 2331550BC9 in openemv/tr31's tests
        "AES, 88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6, 2331550B",
    })
    void checkValuesAreTheKnownAnswers(KeyAlgorithm algorithm, String keyHex, String expected) {
        KeyUsage usage = algorithm == KeyAlgorithm.AES ? KeyUsage.KEK : keyHex.length() == 16 ? KeyUsage.MAK : KeyUsage.TMK;
        WrappedKey key = module.formKeyFromComponents(usage, algorithm, List.of(hex(keyHex)));

        assertThat(key.checkValueHex()).isEqualTo(expected);
        assertThat(hex(module.checkValue(key))).isEqualTo(expected);
        assertThat(hex(CheckValues.of(algorithm, hex(keyHex)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "AES-{0}")
    @CsvSource({"16", "24", "32"})
    void theAesCheckValueIsTheCmacOfAZeroBlockComputedIndependently(int length) throws Exception {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (0x2B + 7 * i);
        }
        byte[] jdkCmac = Tr31KeyBlockTest.JdkCmac.of(key, new byte[16]);

        assertThat(CheckValues.of(KeyAlgorithm.AES, key)).isEqualTo(Arrays.copyOf(jdkCmac, 4));
    }

    @Test
    void aesAndSm4KeysAreFormedFromComponents() {
        byte[] c1 = hex("0101010101010101010101010101010101010101010101010101010101010101");
        byte[] c2 = hex("89E0AA2B2F3CD28D1EA138A437510DC9A97BB8D72CC82D00048EA69E45647CE7");
        WrappedKey kek = module.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES, List.of(c1, c2));

        // the components XOR to the A.7.4 KBPK
        assertThat(kek.algorithm()).isEqualTo(KeyAlgorithm.AES);
        assertThat(kek.length()).isEqualTo(32);
        assertThat(kek.checkValueHex()).isEqualTo("2331550B");

        WrappedKey tmk = module.formKeyFromComponents(KeyUsage.TMK, KeyAlgorithm.SM4,
                List.of(hex("11111111111111111111111111111111"), hex("1032547698BADCFEEFCDAB8967452301")));
        assertThat(tmk.checkValueHex()).isEqualTo("2677F46B");
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES, List.of(c1, new byte[16])))
                .isInstanceOf(HsmException.class).hasMessage("component 2 has 16 bytes; expected 32 bytes, the length of component 1");
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, null, List.of(c1)))
                .isInstanceOf(HsmException.class).hasMessageContaining("algorithm is null; expected one of [TDES, AES, SM4]");
    }

    @Test
    void generatedKeysHaveTheAlgorithmAndLengthAsked() {
        for (int length : new int[] {16, 24, 32}) {
            WrappedKey aes = module.generateKey(KeyUsage.KEK, KeyAlgorithm.AES, length);
            assertThat(aes.length()).isEqualTo(length);
            assertThat(aes.algorithm()).isEqualTo(KeyAlgorithm.AES);
            assertThat(module.checkValue(aes)).isEqualTo(aes.checkValue());
        }
        WrappedKey tdes24 = module.generateKey(KeyUsage.ZMK, KeyAlgorithm.TDES, 24);
        assertThat(tdes24.length()).isEqualTo(24);
        assertThat(module.checkValue(tdes24)).isEqualTo(tdes24.checkValue());
        WrappedKey sm4a = module.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 16);
        WrappedKey sm4b = module.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 16);
        assertThat(sm4a.checkValue()).isNotEqualTo(sm4b.checkValue());

        assertThatThrownBy(() -> module.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 32))
                .isInstanceOf(HsmException.class).hasMessage("lengthBytes is 32 for SM4; expected 16 bytes");
        assertThatThrownBy(() -> module.generateKey(KeyUsage.KEK, KeyAlgorithm.TDES, 16))
                .isInstanceOf(HsmException.class).hasMessage("a KEK key cannot be TDES of 16 bytes; expected AES");
        assertThatThrownBy(() -> module.generateKey(KeyUsage.BDK, KeyAlgorithm.SM4, 16))
                .isInstanceOf(HsmException.class).hasMessageContaining("a BDK key cannot be SM4 of 16 bytes");
    }
}
