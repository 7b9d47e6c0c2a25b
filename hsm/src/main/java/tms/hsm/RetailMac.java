package tms.hsm;

import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.macs.ISO9797Alg3Mac;

/**
 * The retail MAC, ANSI X9.19 = ISO/IEC 9797-1 MAC algorithm 3 with padding method 1 (zeros, as CUP terminals pad):
 * single-DES CBC under the left key half, the last block finished with 3DES; 8-byte result.
 */
final class RetailMac {

    static final int MAC_BYTES = 8;
    static final int KEY_BYTES = 16;

    private RetailMac() {
    }

    /** The 8-byte MAC of {@code data} under the clear double-length key. */
    static byte[] compute(byte[] key, byte[] data) {
        if (key.length != KEY_BYTES) {
            // a 24-byte key would be a different (three-key) variant, an 8-byte one plain X9.9: neither is a retail MAC
            throw new IllegalArgumentException("an X9.19 MAC key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        // no padding object: Bouncy Castle then pads the last block with zeros, ISO 9797-1 padding method 1
        ISO9797Alg3Mac mac = new ISO9797Alg3Mac(new DESEngine(), 8 * MAC_BYTES);
        return MacComputation.of(mac, key, data);
    }
}
