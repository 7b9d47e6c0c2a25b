package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/** SM4 (GB/T 32907) ECB under a clear 16-byte key, and the SM4 check value of PROTOCOL.md §4 "National ciphers". */
final class Sm4 {

    static final int BLOCK = 16;
    static final int KEY_BYTES = 16;

    private Sm4() {
    }

    /** A fresh engine keyed for one direction; the key parameter's copy of the key is zeroed once scheduled. */
    static BlockCipher engine(byte[] key, boolean encrypt) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an SM4 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        BlockCipher engine = new SM4Engine();
        KeyParameter parameter = new KeyParameter(key);
        engine.init(encrypt, parameter);
        Arrays.fill(parameter.getKey(), (byte) 0);
        return engine;
    }

    /** ECB over whole blocks; {@code data} must be a multiple of 16 bytes. */
    static byte[] ecb(byte[] key, boolean encrypt, byte[] data) {
        if (data.length % BLOCK != 0) {
            throw new IllegalArgumentException("SM4 ECB data has " + data.length + " bytes; expected a multiple of " + BLOCK);
        }
        BlockCipher engine = engine(key, encrypt);
        byte[] out = new byte[data.length];
        for (int off = 0; off < data.length; off += BLOCK) {
            engine.processBlock(data, off, out, off);
        }
        return out;
    }

    /** The first 4 bytes of SM4(key, 16 zero bytes). */
    static byte[] checkValue(byte[] key) {
        byte[] block = new byte[BLOCK];
        engine(key, true).processBlock(block, 0, block, 0);
        return Arrays.copyOf(block, WrappedKey.CHECK_VALUE_BYTES);
    }
}
