package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A key for one purpose derived with HKDF-SHA-256 and a label naming the purpose from the installation's hashing
 * key (or, for modules made without one, from the LMK), so that the keyed hashes (PAN, activation code) never
 * share a key with each other or with the secret's own use.
 */
final class LmkDerivedKey {

    private LmkDerivedKey() {
    }

    static KeyParameter of(Lmk lmk, String label) {
        return of(lmk.keyMaterial(), label);
    }

    static KeyParameter of(byte[] secret, String label) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(SHA256Digest.newInstance());
        hkdf.init(new HKDFParameters(secret, null, label.getBytes(StandardCharsets.US_ASCII)));
        byte[] derived = new byte[32];
        hkdf.generateBytes(derived, 0, derived.length);
        KeyParameter key = new KeyParameter(derived);
        Arrays.fill(derived, (byte) 0);
        return key;
    }
}
