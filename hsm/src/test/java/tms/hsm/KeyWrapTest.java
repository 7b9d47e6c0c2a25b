package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys at rest: TR-31 version D key blocks under a KBPK derived from the LMK, bound to usage, algorithm, length and check value. */
class KeyWrapTest {

    @TempDir
    Path dir;

    private Lmk lmk;
    private SoftwareSecurityModule module;

    @BeforeEach
    void setUp() {
        lmk = Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev"));
        module = new SoftwareSecurityModule(lmk);
    }

    @Test
    void aKeyAtRestIsAStandardVersionDBlockUnderTheLmkDerivedKbpk() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        String kp = hex(CheckValues.of(KeyAlgorithm.AES, Tr31Kdf.kbpkFromLmk(lmk)));

        String block = tmk.encoded();

        // K0 TDEA, both ways, exportable; binding 01, check value KC (legacy KCV), KBPK check value KP, pad block
        assertThat(block).startsWith("D0160K0TB00E0400" + "010FTMK.TDES.16" + "KC0E0082E13665" + "KP0E01" + kp + "PB050")
                .hasSize(160).matches("[ -~]+");
        Tr31KeyBlock.Unwrapped unwrapped = Tr31KeyBlock.unwrap(Tr31Kdf.kbpkFromLmk(lmk), block, Tr31Usage.TMK);
        assertThat(hex(unwrapped.key())).isEqualTo(Fixtures.TMK_HEX);
    }

    @Test
    void theWrapRoundTripsEveryAlgorithm() {
        KeyWrap wrap = new KeyWrap(lmk);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            byte[] clear = new byte[algorithm == KeyAlgorithm.AES ? 32 : 16];
            new SecureRandom().nextBytes(clear);
            WrappedKey key = wrap.wrap(KeyUsage.TMK, algorithm, clear, CheckValues.of(algorithm, clear));

            assertThat(wrap.unwrap(key)).as("%s", algorithm).isEqualTo(clear);
            assertThat(key.encoded()).as("%s", algorithm).hasSizeLessThanOrEqualTo(200)
                    .contains("TMK." + algorithm + "." + clear.length);
        }
    }

    @Test
    void theTextOfEveryKindOfKeyFitsTheDatabaseColumn() {
        assertThat(module.generateKey(KeyUsage.MAK, 8).encoded()).hasSize(128);
        assertThat(module.generateKey(KeyUsage.PIK, 16).encoded()).hasSize(160);
        assertThat(module.generateKey(KeyUsage.TMK, KeyAlgorithm.TDES, 24).encoded()).hasSize(160);
        assertThat(module.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 16).encoded()).hasSize(160);
        assertThat(module.generateKey(KeyUsage.KEK, KeyAlgorithm.AES, 16).encoded()).hasSize(192);
        assertThat(module.generateKey(KeyUsage.KEK, KeyAlgorithm.AES, 32).encoded()).hasSize(192);
        assertThat(module.generateKey(KeyUsage.HASH, KeyAlgorithm.AES, 32).encoded()).hasSize(192);
    }

    @Test
    void aWrappedKeySurvivesARestartUnderTheSameLmk() {
        WrappedKey key = module.generateKey(KeyUsage.PIK, 16);
        SoftwareSecurityModule restarted = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev")));

        assertThat(restarted.checkValue(WrappedKey.decode(key.encoded()))).isEqualTo(key.checkValue());
    }

    @Test
    void generatedKeysHaveOddParityAndDistinctHalves() {
        KeyWrap wrap = new KeyWrap(lmk);
        for (int n = 0; n < 20; n++) {
            WrappedKey key = module.generateKey(KeyUsage.TMK, 16);
            byte[] clear = wrap.unwrap(key);

            for (byte b : clear) {
                assertThat(Integer.bitCount(b & 0xFF) % 2).as("parity of %02X", b).isEqualTo(1);
            }
            assertThat(java.util.Arrays.copyOfRange(clear, 0, 8)).isNotEqualTo(java.util.Arrays.copyOfRange(clear, 8, 16));
            assertThat(key.checkValue()).isEqualTo(TripleDes.checkValue(clear));
        }
    }

    @Test
    void generatedKeysDifferAndHaveTheAskedLength() {
        WrappedKey a = module.generateKey(KeyUsage.MAK, 8);
        WrappedKey b = module.generateKey(KeyUsage.MAK, 8);

        assertThat(a.length()).isEqualTo(8);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.checkValue()).isNotEqualTo(b.checkValue());
        assertThat(new KeyWrap(lmk).unwrap(a)).hasSize(8);
        assertThatThrownBy(() -> module.generateKey(KeyUsage.MAK, 24))
                .isInstanceOf(HsmException.class).hasMessageContaining("lengthBytes is 24; expected 8");
    }

    @Test
    void aTamperedBlockIsRefused() {
        WrappedKey key = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        byte[] blob = key.blob();
        blob[100] = (byte) (blob[100] == '0' ? '1' : '0');

        assertThatThrownBy(() -> module.checkValue(new WrappedKey(KeyUsage.TMK, KeyAlgorithm.TDES, 16, blob, key.checkValue())))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("TMK key's key block does not unwrap under this LMK")
                .hasMessageContaining("MAC does not verify");
    }

    @Test
    void relabellingATmkAsAZoneMasterKeyInItsHeaderIsRefused() {
        // TR-31 calls both K0: only the binding block tells them apart, and the MAC covers it
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        WrappedKey relabelled = WrappedKey.decode(tmk.encoded().replace("TMK.TDES.16", "ZMK.TDES.16"));

        assertThat(relabelled.usage()).isEqualTo(KeyUsage.ZMK);
        assertThatThrownBy(() -> module.checkValue(relabelled))
                .isInstanceOf(HsmException.class).hasMessageContaining("ZMK key's key block does not unwrap under this LMK");
    }

    @Test
    void aBlockOfTheWrongShapeIsRefused() {
        byte[] headerOnly = "D0016K0TB00E0000".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> module.checkValue(new WrappedKey(KeyUsage.TMK, 16, headerOnly, hex("82E13665"))))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("has 0 characters after its header");
    }

    @Test
    void aMakBlockPresentedAsATmkIsRefused() {
        WrappedKey mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        WrappedKey posingAsTmk = new WrappedKey(KeyUsage.TMK, 8, mak.blob(), mak.checkValue());

        assertThatThrownBy(() -> module.checkValue(posingAsTmk))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("holds a MAK key but is presented as a TMK key");
        assertThatThrownBy(() -> module.encryptUnderKek(pik, posingAsTmk))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("presented as a TMK key");
    }

    @Test
    void anSm4KeyPresentedAsATdesKeyIsRefused() {
        WrappedKey sm4 = module.formKeyFromComponents(KeyUsage.PIK, KeyAlgorithm.SM4, List.of(hex(Fixtures.DOUBLE_HEX)));
        WrappedKey posingAsTdes = new WrappedKey(KeyUsage.PIK, KeyAlgorithm.TDES, 16, sm4.blob(), sm4.checkValue());

        assertThatThrownBy(() -> module.checkValue(posingAsTdes))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("holds a SM4 PIK but is presented as a TDES key");
    }

    @Test
    void aLengthSwapIsRefused() {
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);

        assertThatThrownBy(() -> module.checkValue(new WrappedKey(KeyUsage.PIK, 8, pik.blob(), pik.checkValue())))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("holds a 16-byte key but is presented as 8 bytes");
    }

    @Test
    void anEditedCheckValueIsRefused() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);

        assertThatThrownBy(() -> module.checkValue(new WrappedKey(KeyUsage.TMK, 16, tmk.blob(), hex("00000000"))))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("recorded check value 00000000 is not that of the key");
    }

    @Test
    void aBlockWhoseTr31FieldsDisagreeWithItsBindingIsRefused() {
        // a well-formed block under this LMK's KBPK, but P0 in the TR-31 fields and TMK in the binding block
        byte[] kbpk = Tr31Kdf.kbpkFromLmk(lmk);
        byte[] kp = CheckValues.of(KeyAlgorithm.AES, kbpk);
        Tr31Header tmkHeader = AtRestKeyBlock.header(KeyUsage.TMK, KeyAlgorithm.TDES, 16, hex("82E13665"), kp);
        Tr31Header asPinKey = new Tr31Header('D', "P0", 'T', 'B', "00", 'E', tmkHeader.optionalBlocks());
        String block = Tr31KeyBlock.wrap(kbpk, asPinKey, hex(Fixtures.TMK_HEX), new SecureRandom());
        WrappedKey key = WrappedKey.decode(block);

        assertThat(key.usage()).isEqualTo(KeyUsage.TMK);
        assertThatThrownBy(() -> module.checkValue(key))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("TR-31 usage P0 but is presented as a TMK (TR-31 usage K0)");
    }

    @Test
    void theWrapRefusesAKeyThatDoesNotFitItsAlgorithm() {
        KeyWrap wrap = new KeyWrap(lmk);

        assertThatThrownBy(() -> wrap.wrap(KeyUsage.TDK, KeyAlgorithm.TDES, new byte[12], new byte[4]))
                .isInstanceOf(HsmException.class).hasMessage("a TDK key for TDES has 8, 16 or 24 bytes; got 12 bytes");
        assertThatThrownBy(() -> wrap.wrap(KeyUsage.TDK, KeyAlgorithm.SM4, new byte[24], new byte[4]))
                .isInstanceOf(HsmException.class).hasMessage("a TDK key for SM4 has 16 bytes; got 24 bytes");
        assertThatThrownBy(() -> wrap.wrap(KeyUsage.KEK, KeyAlgorithm.TDES, new byte[16], new byte[4]))
                .isInstanceOf(HsmException.class).hasMessage("a KEK key cannot be TDES of 16 bytes; expected AES");
    }

    @Test
    void anotherLmkCannotUnwrapTheseBlocks() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        Lmk other = Lmk.loadOrCreateDevelopment(dir.resolve("other/lmk.dev"));
        SoftwareSecurityModule otherModule = new SoftwareSecurityModule(other);

        assertThat(other.checkValueHex()).isNotEqualTo(lmk.checkValueHex());
        assertThat(new KeyWrap(other).kbpkCheckValue()).isNotEqualTo(new KeyWrap(lmk).kbpkCheckValue());
        assertThatThrownBy(() -> otherModule.checkValue(tmk))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("wrapped under another LMK");
    }
}
