package tms.hsm;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Translates a terminal's format-0 PIN block, 3DES under its PIK, to a zone PIN key: format 0 under 3DES or
 * format 4 under AES. The clear PIN exists only inside these methods and is zeroed before they return.
 */
final class PinTranslation {

    private PinTranslation() {
    }

    /** The format-0 block re-encrypted under the clear 3DES zone PIN key (8, 16 or 24 bytes). */
    static byte[] format0ToFormat0(byte[] pik, byte[] encryptedBlock, String pan, byte[] zonePinKey) {
        byte[] pin = decryptFormat0(pik, encryptedBlock, pan);
        byte[] clear = null;
        try {
            clear = PinBlock.format0(pin, pan);
            return TripleDes.ecb(zonePinKey, true, clear);
        } finally {
            Arrays.fill(pin, (byte) 0);
            if (clear != null) {
                Arrays.fill(clear, (byte) 0);
            }
        }
    }

    /** The PIN as a format-4 block enciphered under the clear AES zone PIN key (16, 24 or 32 bytes). */
    static byte[] format0ToFormat4(byte[] pik, byte[] encryptedBlock, String pan, byte[] aesZonePinKey,
            SecureRandom random) {
        byte[] pin = decryptFormat0(pik, encryptedBlock, pan);
        try {
            return PinBlock.encipherFormat4(aesZonePinKey, pin, pan, random);
        } finally {
            Arrays.fill(pin, (byte) 0);
        }
    }

    private static byte[] decryptFormat0(byte[] pik, byte[] encryptedBlock, String pan) {
        if (encryptedBlock == null || encryptedBlock.length != PinBlock.FORMAT0_BYTES) {
            throw new HsmException("the encrypted PIN block has " + (encryptedBlock == null ? "no" : encryptedBlock.length)
                    + " bytes; a format-0 block under 3DES has " + PinBlock.FORMAT0_BYTES);
        }
        PinBlock.requirePan(pan);
        byte[] clear = TripleDes.ecb(pik, false, encryptedBlock);
        try {
            return PinBlock.parseFormat0(clear, pan);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }
}
