package tms.hsm;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.BlockCipher;

/**
 * The CUP "ECB" MAC on SM4 (PROTOCOL.md §4 "National ciphers"): XOR of the zero-padded 16-byte blocks, written as
 * 32 uppercase hex characters; E1 = SM4(first 16 characters), E2 = SM4(E1 XOR last 16 characters); the MAC is the
 * first 8 uppercase hex characters of E2, as ASCII.
 */
final class Sm4CupEcbMac {

    static final int MAC_BYTES = 8;

    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** The intermediate values of one computation, for known-answer tests of each step. */
    record Steps(byte[] xor, byte[] e1, byte[] e2, byte[] mac) {
    }

    private Sm4CupEcbMac() {
    }

    /** The 8 ASCII bytes of field 64 for {@code mab} under the clear 16-byte SM4 MAK. */
    static byte[] compute(byte[] key, byte[] mab) {
        return trace(key, mab).mac();
    }

    /** The same computation, keeping every intermediate value. */
    static Steps trace(byte[] key, byte[] mab) {
        BlockCipher engine = Sm4.engine(key, true);
        byte[] xor = new byte[Sm4.BLOCK];
        // the 0x00 padding of the last block leaves the XOR unchanged, so it is never built
        for (int i = 0; i < mab.length; i++) {
            xor[i % Sm4.BLOCK] ^= mab[i];
        }
        byte[] hex = upperHex(xor, Sm4.BLOCK);
        byte[] e1 = new byte[Sm4.BLOCK];
        engine.processBlock(hex, 0, e1, 0);
        byte[] t = e1.clone();
        for (int i = 0; i < Sm4.BLOCK; i++) {
            t[i] ^= hex[Sm4.BLOCK + i];
        }
        byte[] e2 = new byte[Sm4.BLOCK];
        engine.processBlock(t, 0, e2, 0);
        byte[] mac = upperHex(e2, MAC_BYTES / 2);
        return new Steps(xor, e1, e2, mac);
    }

    private static byte[] upperHex(byte[] in, int count) {
        byte[] out = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            out[2 * i] = HEX_DIGITS[(in[i] >> 4) & 0x0F];
            out[2 * i + 1] = HEX_DIGITS[in[i] & 0x0F];
        }
        return out;
    }
}
