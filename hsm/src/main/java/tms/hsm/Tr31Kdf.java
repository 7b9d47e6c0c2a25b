package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Key derivation for TR-31 version D: AES-CMAC in counter mode (NIST SP 800-108), for the key block encryption and
 * authentication keys (TR-31:2018 §5.3.2.3) and for the key block protection key this module derives from the LMK.
 */
final class Tr31Kdf {

    /** The label of {@link #kbpkFromLmk}; changing it orphans every key block stored under the LMK. */
    private static final byte[] LMK_KBPK_LABEL = "tms.hsm tr31-kbpk v1".getBytes(StandardCharsets.US_ASCII);

    private static final int ENCRYPTION = 0x0000;
    private static final int AUTHENTICATION = 0x0001;

    private Tr31Kdf() {
    }

    /** The key block encryption key (KBEK) for an AES KBPK of 16, 24 or 32 bytes. */
    static byte[] kbek(byte[] kbpk) {
        return derive(kbpk, ENCRYPTION);
    }

    /** The key block authentication key (KBAK) for an AES KBPK of 16, 24 or 32 bytes. */
    static byte[] kbak(byte[] kbpk) {
        return derive(kbpk, AUTHENTICATION);
    }

    /**
     * The AES-256 key block protection key under which this module keeps TR-31 key blocks at rest: SP 800-108
     * counter mode with AES-CMAC under the LMK, fixed input {@code counter(1) | "tms.hsm tr31-kbpk v1" | 00 | 0100}
     * (label, separator, output length in bits).
     *
     * <p>Why derive rather than use the LMK itself: TR-31 derives its own KBEK and KBAK from whatever KBPK it is
     * given, and the LMK already serves AES key wrap and the PAN hash; a KBPK of its own keeps each use of the LMK
     * cryptographically separate (a different PRF input from TR-31's 8-byte derivation data, which starts with a
     * counter and a 2-byte usage). Like every LMK-derived key it changes when the LMK does: LMK rotation must
     * re-wrap stored key blocks. The caller zeroes the result.
     */
    static byte[] kbpkFromLmk(Lmk lmk) {
        if (lmk == null) {
            throw new HsmException("lmk is null; expected the LMK to derive the key block protection key from");
        }
        byte[] fixed = new byte[LMK_KBPK_LABEL.length + 3];
        System.arraycopy(LMK_KBPK_LABEL, 0, fixed, 0, LMK_KBPK_LABEL.length);
        fixed[LMK_KBPK_LABEL.length] = 0x00;
        fixed[LMK_KBPK_LABEL.length + 1] = 0x01; // 256 bits = 0x0100
        fixed[LMK_KBPK_LABEL.length + 2] = 0x00;
        return counterMode(lmk.keyMaterial(), fixed, 32);
    }

    // TR-31:2018 §5.3.2.3: counter | key usage indicator (2) | separator 00 | algorithm indicator (2) | length in bits (2)
    private static byte[] derive(byte[] kbpk, int usage) {
        int algorithm = switch (kbpk == null ? 0 : kbpk.length) {
            case 16 -> 0x0002;
            case 24 -> 0x0003;
            case 32 -> 0x0004;
            default -> throw new HsmException("the key block protection key has " + (kbpk == null ? "no" : kbpk.length)
                    + " bytes; version D key blocks need an AES key of 16, 24 or 32 bytes");
        };
        int bits = kbpk.length * 8;
        byte[] fixed = {(byte) (usage >> 8), (byte) usage, 0x00, (byte) (algorithm >> 8), (byte) algorithm,
            (byte) (bits >> 8), (byte) bits};
        return counterMode(kbpk, fixed, kbpk.length);
    }

    /** SP 800-108 counter mode, PRF AES-CMAC, 1-byte counter from 1 before the fixed input; {@code length} bytes. */
    static byte[] counterMode(byte[] key, byte[] fixedInput, int length) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        byte[] block = new byte[cmac.getMacSize()];
        byte[] out = new byte[length];
        try {
            for (int counter = 1, done = 0; done < length; counter++, done += block.length) {
                cmac.update((byte) counter);
                cmac.update(fixedInput, 0, fixedInput.length);
                cmac.doFinal(block, 0);
                System.arraycopy(block, 0, out, done, Math.min(block.length, length - done));
            }
            return out;
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }
}
