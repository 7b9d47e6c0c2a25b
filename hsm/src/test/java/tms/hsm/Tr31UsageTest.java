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
        assertThat(Tr31Usage.TMK.header(KeyAlgorithm.TDES, 16, 'E')).isEqualTo(Tr31Header.of('D', "K0", 'T', 'B', "00", 'E'));
        assertThat(Tr31Usage.PIK.header(KeyAlgorithm.TDES, 16, 'E')).isEqualTo(Tr31Header.of('D', "P0", 'T', 'B', "00", 'E'));
        assertThat(Tr31Usage.PIK.header(KeyAlgorithm.TDES, 8, 'E').algorithm()).isEqualTo('D');
        assertThat(Tr31Usage.MAK.header(KeyAlgorithm.TDES, 8, 'N')).isEqualTo(Tr31Header.of('D', "M1", 'D', 'C', "00", 'N'));
        assertThat(Tr31Usage.MAK.header(KeyAlgorithm.SM4, 16, 'S')).isEqualTo(Tr31Header.of('D', "M1", '4', 'C', "00", 'S'));
        assertThat(Tr31Usage.TMK.header(KeyAlgorithm.AES, 32, 'E').algorithm()).isEqualTo('A');
        assertThat(Tr31Usage.TDK.header(KeyAlgorithm.TDES, 16, 'E').keyUsage()).isEqualTo("D0");
        assertThat(Tr31Usage.ZPK.header(KeyAlgorithm.TDES, 16, 'E').keyUsage()).isEqualTo("P0");
        assertThat(Tr31Usage.ZMK.header(KeyAlgorithm.TDES, 16, 'E').keyUsage()).isEqualTo("K0");
        assertThat(Tr31Usage.KEK.header(KeyAlgorithm.AES, 32, 'N')).isEqualTo(Tr31Header.of('D', "K1", 'A', 'B', "00", 'N'));
        assertThat(Tr31Usage.BDK.header(KeyAlgorithm.TDES, 16, 'E')).isEqualTo(Tr31Header.of('D', "B0", 'T', 'X', "00", 'E'));
        assertThat(Tr31Usage.HASH.header(KeyAlgorithm.AES, 32, 'N').algorithm()).isEqualTo('H');
        assertThat(Tr31Usage.TMK.exportability()).isEqualTo('E');
        assertThat(Tr31Usage.MAK.exportability()).isEqualTo('S');
        assertThat(Tr31Usage.KEK.exportability()).isEqualTo('N');
        for (KeyUsage usage : KeyUsage.values()) {
            assertThat(Tr31Usage.of(usage).name()).isEqualTo(usage.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Tr31Usage.class)
    void eachUsageRoundTripsAsItself(Tr31Usage usage) {
        KeyAlgorithm algorithm = usage == Tr31Usage.KEK ? KeyAlgorithm.AES : KeyAlgorithm.TDES;
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);

        String block = Tr31KeyBlock.wrap(kbpk, usage.header(algorithm, 16, 'E'), key, RANDOM);

        assertThat(Tr31KeyBlock.unwrap(kbpk, block, usage).key()).isEqualTo(key);
    }

    @Test
    void aUsageRefusesAnAlgorithmItDoesNotTake() {
        assertThatThrownBy(() -> Tr31Usage.KEK.header(KeyAlgorithm.TDES, 16, 'N'))
                .isInstanceOf(HsmException.class).hasMessage("a KEK key cannot be TDES of 16 bytes; expected AES");
        assertThatThrownBy(() -> Tr31Usage.BDK.header(KeyAlgorithm.SM4, 16, 'N'))
                .isInstanceOf(HsmException.class).hasMessageContaining("a BDK key cannot be SM4 of 16 bytes; expected TDES");
    }

    @Test
    void aMakBlockCannotBeUnwrappedAsAPik() {
        String mak = Tr31KeyBlock.wrap(kbpk, Tr31Usage.MAK.header(KeyAlgorithm.TDES, 8, 'E'), hex(Fixtures.MAK_HEX), RANDOM);

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, mak, Tr31Usage.PIK))
                .isInstanceOf(HsmException.class)
                .hasMessage("the key block holds a key of TR-31 usage M1 but is presented as a PIK (TR-31 usage P0); "
                        + "a key can serve only its own usage");
        assertThat(Tr31KeyBlock.unwrap(kbpk, mak, Tr31Usage.MAK).key()).isEqualTo(hex(Fixtures.MAK_HEX));
    }

    @Test
    void aPinKeyCannotBeUnwrappedAsAKeyEncryptionKeyNorTheOtherWayRound() {
        String pik = Tr31KeyBlock.wrap(kbpk, Tr31Usage.PIK.header(KeyAlgorithm.TDES, 16, 'E'), hex(Fixtures.PIK_HEX), RANDOM);
        String tmk = Tr31KeyBlock.wrap(kbpk, Tr31Usage.TMK.header(KeyAlgorithm.TDES, 16, 'E'), hex(Fixtures.TMK_HEX), RANDOM);

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, pik, Tr31Usage.TMK))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage P0 but is presented as a TMK (TR-31 usage K0)");
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, tmk, Tr31Usage.TDK))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage K0 but is presented as a TDK (TR-31 usage D0)");
    }

    @Test
    void theAlgorithmAndModeOfUseAreCheckedToo() {
        // the TR-31:2018 A.7.4 block is an AES PIN key: a PIK may be AES, a BDK may not be a PIN key, a TDK not DES
        assertThat(hex(Tr31KeyBlock.unwrap(kbpk, Tr31KeyBlockTest.A74_BLOCK, Tr31Usage.PIK).key()))
                .isEqualTo(Tr31KeyBlockTest.A74_KEY);
        String singleDesTdk = Tr31KeyBlock.wrap(kbpk, Tr31Header.of('D', "D0", 'D', 'B', "00", 'E'),
                hex(Fixtures.MAK_HEX), RANDOM);
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, singleDesTdk, Tr31Usage.TDK))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("holds a TDK for algorithm D; a TDK here is for algorithm T or A or 4 (TDES of 16 or 24 bytes, AES, SM4)");
        String generateOnly = Tr31KeyBlock.wrap(kbpk, Tr31Header.of('D', "P0", 'T', 'G', "00", 'E'),
                hex(Fixtures.PIK_HEX), RANDOM);
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, generateOnly, Tr31Usage.PIK))
                .isInstanceOf(HsmException.class).hasMessageContaining("with mode of use G; a PIK here has mode B, D, E");
        assertThatThrownBy(() -> Tr31Usage.TMK.header(KeyAlgorithm.TDES, 8, 'E'))
                .isInstanceOf(HsmException.class).hasMessageContaining("a TMK key cannot be single DES (8 bytes)");
    }
}
