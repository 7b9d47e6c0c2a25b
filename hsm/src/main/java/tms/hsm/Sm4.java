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
        return EcbBlocks.process(engine(key, encrypt), data, "SM4");
    }

    /** The first 4 bytes of SM4(key, 16 zero bytes). */
    static byte[] checkValue(byte[] key) {
        return EcbBlocks.checkValue(engine(key, true));
    }
}
