package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import org.bouncycastle.crypto.BlockCipher;
import org.junit.jupiter.api.Test;

/** SM4 against the examples of GB/T 32907-2016 Appendix A (PROTOCOL.md §7). */
class Sm4Test {

    private static final String KEY = Fixtures.DOUBLE_HEX;

    @Test
    void encryptsTheStandardsFirstExample() {
        assertThat(hex(Sm4.ecb(hex(KEY), true, hex(KEY)))).isEqualTo("681EDF34D206965E86B3E94F536E4246");
    }

    @Test
    void decryptsItBack() {
        assertThat(hex(Sm4.ecb(hex(KEY), false, hex("681EDF34D206965E86B3E94F536E4246")))).isEqualTo(KEY);
    }

    @Test
    void encryptsTheStandardsSecondExampleAMillionTimes() {
        BlockCipher engine = Sm4.engine(hex(KEY), true);
        byte[] block = hex(KEY);
        for (int i = 0; i < 1_000_000; i++) {
            engine.processBlock(block, 0, block, 0);
        }

        assertThat(hex(block)).isEqualTo("595298C7C6FD271F0402F804C33D3F66");
    }

    @Test
    void checkValueIsTheFirstFourBytesOverSixteenZeros() {
        assertThat(hex(Sm4.checkValue(hex(KEY)))).isEqualTo("2677F46B");
    }

    @Test
    void ecbProcessesEachBlockIndependently() {
        byte[] twoBlocks = hex(KEY + KEY);

        assertThat(hex(Sm4.ecb(hex(KEY), true, twoBlocks)))
                .isEqualTo("681EDF34D206965E86B3E94F536E4246681EDF34D206965E86B3E94F536E4246");
    }

    @Test
    void refusesAKeyThatIsNotSixteenBytesAndDataThatIsNotWholeBlocks() {
        assertThatThrownBy(() -> Sm4.engine(hex("0123456789ABCDEF"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes, not 8");
        assertThatThrownBy(() -> Sm4.ecb(hex(KEY), true, new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 16");
    }
}
