package tms.hsm;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.params.DESParameters;

/**
 * Fresh DES keys: random, odd parity (what terminals and hardware HSMs expect of a generated key), and never a
 * weak DES key or a double-length key whose halves are equal (which would be single DES in disguise).
 */
final class RandomDesKey {

    private RandomDesKey() {
    }

    static byte[] generate(SecureRandom random, int length) {
        byte[] key = new byte[length];
        do {
            random.nextBytes(key);
            DESParameters.setOddParity(key);
        } while (!acceptable(key));
        return key;
    }

    private static boolean acceptable(byte[] key) {
        for (int off = 0; off < key.length; off += DESParameters.DES_KEY_LENGTH) {
            if (DESParameters.isWeakKey(key, off)) {
                return false;
            }
        }
        return key.length != 16 || !Arrays.equals(key, 0, 8, key, 8, 16);
    }
}
