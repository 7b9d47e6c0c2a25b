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
        return translate(pik, encryptedBlock, pan, KeyAlgorithm.TDES, zonePinKey, null);
    }

    /** The PIN as a format-4 block enciphered under the clear AES zone PIN key (16, 24 or 32 bytes). */
    static byte[] format0ToFormat4(byte[] pik, byte[] encryptedBlock, String pan, byte[] aesZonePinKey,
            SecureRandom random) {
        return translate(pik, encryptedBlock, pan, KeyAlgorithm.AES, aesZonePinKey, random);
    }

    /** A terminal's format-0 block under its clear 3DES PIK, enciphered for the zone as {@link #encipherForZone} does. */
    static byte[] translate(byte[] pik, byte[] encryptedBlock, String pan, KeyAlgorithm zoneAlgorithm, byte[] zonePinKey,
            SecureRandom random) {
        byte[] pin = decryptFormat0(pik, encryptedBlock, pan);
        try {
            return encipherForZone(pin, pan, zoneAlgorithm, zonePinKey, random);
        } finally {
            Arrays.fill(pin, (byte) 0);
        }
    }

    /**
     * The clear PIN (ASCII digits, zeroed by the caller) enciphered for the zone: format 0 under 3DES, format 4 under
     * AES; the zone key's algorithm decides.
     */
    static byte[] encipherForZone(byte[] pin, String pan, KeyAlgorithm zoneAlgorithm, byte[] zonePinKey,
            SecureRandom random) {
        if (zoneAlgorithm == KeyAlgorithm.AES) {
            return PinBlock.encipherFormat4(zonePinKey, pin, pan, random);
        }
        if (zoneAlgorithm != KeyAlgorithm.TDES) {
            throw new HsmException("the zone PIN key is " + zoneAlgorithm + "; a PIN goes to the platform in format 0"
                    + " under a TDES ZPK or format 4 under an AES ZPK");
        }
        byte[] clear = PinBlock.format0(pin, pan);
        try {
            return TripleDes.ecb(zonePinKey, true, clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** The ASCII PIN digits of a format-0 block 3DES-encrypted under the clear PIK, refused unless it is one for this PAN. */
    static byte[] decryptFormat0(byte[] pik, byte[] encryptedBlock, String pan) {
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
