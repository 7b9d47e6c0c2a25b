package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.macs.ISO9797Alg3Mac;
import org.bouncycastle.crypto.params.KeyParameter;

/** TDES DUKPT of ANSI X9.24-1:2009 (2TDEA BDK, 10-byte KSN, 21-bit counter) as a host that holds the BDK computes it. */
final class TdesDukpt {

    static final int KSN_BYTES = 10;
    static final int KEY_BYTES = 16;
    static final int PIN_BLOCK_BYTES = 8;
    /** A device skips every counter with more bits set, so a host never sees one from an honest device. */
    static final int MAX_COUNTER_BITS = 10;
    /** X9.19 MACs are sent truncated; fewer than 32 bits would be guessable. */
    static final int MIN_MAC_BYTES = 4;
    static final int MAX_MAC_BYTES = 8;

    private static final int COUNTER_BITS = 21;
    private static final int HALF = 8;
    // the mask that makes the right half of the IPEK and the left half of every generated key differ from the other
    private static final byte[] KEY_MASK = {
        (byte) 0xC0, (byte) 0xC0, (byte) 0xC0, (byte) 0xC0, 0, 0, 0, 0,
        (byte) 0xC0, (byte) 0xC0, (byte) 0xC0, (byte) 0xC0, 0, 0, 0, 0,
    };

    /** The variants of the current transaction key (X9.24-1:2009 Annex A); each mask is XORed into both halves. */
    enum Variant {
        PIN_ENCRYPTION(0x00000000000000FFL, false),
        MAC_REQUEST(0x000000000000FF00L, false),
        MAC_RESPONSE(0x00000000FF000000L, false),
        // the data variants are then encrypted under themselves, so that knowing a MAC or PIN key says nothing of them
        DATA_REQUEST(0x0000000000FF0000L, true),
        DATA_RESPONSE(0x000000FF00000000L, true);

        private final long halfMask;
        private final boolean encryptedUnderItself;

        Variant(long halfMask, boolean encryptedUnderItself) {
            this.halfMask = halfMask;
            this.encryptedUnderItself = encryptedUnderItself;
        }
    }

    private TdesDukpt() {
    }

    /** The initial PIN-entry key (IPEK) loaded into the device whose KSN this is; the KSN's counter is ignored. */
    static byte[] initialKey(byte[] bdk, byte[] ksn) {
        requireLength("bdk", bdk, KEY_BYTES, "a double-length (2TDEA) base derivation key");
        requireLength("ksn", ksn, KSN_BYTES, "a TDES DUKPT key serial number");
        byte[] initialKsn = Arrays.copyOf(ksn, HALF);
        initialKsn[HALF - 1] &= (byte) 0xE0;
        byte[] maskedBdk = xor(bdk, KEY_MASK);
        byte[] ipek = new byte[KEY_BYTES];
        try {
            TripleDes.engine(bdk, true).processBlock(initialKsn, 0, ipek, 0);
            TripleDes.engine(maskedBdk, true).processBlock(initialKsn, 0, ipek, HALF);
            return ipek;
        } finally {
            Arrays.fill(maskedBdk, (byte) 0);
        }
    }

    /** The current transaction key for the KSN: the non-reversible key generation run once per set counter bit. */
    static byte[] transactionKey(byte[] initialKey, byte[] ksn) {
        requireLength("initialKey", initialKey, KEY_BYTES, "a double-length initial PIN-entry key");
        int counter = transactionCounter(ksn);
        // the rightmost 8 bytes of the KSN with the counter cleared; the counter bits are set one by one, highest first
        byte[] register = Arrays.copyOfRange(ksn, KSN_BYTES - HALF, KSN_BYTES);
        clearCounter(register);
        byte[] key = initialKey.clone();
        for (int bit = 1 << (COUNTER_BITS - 1); bit != 0; bit >>>= 1) {
            if ((counter & bit) != 0) {
                setCounterBit(register, bit);
                generateKey(key, register);
            }
        }
        return key;
    }

    /** The transaction key with the variant applied (and, for the data keys, encrypted under itself). */
    static byte[] variantKey(byte[] transactionKey, Variant variant) {
        requireLength("transactionKey", transactionKey, KEY_BYTES, "a double-length DUKPT transaction key");
        if (variant == null) {
            throw new HsmException("variant is null; expected the usage of the key (PIN, MAC or data, request or response)");
        }
        byte[] key = transactionKey.clone();
        for (int i = 0; i < HALF; i++) {
            byte mask = (byte) (variant.halfMask >>> (8 * (HALF - 1 - i)));
            key[i] ^= mask;
            key[HALF + i] ^= mask;
        }
        if (!variant.encryptedUnderItself) {
            return key;
        }
        try {
            return TripleDes.ecb(key, true, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The variant key for the KSN straight from the BDK: what a host does for each message. */
    static byte[] workingKey(byte[] bdk, byte[] ksn, Variant variant) {
        byte[] ipek = initialKey(bdk, ksn);
        byte[] transactionKey = null;
        try {
            transactionKey = transactionKey(ipek, ksn);
            return variantKey(transactionKey, variant);
        } finally {
            Arrays.fill(ipek, (byte) 0);
            if (transactionKey != null) {
                Arrays.fill(transactionKey, (byte) 0);
            }
        }
    }

    /** The clear PIN block (3DES-ECB decryption under the PIN variant) of a PIN block the device encrypted at this KSN. */
    static byte[] decryptPinBlock(byte[] bdk, byte[] ksn, byte[] encryptedPinBlock) {
        requireLength("encryptedPinBlock", encryptedPinBlock, PIN_BLOCK_BYTES, "a TDES-encrypted PIN block");
        byte[] key = workingKey(bdk, ksn, Variant.PIN_ENCRYPTION);
        try {
            return TripleDes.ecb(key, false, encryptedPinBlock);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The full 8-byte retail MAC (ISO 9797-1 algorithm 3, zero padding) of the data under the request or response MAC variant. */
    static byte[] mac(byte[] bdk, byte[] ksn, Variant direction, byte[] data) {
        if (direction != Variant.MAC_REQUEST && direction != Variant.MAC_RESPONSE) {
            throw new HsmException("direction is " + direction + "; a DUKPT MAC uses MAC_REQUEST or MAC_RESPONSE");
        }
        if (data == null) {
            throw new HsmException("data is null; expected the bytes to MAC");
        }
        byte[] key = workingKey(bdk, ksn, direction);
        KeyParameter parameter = new KeyParameter(key);
        try {
            ISO9797Alg3Mac mac = new ISO9797Alg3Mac(new DESEngine());
            mac.init(parameter);
            mac.update(data, 0, data.length);
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(parameter.getKey(), (byte) 0);
        }
    }

    /**
     * Constant-time check of a received MAC, which may be the leftmost 4 to 8 bytes of the full MAC (X9.19 MACs are
     * usually sent as 4). A MAC of any other length, or none, does not verify.
     */
    static boolean verifyMac(byte[] bdk, byte[] ksn, Variant direction, byte[] data, byte[] receivedMac) {
        byte[] expected = mac(bdk, ksn, direction, data);
        if (receivedMac == null || receivedMac.length < MIN_MAC_BYTES || receivedMac.length > MAX_MAC_BYTES) {
            return false;
        }
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(
                Arrays.copyOf(expected, receivedMac.length), receivedMac);
    }

    /** The 21-bit transaction counter of the KSN, refused if no honest device could have sent it. */
    static int transactionCounter(byte[] ksn) {
        requireLength("ksn", ksn, KSN_BYTES, "a TDES DUKPT key serial number");
        int counter = ((ksn[7] & 0x1F) << 16) | ((ksn[8] & 0xFF) << 8) | (ksn[9] & 0xFF);
        if (counter == 0) {
            throw new HsmException("the KSN's transaction counter is 0: that KSN names the initial key, which encrypts "
                    + "no transaction; expected a counter from 000001 to 1FF800");
        }
        int bits = Integer.bitCount(counter);
        if (bits > MAX_COUNTER_BITS) {
            throw new HsmException(String.format("the KSN's transaction counter %06X has %d bits set; a device never "
                    + "uses one with more than %d (X9.24-1), and past 1FF800 its counter is exhausted: "
                    + "the KSN is corrupt or forged", counter, bits, MAX_COUNTER_BITS));
        }
        return counter;
    }

    // X9.24-1 non-reversible key generation: the new right half is E(left, R XOR right) XOR right; the new left half
    // is the same with the masked key. Replaces the key in place.
    private static void generateKey(byte[] key, byte[] register) {
        byte[] maskedKey = xor(key, KEY_MASK);
        byte[] right = halfKey(key, register);
        byte[] left = halfKey(maskedKey, register);
        System.arraycopy(left, 0, key, 0, HALF);
        System.arraycopy(right, 0, key, HALF, HALF);
        Arrays.fill(maskedKey, (byte) 0);
        Arrays.fill(left, (byte) 0);
        Arrays.fill(right, (byte) 0);
    }

    private static byte[] halfKey(byte[] key, byte[] register) {
        byte[] block = new byte[HALF];
        for (int i = 0; i < HALF; i++) {
            block[i] = (byte) (register[i] ^ key[HALF + i]);
        }
        byte[] leftHalf = Arrays.copyOf(key, HALF);
        try {
            BlockCipher des = TripleDes.engine(leftHalf, true);
            des.processBlock(block, 0, block, 0);
        } finally {
            Arrays.fill(leftHalf, (byte) 0);
        }
        for (int i = 0; i < HALF; i++) {
            block[i] ^= key[HALF + i];
        }
        return block;
    }

    private static void clearCounter(byte[] register) {
        register[5] &= (byte) 0xE0;
        register[6] = 0;
        register[7] = 0;
    }

    private static void setCounterBit(byte[] register, int bit) {
        register[5] |= (byte) (bit >>> 16);
        register[6] |= (byte) (bit >>> 8);
        register[7] |= (byte) bit;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static void requireLength(String name, byte[] value, int length, String what) {
        if (value == null) {
            throw new HsmException(name + " is null; expected " + what + " of " + length + " bytes");
        }
        if (value.length != length) {
            throw new HsmException(name + " has " + value.length + " bytes; expected " + what + " of " + length + " bytes");
        }
    }
}
