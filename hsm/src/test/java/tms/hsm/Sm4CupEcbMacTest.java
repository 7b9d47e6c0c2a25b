package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The SM4 variant of the CUP ECB MAC (PROTOCOL.md §4 "National ciphers", vector of §7). */
class Sm4CupEcbMacTest {

    private static final byte[] KEY = hex(Fixtures.DOUBLE_HEX);
    private static final byte[] MAB = hex(Fixtures.MAB_HEX);

    @Test
    void givesTheProtocolVector() {
        assertThat(new String(Sm4CupEcbMac.compute(KEY, MAB), StandardCharsets.US_ASCII)).isEqualTo("E35E26A2");
    }

    @Test
    void everyStepFollowsTheDefinition() {
        Sm4CupEcbMac.Steps steps = Sm4CupEcbMac.trace(KEY, MAB);
        // one 16-byte block: the XOR is the block itself, its 32 hex characters are the MAB's hex as ASCII
        byte[] hexText = Fixtures.MAB_HEX.getBytes(StandardCharsets.US_ASCII);

        assertThat(steps.xor()).isEqualTo(MAB);
        assertThat(steps.e1()).isEqualTo(Sm4.ecb(KEY, true, Arrays.copyOf(hexText, 16)));
        byte[] t = steps.e1().clone();
        for (int i = 0; i < 16; i++) {
            t[i] ^= hexText[16 + i];
        }
        assertThat(steps.e2()).isEqualTo(Sm4.ecb(KEY, true, t));
        assertThat(new String(steps.mac(), StandardCharsets.US_ASCII)).isEqualTo(hex(steps.e2()).substring(0, 8));
    }

    @Test
    void blocksAreSixteenBytesAndTheLastIsPaddedWithZeros() {
        byte[] shortTail = hex("1234567890ABCDEFABCDEF1234567890" + "0102");
        byte[] padded = hex("1234567890ABCDEFABCDEF1234567890" + "01020000000000000000000000000000");

        Sm4CupEcbMac.Steps steps = Sm4CupEcbMac.trace(KEY, shortTail);

        assertThat(hex(steps.xor())).isEqualTo("1336567890ABCDEFABCDEF1234567890");
        assertThat(Sm4CupEcbMac.compute(KEY, shortTail)).isEqualTo(Sm4CupEcbMac.compute(KEY, padded));
        assertThat(Sm4CupEcbMac.compute(KEY, shortTail)).isNotEqualTo(Sm4CupEcbMac.compute(KEY, MAB));
    }
}
