package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;

/** ECB over whole blocks, and the check value, for any initialised block cipher (DES, 3DES, SM4). */
final class EcbBlocks {

    private EcbBlocks() {
    }

    /** {@code data} must be a multiple of the cipher's block size; {@code name} says which cipher in the error. */
    static byte[] process(BlockCipher engine, byte[] data, String name) {
        int block = engine.getBlockSize();
        if (data.length % block != 0) {
            throw new IllegalArgumentException(name + " ECB data has " + data.length + " bytes; expected a multiple of "
                    + block);
        }
        byte[] out = new byte[data.length];
        for (int off = 0; off < data.length; off += block) {
            engine.processBlock(data, off, out, off);
        }
        return out;
    }

    /** The first 4 bytes of the encryption of one block of zeros. */
    static byte[] checkValue(BlockCipher encryptingEngine) {
        byte[] block = new byte[encryptingEngine.getBlockSize()];
        encryptingEngine.processBlock(block, 0, block, 0);
        return Arrays.copyOf(block, WrappedKey.CHECK_VALUE_BYTES);
    }
}
