package tms.hsm;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The installation's hashing key: 32 random bytes from which the keyed hashes (PAN, activation code) are derived,
 * kept wrapped under the LMK (usage {@link KeyUsage#HASH}, {@link KeyAlgorithm#AES}, 32 bytes).
 *
 * <p>It exists so that the keyed hashes do not depend on the LMK: an LMK rotation re-wraps this key like any other,
 * and every stored PAN hash and activation-code hash stays valid. It is generated once per installation and never
 * leaves the module in clear.
 *
 * <p>Text form for the database: {@code H1.<blob hex>.<check value hex>}; the {@code H1} prefix fixes usage,
 * algorithm and length, which {@link WrappedKey#encoded()} cannot express for a 32-byte AES key.
 */
public final class HashingKey {

    /** Bytes in the clear hashing key. */
    public static final int BYTES = 32;


    private HashingKey() {
    }

    /** A new random hashing key, wrapped under the LMK. */
    public static WrappedKey generate(Lmk lmk, SecureRandom random) {
        if (lmk == null || random == null) {
            throw new HsmException("generating a hashing key needs the LMK to wrap it under and a SecureRandom");
        }
        byte[] clear = new byte[BYTES];
        try {
            random.nextBytes(clear);
            return new KeyWrap(lmk).wrap(KeyUsage.HASH, KeyAlgorithm.AES, clear, checkValue(clear));
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** The stored form: the key's TR-31 block, as every key at rest (at most 200 characters). */
    public static String encode(WrappedKey key) {
        requireShape(key);
        return key.encoded();
    }

    /** Parses {@link #encode}; HsmException naming the problem (never echoing the block). */
    public static WrappedKey decode(String text) {
        WrappedKey key;
        try {
            key = WrappedKey.decode(text);
        } catch (IllegalArgumentException e) {
            throw new HsmException("the stored hashing key is not a key block of this module (" + e.getMessage()
                    + "): the installation_key row was altered or written by another version", e);
        }
        requireShape(key);
        return key;
    }

    /** The clear hashing key, refused unless it unwraps under this LMK and matches its check value; the caller zeroes it. */
    static byte[] unwrap(KeyWrap keyWrap, WrappedKey key) {
        requireShape(key);
        byte[] clear = keyWrap.unwrap(key);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(checkValue(clear), key.checkValueView())) {
            Arrays.fill(clear, (byte) 0);
            throw new HsmException("the hashing key's recorded check value " + key.checkValueHex()
                    + " is not that of the key in its blob: the record was altered");
        }
        return clear;
    }

    private static void requireShape(WrappedKey key) {
        if (key == null) {
            throw new HsmException("hashingKey is null; expected the installation's hashing key (HashingKey.generate)");
        }
        if (key.usage() != KeyUsage.HASH || key.algorithm() != KeyAlgorithm.AES || key.length() != BYTES) {
            throw new HsmException("the hashing key is a " + key.length() + "-byte " + key.algorithm() + " " + key.usage()
                    + " key; expected a " + BYTES + "-byte AES HASH key (HashingKey.generate)");
        }
    }

    // AES-CMAC over 16 zero bytes, first 4 bytes: the same definition as the LMK's check value, at a key handle's length.
    private static byte[] checkValue(byte[] clear) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(clear));
        byte[] zeros = new byte[16];
        cmac.update(zeros, 0, zeros.length);
        byte[] mac = new byte[cmac.getMacSize()];
        cmac.doFinal(mac, 0);
        return Arrays.copyOf(mac, WrappedKey.CHECK_VALUE_BYTES);
    }
}
