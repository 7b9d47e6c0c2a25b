package tms.hsm;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ISO 9564-1 PIN blocks: format 0 (clear, 8 bytes, for 3DES) and format 4 (16 bytes, enciphered with AES).
 *
 * <p>A PIN is handled as an array of ASCII digits, never a String, so that every copy can be zeroed; the caller
 * zeroes the arrays it passes in and the ones it gets back. Messages name the input and what is wrong with it,
 * never a PIN digit, a PAN digit or (for decrypted blocks) the PIN length.
 */
final class PinBlock {

    static final int FORMAT0_BYTES = 8;
    static final int FORMAT4_BYTES = 16;
    static final int MIN_PIN_DIGITS = 4;
    static final int MAX_PIN_DIGITS = 12;
    static final int MIN_PAN_DIGITS = 12;
    static final int MAX_PAN_DIGITS = 19;

    private static final int FORMAT0_CONTROL = 0x0;
    private static final int FORMAT4_CONTROL = 0x4;
    private static final int FORMAT0_FILL = 0xF;
    private static final int FORMAT4_FILL = 0xA;
    // format 0: nibbles 0-3 of the PAN field are always 0, so the control, length and first two PIN digits do not
    // depend on the PAN; format 4: the PIN and fill nibbles end at the middle of the block, random fill follows
    private static final int PAN_INDEPENDENT_NIBBLES = 4;
    private static final int FORMAT4_PIN_NIBBLES = 16;

    private PinBlock() {
    }

    /** The clear format-0 block: PIN field {@code 0N} + digits + F fill, XOR {@code 0000} + 12 PAN digits. */
    static byte[] format0(byte[] pin, String pan) {
        requirePin(pin);
        byte[] block = format0PanField(pan);
        xorNibble(block, 0, FORMAT0_CONTROL);
        xorNibble(block, 1, pin.length);
        for (int i = 0; i < pin.length; i++) {
            xorNibble(block, 2 + i, pin[i] - '0');
        }
        for (int i = 2 + pin.length; i < 2 * FORMAT0_BYTES; i++) {
            xorNibble(block, i, FORMAT0_FILL);
        }
        return block;
    }

    /**
     * The ASCII PIN digits of a clear format-0 block, refused when the block is not format 0 (wrong key, other format)
     * or its PAN field is not this PAN's.
     */
    static byte[] parseFormat0(byte[] clearBlock, String pan) {
        if (clearBlock == null || clearBlock.length != FORMAT0_BYTES) {
            throw new HsmException("the format-0 PIN block has " + (clearBlock == null ? "no" : clearBlock.length)
                    + " bytes; expected " + FORMAT0_BYTES);
        }
        byte[] field = format0PanField(pan);
        try {
            for (int i = 0; i < FORMAT0_BYTES; i++) {
                field[i] ^= clearBlock[i];
            }
            int length = nibble(field, 1);
            if (nibble(field, 0) != FORMAT0_CONTROL || length < MIN_PIN_DIGITS || length > MAX_PIN_DIGITS
                    || nibble(field, 2) > 9 || nibble(field, 3) > 9) {
                throw new HsmException("the PIN block is not an ISO 9564 format-0 block: it was encrypted under another "
                        + "PIN key, or the terminal used another PIN block format");
            }
            for (int i = PAN_INDEPENDENT_NIBBLES; i < 2 * FORMAT0_BYTES; i++) {
                int value = nibble(field, i);
                if (i < 2 + length ? value > 9 : value != FORMAT0_FILL) {
                    throw new HsmException("the PIN block does not match the PAN: it was made for another card number "
                            + "(or the PAN sent with it is wrong)");
                }
            }
            return digits(field, length);
        } finally {
            Arrays.fill(field, (byte) 0);
        }
    }

    /** The 8-byte format-0 PAN field: {@code 0000} + the 12 rightmost PAN digits without the check digit. */
    static byte[] format0PanField(String pan) {
        requirePan(pan);
        byte[] field = new byte[FORMAT0_BYTES];
        int beforeCheckDigit = pan.length() - 1;
        for (int k = 0; k < 12; k++) {
            // a PAN of 12 digits has only 11 before the check digit: the field is left-padded with a zero
            int source = beforeCheckDigit - 12 + k;
            xorNibble(field, PAN_INDEPENDENT_NIBBLES + k, source >= 0 ? pan.charAt(source) - '0' : 0);
        }
        return field;
    }

    /** The 16-byte format-4 plain-text PIN field: {@code 4N} + digits + A fill to 8 bytes, then 8 random bytes. */
    static byte[] format4PinField(byte[] pin, SecureRandom random) {
        requirePin(pin);
        byte[] field = new byte[FORMAT4_BYTES];
        xorNibble(field, 0, FORMAT4_CONTROL);
        xorNibble(field, 1, pin.length);
        for (int i = 0; i < pin.length; i++) {
            xorNibble(field, 2 + i, pin[i] - '0');
        }
        for (int i = 2 + pin.length; i < FORMAT4_PIN_NIBBLES; i++) {
            xorNibble(field, i, FORMAT4_FILL);
        }
        byte[] fill = new byte[FORMAT4_BYTES - FORMAT4_PIN_NIBBLES / 2];
        random.nextBytes(fill);
        System.arraycopy(fill, 0, field, FORMAT4_PIN_NIBBLES / 2, fill.length);
        Arrays.fill(fill, (byte) 0);
        return field;
    }

    /** The 16-byte format-4 PAN field: M (PAN digits beyond 12), the whole PAN, zero fill. */
    static byte[] format4PanField(String pan) {
        requirePan(pan);
        byte[] field = new byte[FORMAT4_BYTES];
        xorNibble(field, 0, pan.length() - MIN_PAN_DIGITS);
        for (int i = 0; i < pan.length(); i++) {
            xorNibble(field, 1 + i, pan.charAt(i) - '0');
        }
        return field;
    }

    /**
     * The enciphered format-4 block of ISO 9564-1:2017 §9.4: E(K, E(K, PIN field) XOR PAN field), under a clear AES key
     * of 16, 24 or 32 bytes; {@code random} supplies the PIN field's random fill.
     */
    static byte[] encipherFormat4(byte[] aesKey, byte[] pin, String pan, SecureRandom random) {
        byte[] panField = format4PanField(pan);
        byte[] pinField = format4PinField(pin, random);
        try {
            BlockCipher aes = aes(aesKey, true);
            byte[] block = new byte[FORMAT4_BYTES];
            aes.processBlock(pinField, 0, block, 0);
            xor(block, panField);
            aes.processBlock(block, 0, block, 0);
            return block;
        } finally {
            Arrays.fill(pinField, (byte) 0);
        }
    }

    /** The ASCII PIN digits of an enciphered format-4 block, refused unless it deciphers to a PIN field for this PAN. */
    static byte[] decipherFormat4(byte[] aesKey, byte[] block, String pan) {
        if (block == null || block.length != FORMAT4_BYTES) {
            throw new HsmException("the format-4 PIN block has " + (block == null ? "no" : block.length)
                    + " bytes; expected " + FORMAT4_BYTES);
        }
        byte[] panField = format4PanField(pan);
        BlockCipher aes = aes(aesKey, false);
        byte[] field = new byte[FORMAT4_BYTES];
        try {
            aes.processBlock(block, 0, field, 0);
            xor(field, panField);
            aes.processBlock(field, 0, field, 0);
            return parseFormat4PinField(field);
        } finally {
            Arrays.fill(field, (byte) 0);
        }
    }

    /** The ASCII PIN digits of a clear format-4 PIN field; the random fill is not checked. */
    static byte[] parseFormat4PinField(byte[] field) {
        if (field.length != FORMAT4_BYTES) {
            throw new IllegalArgumentException("a format-4 PIN field has " + FORMAT4_BYTES + " bytes, not " + field.length);
        }
        int length = nibble(field, 1);
        boolean valid = nibble(field, 0) == FORMAT4_CONTROL
                && length >= MIN_PIN_DIGITS && length <= MAX_PIN_DIGITS;
        for (int i = 2; valid && i < FORMAT4_PIN_NIBBLES; i++) {
            int value = nibble(field, i);
            valid = i < 2 + length ? value <= 9 : value == FORMAT4_FILL;
        }
        if (!valid) {
            // with format 4 a wrong key and a wrong PAN both scramble the whole field: they cannot be told apart
            throw new HsmException("the format-4 PIN block does not decipher to a PIN field: it was enciphered under "
                    + "another key, or it does not match the PAN");
        }
        return digits(field, length);
    }

    private static byte[] digits(byte[] field, int length) {
        byte[] pin = new byte[length];
        for (int i = 0; i < length; i++) {
            pin[i] = (byte) ('0' + nibble(field, 2 + i));
        }
        return pin;
    }

    private static BlockCipher aes(byte[] key, boolean encrypt) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, not " + key.length);
        }
        BlockCipher engine = AESEngine.newInstance();
        KeyParameter parameter = new KeyParameter(key);
        engine.init(encrypt, parameter);
        Arrays.fill(parameter.getKey(), (byte) 0);
        return engine;
    }

    static void requirePin(byte[] pin) {
        if (pin == null) {
            throw new HsmException("pin is missing; expected 4 to 12 decimal digits");
        }
        if (pin.length < MIN_PIN_DIGITS || pin.length > MAX_PIN_DIGITS) {
            throw new HsmException("pin has " + pin.length + " characters; expected 4 to 12 decimal digits");
        }
        for (int i = 0; i < pin.length; i++) {
            if (pin[i] < '0' || pin[i] > '9') {
                throw new HsmException("pin has a character that is not a decimal digit at position " + (i + 1)
                        + "; expected 4 to 12 decimal digits");
            }
        }
    }

    static void requirePan(String pan) {
        if (pan == null) {
            throw new HsmException("pan is missing; expected 12 to 19 decimal digits");
        }
        if (pan.length() < MIN_PAN_DIGITS || pan.length() > MAX_PAN_DIGITS) {
            throw new HsmException("pan has " + pan.length() + " characters; expected 12 to 19 decimal digits");
        }
        for (int i = 0; i < pan.length(); i++) {
            char c = pan.charAt(i);
            if (c < '0' || c > '9') {
                throw new HsmException("pan has a character that is not a decimal digit at position " + (i + 1)
                        + "; expected 12 to 19 decimal digits");
            }
        }
    }

    private static int nibble(byte[] bytes, int index) {
        int b = bytes[index / 2];
        return (index % 2 == 0 ? b >> 4 : b) & 0x0F;
    }

    private static void xorNibble(byte[] bytes, int index, int value) {
        bytes[index / 2] ^= (byte) (index % 2 == 0 ? value << 4 : value);
    }

    private static void xor(byte[] target, byte[] source) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= source[i];
        }
    }
}
