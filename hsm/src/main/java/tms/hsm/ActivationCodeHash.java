package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The keyed hash under which activation codes are stored: HMAC-SHA-256 over the serial number (with its
 * length) and the code, under a key derived with its own label from the installation's hashing key (or the LMK,
 * for modules made without one). Codes are short (8 digits), so a plain hash in a leaked database would fall to
 * enumeration; without the key it does not.
 */
final class ActivationCodeHash {


    private final KeyParameter key;

    ActivationCodeHash(byte[] secret) {
        this.key = LmkDerivedKey.of(secret, "tms.hsm activation-code v1");
    }

    byte[] of(String serialNumber, String code) {
        if (serialNumber == null || serialNumber.isEmpty() || serialNumber.length() > 255) {
            throw new HsmException("serial number must be 1 to 255 characters");
        }
        if (code == null || code.isEmpty() || code.length() > 64) {
            throw new HsmException("activation code must be 1 to 64 characters");
        }
        HMac hmac = new HMac(SHA256Digest.newInstance());
        hmac.init(key);
        byte[] serial = serialNumber.getBytes(StandardCharsets.UTF_8);
        hmac.update((byte) serial.length);
        hmac.update(serial, 0, serial.length);
        byte[] codeBytes = code.getBytes(StandardCharsets.UTF_8);
        hmac.update(codeBytes, 0, codeBytes.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }

    String hex(String serialNumber, String code) {
        return HexFormat.of().formatHex(of(serialNumber, code));
    }

    /** Constant-time, so the time taken says nothing about how much of a guess was right. */
    boolean matches(String serialNumber, String code, String storedHex) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHex);
        } catch (IllegalArgumentException e) {
            throw new HsmException("the stored activation code hash is not hexadecimal");
        }
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(of(serialNumber, code), stored);
    }
}
