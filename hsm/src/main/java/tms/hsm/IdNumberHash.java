package tms.hsm;

import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The keyed hash of a national ID number (the 18-character resident identity card number of GB 11643): HMAC-SHA-256
 * over its ASCII characters, under a key derived with its own label from the installation's hashing key (or the LMK,
 * for modules made without one), as {@link PanHash} does for card numbers. An ID number has little entropy (region,
 * birth date, a sequence), so a plain hash would fall to enumeration; without the key it does not.
 */
final class IdNumberHash {

    private static final int LENGTH = 18;

    private final KeyParameter key;

    IdNumberHash(byte[] secret) {
        this.key = LmkDerivedKey.of(secret, "tms.hsm id-number v1");
    }

    /** 64 lowercase hex characters; HsmException when it is not 17 digits and a digit or X (the message never shows it). */
    String of(String idNumber) {
        if (idNumber == null) {
            throw new HsmException("idNumber is null; expected 17 digits and a check character (digit or X)");
        }
        if (idNumber.length() != LENGTH) {
            throw new HsmException("idNumber has " + idNumber.length()
                    + " characters; expected 17 digits and a check character (digit or X)");
        }
        HMac hmac = new HMac(SHA256Digest.newInstance());
        hmac.init(key);
        for (int i = 0; i < LENGTH; i++) {
            char c = idNumber.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(i == LENGTH - 1 && c == 'X')) {
                throw new HsmException("idNumber has an unexpected character at position " + (i + 1)
                        + "; expected 17 digits and a check character (digit or upper-case X)");
            }
            hmac.update((byte) c);
        }
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
