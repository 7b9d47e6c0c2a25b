package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/** DES-family ECB under a clear key: single DES for 8-byte keys, 3DES (K1=K3) for 16-byte keys. */
final class TripleDes {

    static final int BLOCK = 8;

    private TripleDes() {
    }

    /**
     * A fresh engine keyed for one direction. Engines are not thread-safe, so each operation takes its own;
     * the key parameter's copy of the key is zeroed once the engine has built its schedule.
     */
    static BlockCipher engine(byte[] key, boolean encrypt) {
        BlockCipher engine = switch (key.length) {
            case 8 -> new DESEngine();
            // a plain KeyParameter, not DESedeParameters: the CUP test keys (16 x 11, 16 x 22) have K1 = K2,
            // which DESedeParameters refuses as weak, and terminals in the field use such keys too
            case 16, 24 -> new DESedeEngine();
            default -> throw new IllegalArgumentException("a DES key has 8, 16 or 24 bytes, not " + key.length);
        };
        KeyParameter parameter = new KeyParameter(key);
        engine.init(encrypt, parameter);
        Arrays.fill(parameter.getKey(), (byte) 0);
        return engine;
    }

    /** ECB over whole blocks; {@code data} must be a multiple of 8 bytes. */
    static byte[] ecb(byte[] key, boolean encrypt, byte[] data) {
        return EcbBlocks.process(engine(key, encrypt), data, "DES");
    }

    /** The first 4 bytes of E(key, 8 zero bytes). */
    static byte[] checkValue(byte[] key) {
        return EcbBlocks.checkValue(engine(key, true));
    }
}
