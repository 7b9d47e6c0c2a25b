package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 006 profile through the module: SM4 keys, their check values, working keys under an SM4 TMK, the SM4 ECB MAC. */
class Sm4ProfileTest {

    // GB/T 32907 example 1: this key encrypts this same value to 681EDF34…; PROTOCOL.md §7 gives its SM4 check value
    // and its SM4 ECB MAC over the worked MAB
    private static final String GB_KEY = Fixtures.DOUBLE_HEX;
    private static final String GB_CIPHERTEXT = "681EDF34D206965E86B3E94F536E4246";
    private static final String GB_CHECK_VALUE = "2677F46B";
    private static final byte[] MAB = hex(Fixtures.MAB_HEX);

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;
    private WrappedKey tmk;

    @BeforeEach
    void setUp() {
        module = Fixtures.module(dir);
        tmk = module.formKeyFromComponents(KeyUsage.TMK, KeyAlgorithm.SM4, List.of(hex(GB_KEY)));
    }

    @Test
    void anSm4KeyHasTheSm4CheckValue() {
        assertThat(tmk.algorithm()).isEqualTo(KeyAlgorithm.SM4);
        assertThat(tmk.checkValueHex()).isEqualTo(GB_CHECK_VALUE);
        assertThat(hex(module.checkValue(tmk))).isEqualTo(GB_CHECK_VALUE);
        // the same bytes as a TDES key have the 3DES check value of §7
        assertThat(Fixtures.known(module, KeyUsage.TMK, GB_KEY).checkValueHex()).isEqualTo("08D7B4FB");
    }

    @Test
    void aWorkingKeyUnderAnSm4TmkIsSm4Ecb() {
        WrappedKey pik = module.formKeyFromComponents(KeyUsage.PIK, KeyAlgorithm.SM4, List.of(hex(GB_KEY)));

        byte[] encrypted = module.encryptUnderKek(pik, tmk);

        assertThat(hex(encrypted)).isEqualTo(GB_CIPHERTEXT);
        WrappedKey imported = module.importUnderKek(KeyUsage.PIK, encrypted, tmk, hex(GB_CHECK_VALUE));
        assertThat(imported.algorithm()).isEqualTo(KeyAlgorithm.SM4);
        assertThat(imported.usage()).isEqualTo(KeyUsage.PIK);
        assertThat(imported.checkValueHex()).isEqualTo(GB_CHECK_VALUE);
    }

    @Test
    void the006FieldPartsMatchOpenSsl() {
        // iso8583-specs' WorkingKeysTest.VECTOR_006: MAK 16 x 33 and TDK 16 x 44 under the GB/T key, by openssl -sm4-ecb
        WrappedKey mak = module.formKeyFromComponents(KeyUsage.MAK, KeyAlgorithm.SM4, List.of(hex("33".repeat(16))));
        WrappedKey tdk = module.formKeyFromComponents(KeyUsage.TDK, KeyAlgorithm.SM4, List.of(hex("44".repeat(16))));

        assertThat(hex(module.encryptUnderKek(mak, tmk)) + mak.checkValueHex())
                .isEqualTo("99CFE9D2B4F88CB9D52049F758E230D9" + "A43FDDA6");
        assertThat(hex(module.encryptUnderKek(tdk, tmk)) + tdk.checkValueHex())
                .isEqualTo("D7A7D1B8C65C593AE8694C078C54E853" + "E54E8465");
    }

    @Test
    void generatedSm4WorkingKeysTravelAndComeBack() {
        WrappedKey generatedTmk = module.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 16);
        for (KeyUsage usage : List.of(KeyUsage.PIK, KeyUsage.MAK, KeyUsage.TDK)) {
            WrappedKey key = module.generateKey(usage, KeyAlgorithm.SM4, 16);
            byte[] encrypted = module.encryptUnderKek(key, generatedTmk);

            WrappedKey imported = module.importUnderKek(usage, encrypted, generatedTmk, key.checkValue());

            assertThat(encrypted).hasSize(16);
            assertThat(imported.checkValue()).isEqualTo(key.checkValue());
            assertThat(module.checkValue(imported)).isEqualTo(CheckValues.of(KeyAlgorithm.SM4, new KeyWrap(
                    Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev"))).unwrap(key)));
        }
    }

    @Test
    void theSm4MacIsTheVectorOfProtocolSection7() {
        WrappedKey mak = module.formKeyFromComponents(KeyUsage.MAK, KeyAlgorithm.SM4, List.of(hex(GB_KEY)));
        byte[] expected = "E35E26A2".getBytes(StandardCharsets.US_ASCII);

        assertThat(module.generateMac(mak, MAB)).isEqualTo(expected);
        assertThat(module.verifyMac(mak, MAB, expected)).isTrue();
        assertThat(module.verifyMac(mak, MAB, "ECCE8834".getBytes(StandardCharsets.US_ASCII))).isFalse();
        // the same bytes as a 3DES MAK give the 3DES vector: the algorithm of the handle picks the cipher
        WrappedKey tdesMak = Fixtures.known(module, KeyUsage.MAK, GB_KEY);
        assertThat(new String(module.generateMac(tdesMak, MAB), StandardCharsets.US_ASCII)).isEqualTo("ECCE8834");
        assertThat(module.cachedMacKeys()).isEqualTo(2);
    }

    @Test
    void algorithmsAreNotMixedUnderATmk() {
        WrappedKey tdesPik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        WrappedKey tdesTmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        WrappedKey sm4Pik = module.generateKey(KeyUsage.PIK, KeyAlgorithm.SM4, 16);

        assertThatThrownBy(() -> module.encryptUnderKek(tdesPik, tmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("key is a TDES PIK (cv 00962B60) but the TMK is SM4");
        assertThatThrownBy(() -> module.encryptUnderKek(sm4Pik, tdesTmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("but the TMK is TDES");
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.PIK, new byte[8], tmk, hex(GB_CHECK_VALUE)))
                .isInstanceOf(HsmException.class).hasMessageContaining("encrypted has 8 bytes; expected an encrypted SM4 key of 16 bytes");
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.PIK, hex(GB_CIPHERTEXT), tmk, hex("08D7B4FB")))
                .isInstanceOf(HsmException.class).hasMessageContaining("has check value 2677F46B, not the expected 08D7B4FB");
    }

    @Test
    void anAesTmkCarriesNoWorkingKeysAndAnAesMakNoCupMac() {
        WrappedKey aesTmk = module.generateKey(KeyUsage.TMK, KeyAlgorithm.AES, 16);
        WrappedKey aesPik = module.generateKey(KeyUsage.PIK, KeyAlgorithm.AES, 16);
        WrappedKey aesMak = module.generateKey(KeyUsage.MAK, KeyAlgorithm.AES, 16);

        assertThatThrownBy(() -> module.encryptUnderKek(aesPik, aesTmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("kek is an AES TMK");
        assertThatThrownBy(() -> module.generateMac(aesMak, MAB)).isInstanceOf(HsmException.class)
                .hasMessageContaining("is a 16-byte AES key; CUP_ECB needs a DES, 3DES or SM4 key");
    }
}
