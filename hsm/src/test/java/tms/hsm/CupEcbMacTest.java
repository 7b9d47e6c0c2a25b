package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The MAC worked example of PROTOCOL.md §7, step by step. */
class CupEcbMacTest {

    @Test
    void everyIntermediateValueOfTheWorkedExample() {
        CupEcbMac.Steps steps = CupEcbMac.trace(hex(Fixtures.MAC_MAK_HEX), hex(Fixtures.MAB_HEX));

        assertThat(hex(steps.xor())).isEqualTo("B9F9B96AA4FDB57F");
        assertThat(hex(steps.e1())).isEqualTo("9FDE90A34CF73B2E");
        assertThat(hex(steps.e2())).isEqualTo("E267B6E21913D339");
        assertThat(new String(steps.mac(), StandardCharsets.US_ASCII)).isEqualTo("E267B6E2");
    }

    @Test
    void computeGivesTheField64Bytes() {
        byte[] mac = CupEcbMac.compute(hex(Fixtures.MAC_MAK_HEX), hex(Fixtures.MAB_HEX));

        assertThat(hex(mac)).isEqualTo("4532363742364532");
    }

    @Test
    void aDoubleLengthMakUses3Des() {
        byte[] mac = CupEcbMac.compute(hex(Fixtures.DOUBLE_HEX), hex(Fixtures.MAB_HEX));

        assertThat(new String(mac, StandardCharsets.US_ASCII)).isEqualTo("ECCE8834");
        assertThat(CupEcbMac.trace(hex(Fixtures.DOUBLE_HEX), hex(Fixtures.MAB_HEX)).mac()).isEqualTo(mac);
    }

    @Test
    void aShortLastBlockIsPaddedWithZeros() {
        byte[] unpadded = hex("1234567890ABCDEFABCDEF12");
        byte[] padded = hex("1234567890ABCDEFABCDEF1200000000");

        CupEcbMac.Steps steps = CupEcbMac.trace(hex(Fixtures.MAC_MAK_HEX), unpadded);

        assertThat(hex(steps.xor())).isEqualTo("B9F9B96A90ABCDEF");
        assertThat(CupEcbMac.compute(hex(Fixtures.MAC_MAK_HEX), unpadded))
                .isEqualTo(CupEcbMac.compute(hex(Fixtures.MAC_MAK_HEX), padded));
    }
}
