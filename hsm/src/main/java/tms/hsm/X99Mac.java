package tms.hsm;

import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.macs.CBCBlockCipherMac;

/** The ANSI X9.9 MAC = ISO/IEC 9797-1 MAC algorithm 1 on single DES, zero IV, padding method 1 (zeros); 8 bytes. */
final class X99Mac {

    static final int MAC_BYTES = 8;
    static final int KEY_BYTES = 8;

    private X99Mac() {
    }

    /** The 8-byte MAC of {@code data} under the clear single-length key. */
    static byte[] compute(byte[] key, byte[] data) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X9.9 MAC key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        // the full 64 bits: Bouncy Castle's default would truncate to 32; no padding object means zero padding
        CBCBlockCipherMac mac = new CBCBlockCipherMac(new DESEngine(), 8 * MAC_BYTES);
        return MacComputation.of(mac, key, data);
    }
}
