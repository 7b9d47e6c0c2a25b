package tms.hsm;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.BlockCipher;

/**
 * The CUP "ECB" MAC of PROTOCOL.md §4: XOR of the zero-padded 8-byte blocks, written as 16 uppercase hex
 * characters; E1 = E(first 8 characters), E2 = E(E1 XOR last 8 characters); the MAC is the first
 * 8 uppercase hex characters of E2, as ASCII.
 */
final class CupEcbMac {

    static final int MAC_BYTES = 8;

    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** The intermediate values of one computation, for known-answer tests of each step. */
    record Steps(byte[] xor, byte[] e1, byte[] e2, byte[] mac) {
    }

    private CupEcbMac() {
    }

    /** The 8 ASCII bytes of field 64 for {@code mab} under the clear MAK (8 or 16 bytes). */
    static byte[] compute(byte[] key, byte[] mab) {
        BlockCipher engine = TripleDes.engine(key, true);
        byte[] hex = new byte[2 * TripleDes.BLOCK];
        byte[] block = new byte[TripleDes.BLOCK];
        xorBlocks(mab, block);
        upperHex(block, TripleDes.BLOCK, hex, 0);
        engine.processBlock(hex, 0, block, 0);
        xorInto(block, hex, TripleDes.BLOCK);
        engine.processBlock(block, 0, block, 0);
        byte[] mac = new byte[MAC_BYTES];
        upperHex(block, MAC_BYTES / 2, mac, 0);
        return mac;
    }

    /** The same computation, keeping every intermediate value. */
    static Steps trace(byte[] key, byte[] mab) {
        BlockCipher engine = TripleDes.engine(key, true);
        byte[] xor = new byte[TripleDes.BLOCK];
        xorBlocks(mab, xor);
        byte[] hex = new byte[2 * TripleDes.BLOCK];
        upperHex(xor, TripleDes.BLOCK, hex, 0);
        byte[] e1 = new byte[TripleDes.BLOCK];
        engine.processBlock(hex, 0, e1, 0);
        byte[] t = e1.clone();
        xorInto(t, hex, TripleDes.BLOCK);
        byte[] e2 = new byte[TripleDes.BLOCK];
        engine.processBlock(t, 0, e2, 0);
        byte[] mac = new byte[MAC_BYTES];
        upperHex(e2, MAC_BYTES / 2, mac, 0);
        return new Steps(xor, e1, e2, mac);
    }

    // XOR of all 8-byte blocks; the 0x00 padding of the last block leaves the XOR unchanged, so it is never built
    private static void xorBlocks(byte[] mab, byte[] out) {
        for (int i = 0; i < mab.length; i++) {
            out[i & 7] ^= mab[i];
        }
    }

    private static void xorInto(byte[] target, byte[] source, int sourceOffset) {
        for (int i = 0; i < TripleDes.BLOCK; i++) {
            target[i] ^= source[sourceOffset + i];
        }
    }

    private static void upperHex(byte[] in, int count, byte[] out, int outOffset) {
        for (int i = 0; i < count; i++) {
            out[outOffset + 2 * i] = HEX_DIGITS[(in[i] >> 4) & 0x0F];
            out[outOffset + 2 * i + 1] = HEX_DIGITS[in[i] & 0x0F];
        }
    }
}
