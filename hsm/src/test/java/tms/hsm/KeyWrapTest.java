package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys at rest: wrapped under the LMK, bound to their usage and length. */
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
    void aKeyRoundTripsThroughTheWrap() {
        KeyWrap wrap = new KeyWrap(lmk);
        byte[] clear = hex(Fixtures.DOUBLE_HEX);

        byte[] blob = wrap.wrap(KeyUsage.TDK, clear);

        assertThat(blob).hasSize(32).isNotEqualTo(clear);
        assertThat(wrap.unwrap(KeyUsage.TDK, 16, blob)).isEqualTo(clear);
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
            byte[] clear = wrap.unwrap(KeyUsage.TMK, 16, key.blob());

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
        assertThat(a.blob()).hasSize(24);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.checkValue()).isNotEqualTo(b.checkValue());
        assertThatThrownBy(() -> module.generateKey(KeyUsage.MAK, 24))
                .isInstanceOf(HsmException.class).hasMessageContaining("lengthBytes is 24; expected 8");
    }

    @Test
    void aTamperedBlobIsRefused() {
        WrappedKey key = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        byte[] blob = key.blob();
        blob[5] ^= 0x40;

        assertThatThrownBy(() -> module.checkValue(new WrappedKey(KeyUsage.TMK, 16, blob, key.checkValue())))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("TMK key's blob does not unwrap under this LMK");
    }

    @Test
    void aBlobOfTheWrongShapeIsRefused() {
        WrappedKey key = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);

        assertThatThrownBy(() -> module.checkValue(new WrappedKey(KeyUsage.TMK, 16, new byte[20], key.checkValue())))
                .isInstanceOf(HsmException.class).hasMessageContaining("blob has 20 bytes");
    }

    @Test
    void aMakBlobPresentedAsATmkIsRefused() {
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
    void anotherLmkCannotUnwrapTheseBlobs() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        Lmk other = Lmk.loadOrCreateDevelopment(dir.resolve("other/lmk.dev"));
        SoftwareSecurityModule otherModule = new SoftwareSecurityModule(other);

        assertThat(other.checkValueHex()).isNotEqualTo(lmk.checkValueHex());
        assertThatThrownBy(() -> otherModule.checkValue(tmk))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("wrapped under another LMK");
    }
}
