package tms.hsm;

import java.util.Arrays;

/**
 * The PIN inside a DUKPT device's PIN block, as the host that holds the BDK recovers it: X9.24-1 (TDES BDK, format 0
 * under the KSN's PIN variant) or X9.24-3 (AES BDK, format 4 under the KSN's PIN encryption key).
 */
final class DukptPin {

    private DukptPin() {
    }

    /** The ASCII PIN digits (zeroed by the caller), refused unless the block deciphers to a PIN block for this PAN. */
    static byte[] decipher(KeyAlgorithm bdkAlgorithm, byte[] bdk, byte[] ksn, byte[] pinBlock, String pan) {
        PinBlock.requirePan(pan);
        if (bdkAlgorithm == KeyAlgorithm.TDES) {
            byte[] clearBlock = TdesDukpt.decryptPinBlock(bdk, ksn, pinBlock);
            try {
                return PinBlock.parseFormat0(clearBlock, pan);
            } finally {
                Arrays.fill(clearBlock, (byte) 0);
            }
        }
        if (pinBlock == null || pinBlock.length != PinBlock.FORMAT4_BYTES) {
            throw new HsmException("the PIN block has " + (pinBlock == null ? "no" : pinBlock.length)
                    + " bytes; an AES DUKPT (format 4) block has " + PinBlock.FORMAT4_BYTES);
        }
        byte[] pinKey = AesDukpt.workingKeyFromBdk(bdk, ksn, AesDukpt.Usage.PIN_ENCRYPTION, AesDukpt.workingKeyTypeOf(bdk));
        try {
            return PinBlock.decipherFormat4(pinKey, pinBlock, pan);
        } finally {
            Arrays.fill(pinKey, (byte) 0);
        }
    }
}
