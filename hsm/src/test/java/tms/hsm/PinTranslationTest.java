package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static tms.hsm.Fixtures.hex;
import static tms.hsm.PinBlockTest.AES_KEY;
import static tms.hsm.PinBlockTest.ascii;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

/** Terminal format-0 blocks translated to zone keys; the clear PIN never comes out. */
class PinTranslationTest {

    private static final String PAN = "4000001234562000";
    private static final byte[] PIK = hex(Fixtures.PIK_HEX);
    private static final byte[] ZPK = hex(Fixtures.DOUBLE_HEX);

    private static byte[] terminalBlock(String pin, String pan) {
        return TripleDes.ecb(PIK, true, PinBlock.format0(ascii(pin), pan));
    }

    @Test
    void format0ToFormat0ReEncryptsTheSameClearBlock() {
        byte[] translated = PinTranslation.format0ToFormat0(PIK, terminalBlock("1234", PAN), PAN, ZPK);

        assertThat(hex(TripleDes.ecb(ZPK, false, translated))).isEqualTo("041234FEDCBA9DFF");
    }

    @Test
    void format0ToFormat0UnderASingleLengthPik() {
        // the classic 001 profile sends an 8-byte PIK
        byte[] pik = hex("2222222222222222");
        byte[] block = TripleDes.ecb(pik, true, hex("041234FEDCBA9DFF"));

        byte[] translated = PinTranslation.format0ToFormat0(pik, block, PAN, ZPK);

        assertThat(hex(TripleDes.ecb(ZPK, false, translated))).isEqualTo("041234FEDCBA9DFF");
    }

    @Test
    void format0ToFormat4DeciphersToTheSamePin() {
        byte[] translated = PinTranslation.format0ToFormat4(PIK, terminalBlock("567890", PAN), PAN, AES_KEY,
                new SecureRandom());

        assertThat(translated).hasSize(16);
        assertThat(PinBlock.decipherFormat4(AES_KEY, translated, PAN)).isEqualTo(ascii("567890"));
    }

    @Test
    void format0ToFormat4WithFixedFillGivesThePublishedBlock() {
        String pan = "1234567890123456789";

        byte[] translated = PinTranslation.format0ToFormat4(PIK, terminalBlock("1234", pan), pan, AES_KEY,
                PinBlockTest.filling(0xFF));

        assertThat(hex(translated)).isEqualTo("28B41FDDD29B743E93124BD8E32D921E");
    }

    @Test
    void refusesABlockMadeForAnotherPan() {
        byte[] block = terminalBlock("1234", "4000001234562018");

        HsmException toZone = catchThrowableOfType(HsmException.class,
                () -> PinTranslation.format0ToFormat0(PIK, block, PAN, ZPK));
        HsmException toAes = catchThrowableOfType(HsmException.class,
                () -> PinTranslation.format0ToFormat4(PIK, block, PAN, AES_KEY, new SecureRandom()));

        assertThat(toZone).hasMessageContaining("does not match the PAN");
        assertThat(toAes).hasMessageContaining("does not match the PAN");
        assertThat(toZone.getMessage()).doesNotContainPattern("[0-9]{4}");
    }

    @Test
    void refusesABlockUnderAnotherPik() {
        byte[] block = TripleDes.ecb(hex(Fixtures.TDK_HEX), true, PinBlock.format0(ascii("1234"), PAN));

        assertThatThrownBy(() -> PinTranslation.format0ToFormat0(PIK, block, PAN, ZPK))
                .isInstanceOf(HsmException.class).hasMessageContaining("encrypted under another PIN key");
    }

    @Test
    void refusesABlockOfTheWrongLengthAndABadPan() {
        assertThatThrownBy(() -> PinTranslation.format0ToFormat0(PIK, new byte[16], PAN, ZPK))
                .isInstanceOf(HsmException.class)
                .hasMessage("the encrypted PIN block has 16 bytes; a format-0 block under 3DES has 8");
        assertThatThrownBy(() -> PinTranslation.format0ToFormat0(PIK, null, PAN, ZPK))
                .isInstanceOf(HsmException.class).hasMessageContaining("has no bytes");
        assertThatThrownBy(() -> PinTranslation.format0ToFormat0(PIK, terminalBlock("1234", PAN), "40000012345620X0", ZPK))
                .isInstanceOf(HsmException.class)
                .hasMessage("pan has a character that is not a decimal digit at position 15; expected 12 to 19 decimal digits");
    }

    @Test
    void leavesTheCallersKeysAndBlockIntact() {
        byte[] pik = PIK.clone();
        byte[] zpk = ZPK.clone();
        byte[] block = terminalBlock("1234", PAN);
        byte[] blockCopy = block.clone();

        PinTranslation.format0ToFormat0(pik, block, PAN, zpk);

        assertThat(pik).isEqualTo(PIK);
        assertThat(zpk).isEqualTo(ZPK);
        assertThat(block).isEqualTo(blockCopy);
    }
}
