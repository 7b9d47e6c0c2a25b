package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;

/**
 * The project's 4-byte check value of a clear key, by algorithm: TDES/DES the first 4 bytes of E(key, 8 zero bytes)
 * (PROTOCOL.md §4), SM4 the first 4 bytes of SM4(key, 16 zero bytes) (§4 "National ciphers"), AES the first 4 bytes
 * of AES-CMAC(key, 16 zero bytes).
 *
 * <p>The AES rule is X9.24-1:2017's CMAC-based KCV (a CMAC rather than a plain encryption of zeros, so that the check
 * value is not a known plaintext/ciphertext pair for the key), which that standard truncates to 5 bytes; the project
 * keeps 4 for every algorithm so that one column, one log format and one console field fit all keys, and those 8
 * hex digits are the first 8 of the 10 an X9.24 device shows.
 */
final class CheckValues {

    private CheckValues() {
    }

    /** The check value of a clear key of the algorithm; IllegalArgumentException if the length does not fit it. */
    static byte[] of(KeyAlgorithm algorithm, byte[] clear) {
        return switch (algorithm) {
            case TDES -> TripleDes.checkValue(clear);
            case SM4 -> Sm4.checkValue(clear);
            case AES -> aesCmac(clear);
        };
    }

    private static byte[] aesCmac(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, not " + key.length);
        }
        byte[] mac = MacComputation.of(new CMac(AESEngine.newInstance()), key, new byte[16]);
        try {
            return Arrays.copyOf(mac, WrappedKey.CHECK_VALUE_BYTES);
        } finally {
            Arrays.fill(mac, (byte) 0);
        }
    }
}
