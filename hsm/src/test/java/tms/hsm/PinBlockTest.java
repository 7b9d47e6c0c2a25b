package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISO 9564-1 PIN blocks, formats 0 and 4, against published examples. */
class PinBlockTest {

    static final byte[] AES_KEY = hex("00112233445566778899AABBCCDDEEFF");

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A "random" source that fills with one byte value, so that format 4 becomes deterministic. */
    static SecureRandom filling(int value) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) value);
            }
        };
    }

    @ParameterizedTest(name = "PIN {0}, PAN {1} -> {2}")
    @CsvSource({
        // 041234FFFFFFFFFF XOR 0000000123456200: the worked example of the brief, by hand
        "1234, 4000001234562000, 041234FEDCBA9DFF",
        // ANSI X9.24-1:2009 A.4 (DUKPT test data), as in openemv/pinblock test/pinblock_format0_test.c
        "1234, 4012345678909, 041274EDCBA9876F",
        // EFTlab "Complete list of PIN blocks", ISO-0 example
        "1234, 43219876543210987, 0412AC89ABCDEF67",
        // 12 digits: the PAN field is left-padded with a zero because 11 digits precede the check digit
        "123456789012, 400000123456, 0C123056789131BA",
    })
    void format0KnownAnswers(String pin, String pan, String block) {
        assertThat(hex(PinBlock.format0(ascii(pin), pan))).isEqualTo(block);
        assertThat(PinBlock.parseFormat0(hex(block), pan)).isEqualTo(ascii(pin));
    }

    @Test
    void format0PanFieldTakesTheTwelveDigitsBeforeTheCheckDigit() {
        assertThat(hex(PinBlock.format0PanField("4000001234562000"))).isEqualTo("0000000123456200");
        assertThat(hex(PinBlock.format0PanField("6217857600008050804"))).isEqualTo("0000760000805080");
        assertThat(hex(PinBlock.format0PanField("400000123456"))).isEqualTo("0000040000012345");
    }

    @Test
    void format0ParseRefusesAnotherCardsPanWithoutShowingDigits() {
        byte[] block = PinBlock.format0(ascii("1234"), "4000001234562000");

        HsmException e = catchThrowableOfType(HsmException.class,
                () -> PinBlock.parseFormat0(block, "4000001234562018"));

        assertThat(e).hasMessageContaining("does not match the PAN");
        assertThat(e.getMessage()).doesNotContainPattern("[0-9]{4}").doesNotContain("1234");
    }

    @Test
    void format0ParseTellsAWrongKeyFromAWrongPan() {
        // the first 4 nibbles do not depend on the PAN: a different control or length nibble means another key
        HsmException e = catchThrowableOfType(HsmException.class,
                () -> PinBlock.parseFormat0(hex("9F1234FEDCBA9DFF"), "4000001234562000"));

        assertThat(e).hasMessageContaining("not an ISO 9564 format-0 block");
    }

    @Test
    void format0LongestPinHasTwoFillNibbles() {
        byte[] block = PinBlock.format0(ascii("999999999999"), "4000001234562000");

        assertThat(hex(block)).isEqualTo("0C999998BADCFBFF");
        assertThat(PinBlock.parseFormat0(block, "4000001234562000")).isEqualTo(ascii("999999999999"));
    }

    @ParameterizedTest(name = "PIN \"{0}\" -> {1}")
    @CsvSource({
        "123, pin has 3 characters; expected 4 to 12 decimal digits",
        "1234567890123, pin has 13 characters; expected 4 to 12 decimal digits",
        "12a4, pin has a character that is not a decimal digit at position 3",
        "12 4, pin has a character that is not a decimal digit at position 3",
    })
    void pinIsFourToTwelveDecimalDigits(String pin, String message) {
        assertThat(catchThrowableOfType(HsmException.class, () -> PinBlock.format0(ascii(pin), "4000001234562000")))
                .hasMessageContaining(message);
        assertThat(catchThrowableOfType(HsmException.class, () -> PinBlock.format4PinField(ascii(pin), filling(0))))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "PAN \"{0}\" -> {1}")
    @CsvSource({
        "40000012345, pan has 11 characters; expected 12 to 19 decimal digits",
        "40000012345620001234, pan has 20 characters; expected 12 to 19 decimal digits",
        "4000-0012345620, pan has a character that is not a decimal digit at position 5",
    })
    void panIsTwelveToNineteenDecimalDigits(String pan, String message) {
        HsmException e = catchThrowableOfType(HsmException.class, () -> PinBlock.format0(ascii("1234"), pan));

        assertThat(e).hasMessageContaining(message);
        assertThat(catchThrowableOfType(HsmException.class, () -> PinBlock.format4PanField(pan)))
                .hasMessageContaining(message);
    }

    @Test
    void format4PinFieldOfTheX924Supplement() {
        // ANSI X9.24-3:2017 supplementary test vectors (AES PIN block format 4), as in openemv/pinblock
        byte[] field = PinBlock.format4PinField(ascii("1234"), filling(0x5C));

        assertThat(hex(field)).isEqualTo("441234AAAAAAAAAA5C5C5C5C5C5C5C5C");
        assertThat(PinBlock.parseFormat4PinField(field)).isEqualTo(ascii("1234"));
        assertThat(hex(PinBlock.format4PinField(ascii("12345"), filling(0)))).isEqualTo("4512345AAAAAAAAA0000000000000000");
    }

    @Test
    void format4PanFieldOfTheX924Supplement() {
        assertThat(hex(PinBlock.format4PanField("4111111111111111"))).isEqualTo("44111111111111111000000000000000");
        assertThat(hex(PinBlock.format4PanField("411111111111111"))).isEqualTo("34111111111111110000000000000000");
        assertThat(hex(PinBlock.format4PanField("123456789012"))).isEqualTo("01234567890120000000000000000000");
    }

    @Test
    void format4EnciphersAsThePublishedExample() {
        // key, PIN 1234, PAN 1234567890123456789, random fill FF..FF: the deterministic example of the psec library
        // (test_encipher_pinblock_iso_4_det) and of 5n00py/paysec
        byte[] block = PinBlock.encipherFormat4(AES_KEY, ascii("1234"), "1234567890123456789", filling(0xFF));

        assertThat(hex(block)).isEqualTo("28B41FDDD29B743E93124BD8E32D921E");
        assertThat(PinBlock.decipherFormat4(AES_KEY, block, "1234567890123456789")).isEqualTo(ascii("1234"));
    }

    @ParameterizedTest(name = "PIN {0}, PAN {1}")
    @CsvSource({
        // 5n00py/paysec test_decipher_pinblock_iso_4_various: blocks made with real random fill
        "1234, 1234567890123456, 52DB178C6EDCE52E3A70F7FBC8E9C758",
        "123456, 123456789012345678, 847A0209C659E4C4A79CA6A2A2217D31",
        "12345678, 1234567890123456789, 018BFEC8B5EF60181A327AD8325A2BA4",
    })
    void format4DeciphersPublishedBlocks(String pin, String pan, String block) {
        assertThat(PinBlock.decipherFormat4(AES_KEY, hex(block), pan)).isEqualTo(ascii(pin));
    }

    @Test
    void format4IsTheTwoStepEnciphermentOfTheStandard() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] block = PinBlock.encipherFormat4(AES_KEY, ascii("987654"), "6217857600008050804", random);

        // undo it with the JDK's AES: D(K, block) XOR PAN field = E(K, PIN field)
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(AES_KEY, "AES"));
        byte[] intermediate = aes.doFinal(block);
        byte[] panField = PinBlock.format4PanField("6217857600008050804");
        for (int i = 0; i < 16; i++) {
            intermediate[i] ^= panField[i];
        }
        String pinField = hex(aes.doFinal(intermediate));

        assertThat(pinField).startsWith("46987654AAAAAAAA");
    }

    @Test
    void format4RandomFillMakesEveryBlockDifferent() {
        SecureRandom random = new SecureRandom();
        byte[] first = PinBlock.encipherFormat4(AES_KEY, ascii("1234"), "4000001234562000", random);
        byte[] second = PinBlock.encipherFormat4(AES_KEY, ascii("1234"), "4000001234562000", random);

        assertThat(first).isNotEqualTo(second);
        assertThat(PinBlock.decipherFormat4(AES_KEY, second, "4000001234562000")).isEqualTo(ascii("1234"));
    }

    @Test
    void format4RefusesAnotherPanOrKeyOrLength() {
        byte[] block = hex("28B41FDDD29B743E93124BD8E32D921E");

        HsmException wrongPan = catchThrowableOfType(HsmException.class,
                () -> PinBlock.decipherFormat4(AES_KEY, block, "1234567890123456788"));
        HsmException wrongKey = catchThrowableOfType(HsmException.class,
                () -> PinBlock.decipherFormat4(hex("FF112233445566778899AABBCCDDEEFF"), block, "1234567890123456789"));
        HsmException wrongLength = catchThrowableOfType(HsmException.class,
                () -> PinBlock.decipherFormat4(AES_KEY, Arrays.copyOf(block, 8), "1234567890123456789"));

        assertThat(wrongPan).hasMessageContaining("does not match the PAN");
        assertThat(wrongPan.getMessage()).doesNotContainPattern("[0-9]{4}");
        assertThat(wrongKey).hasMessageContaining("another key");
        assertThat(wrongLength).hasMessageContaining("has 8 bytes; expected 16");
    }
}
