package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The project's key usages in TR-31 headers: a block unwraps only as the usage it was made for. */
class Tr31UsageTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] kbpk = hex(Tr31KeyBlockTest.A74_KBPK);

    @Test
    void theTableSaysWhatEachUsageIsInTr31() {
        assertThat(Tr31Usage.TMK.header(16, 'E')).isEqualTo(Tr31Header.of('D', "K0", 'T', 'B', "00", 'E'));
        assertThat(Tr31Usage.PIK.header(16, 'E')).isEqualTo(Tr31Header.of('D', "P0", 'T', 'B', "00", 'E'));
        assertThat(Tr31Usage.PIK.header(8, 'E').algorithm()).isEqualTo('D');
        assertThat(Tr31Usage.MAK.header(8, 'N')).isEqualTo(Tr31Header.of('D', "M1", 'D', 'C', "00", 'N'));
        assertThat(Tr31Usage.TDK.header(16, 'E').keyUsage()).isEqualTo("D0");
        assertThat(Tr31Usage.ZPK.header(16, 'E').keyUsage()).isEqualTo("P0");
        assertThat(Tr31Usage.ZMK.header(16, 'E').keyUsage()).isEqualTo("K0");
        assertThat(Tr31Usage.KEK.header(16, 'E').keyUsage()).isEqualTo("K0");
        assertThat(Tr31Usage.BDK.header(16, 'E')).isEqualTo(Tr31Header.of('D', "B0", 'T', 'X', "00", 'E'));
        assertThat(Tr31Usage.KBPK.header(32, 'E')).isEqualTo(Tr31Header.of('D', "K1", 'A', 'B', "00", 'E'));
        for (KeyUsage usage : KeyUsage.values()) {
            assertThat(Tr31Usage.of(usage).name()).isEqualTo(usage.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Tr31Usage.class)
    void eachUsageRoundTripsAsItself(Tr31Usage usage) {
        int length = usage == Tr31Usage.KBPK ? 32 : 16;
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);

        String block = Tr31KeyBlock.wrap(kbpk, usage.header(length, 'E'), key, RANDOM);

        assertThat(Tr31KeyBlock.unwrap(kbpk, block, usage).key()).isEqualTo(key);
    }

    @Test
    void aMakBlockCannotBeUnwrappedAsAPik() {
        String mak = Tr31KeyBlock.wrap(kbpk, Tr31Usage.MAK.header(8, 'E'), hex(Fixtures.MAK_HEX), RANDOM);

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, mak, Tr31Usage.PIK))
                .isInstanceOf(HsmException.class)
                .hasMessage("the key block holds a key of TR-31 usage M1 but is presented as a PIK (TR-31 usage P0); "
                        + "a key can serve only its own usage");
        assertThat(Tr31KeyBlock.unwrap(kbpk, mak, Tr31Usage.MAK).key()).isEqualTo(hex(Fixtures.MAK_HEX));
    }

    @Test
    void aPinKeyCannotBeUnwrappedAsAKeyEncryptionKeyNorTheOtherWayRound() {
        String pik = Tr31KeyBlock.wrap(kbpk, Tr31Usage.PIK.header(16, 'E'), hex(Fixtures.PIK_HEX), RANDOM);
        String tmk = Tr31KeyBlock.wrap(kbpk, Tr31Usage.TMK.header(16, 'E'), hex(Fixtures.TMK_HEX), RANDOM);

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, pik, Tr31Usage.TMK))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage P0 but is presented as a TMK (TR-31 usage K0)");
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, tmk, Tr31Usage.TDK))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage K0 but is presented as a TDK (TR-31 usage D0)");
    }

    @Test
    void theAlgorithmAndModeOfUseAreCheckedToo() {
        // the TR-31:2018 A.7.4 block is an AES PIN key: the project's PIKs are DES/TDEA
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, Tr31KeyBlockTest.A74_BLOCK, Tr31Usage.PIK))
                .isInstanceOf(HsmException.class).hasMessageContaining("holds a PIK for algorithm A; a PIK here is for algorithm T or D");
        String generateOnly = Tr31KeyBlock.wrap(kbpk, Tr31Header.of('D', "P0", 'T', 'G', "00", 'E'),
                hex(Fixtures.PIK_HEX), RANDOM);
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, generateOnly, Tr31Usage.PIK))
                .isInstanceOf(HsmException.class).hasMessageContaining("with mode of use G; a PIK here has mode B, D, E");
        assertThatThrownBy(() -> Tr31Usage.TMK.header(8, 'E'))
                .isInstanceOf(HsmException.class).hasMessageContaining("a TMK key of 8 bytes (single DES) cannot be put");
    }
}
