package tms.hsm;

import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The keyed PAN hash for look-ups: HMAC-SHA-256 over the PAN's ASCII digits, under a key derived with
 * HKDF-SHA-256 and a fixed label from the installation's hashing key ({@link HashingKey}).
 *
 * <p>The hashing key, not the LMK, is the secret so that rotating the LMK (which only re-wraps the hashing key)
 * leaves every stored PAN hash valid. Modules made without a hashing key derive from the LMK instead.
 */
final class PanHash {

    private static final int MIN_DIGITS = 12;
    private static final int MAX_DIGITS = 19;

    private final KeyParameter key;

    PanHash(byte[] secret) {
        this.key = LmkDerivedKey.of(secret, "tms.hsm pan-hash v1");
    }

    /** 64 lowercase hex characters; HsmException when the PAN is not 12 to 19 digits (the message never shows it). */
    String of(String pan) {
        if (pan == null) {
            throw new HsmException("pan is null; expected 12 to 19 decimal digits");
        }
        if (pan.length() < MIN_DIGITS || pan.length() > MAX_DIGITS) {
            throw new HsmException("pan has " + pan.length() + " characters; expected 12 to 19 decimal digits");
        }
        HMac hmac = new HMac(SHA256Digest.newInstance());
        hmac.init(key);
        for (int i = 0; i < pan.length(); i++) {
            char c = pan.charAt(i);
            if (c < '0' || c > '9') {
                throw new HsmException("pan has a character that is not a decimal digit at position " + (i + 1)
                        + "; expected 12 to 19 decimal digits");
            }
            hmac.update((byte) c);
        }
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
