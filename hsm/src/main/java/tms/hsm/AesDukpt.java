package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** AES DUKPT of ANSI X9.24-3-2017 (12-byte KSN, 32-bit counter) as a host that holds the BDK computes it. */
final class AesDukpt {

    static final int KSN_BYTES = 12;
    /** The initial key ID: the 4-byte BDK ID followed by the 4-byte derivation ID. */
    static final int INITIAL_KEY_ID_BYTES = 8;
    /** A device skips every counter with more bits set, so a host never sees one from an honest device. */
    static final int MAX_COUNTER_BITS = 16;
    /** CMACs may be sent truncated; NIST SP 800-38B advises against fewer than 64 bits. */
    static final int MIN_CMAC_BYTES = 8;
    static final int CMAC_BYTES = 16;

    private static final int BLOCK = 16;
    private static final int DERIVATION_ID_OFFSET = 4;
    private static final byte DERIVATION_DATA_VERSION = 1;
    private static final int USAGE_KEY_DERIVATION = 0x8000;
    private static final int USAGE_INITIAL_KEY = 0x8001;

    /** Key types of the derivation data (algorithm indicator, length in bits); strength orders what may derive what. */
    enum KeyType {
        TDEA_2KEY(0x0000, 16, 80),
        TDEA_3KEY(0x0001, 24, 112),
        AES_128(0x0002, 16, 128),
        AES_192(0x0003, 24, 192),
        AES_256(0x0004, 32, 256);

        final int algorithm;
        final int bytes;
        private final int strength;

        KeyType(int algorithm, int bytes, int strength) {
            this.algorithm = algorithm;
            this.bytes = bytes;
            this.strength = strength;
        }

        boolean isAes() {
            return this == AES_128 || this == AES_192 || this == AES_256;
        }
    }

    /** The working-key usages of X9.24-3 with their key usage indicators. */
    enum Usage {
        KEY_ENCRYPTION(0x0002),
        PIN_ENCRYPTION(0x1000),
        MAC_GENERATION(0x2000),
        MAC_VERIFICATION(0x2001),
        MAC_BOTH_WAYS(0x2002),
        DATA_ENCRYPTION(0x3000),
        DATA_DECRYPTION(0x3001),
        DATA_BOTH_WAYS(0x3002);

        final int indicator;

        Usage(int indicator) {
            this.indicator = indicator;
        }

        boolean isMac() {
            return this == MAC_GENERATION || this == MAC_VERIFICATION || this == MAC_BOTH_WAYS;
        }
    }

    private AesDukpt() {
    }

    /** The initial key loaded into the devices with this initial key ID; its type is the BDK's (AES-128, -192 or -256). */
    static byte[] initialKey(byte[] bdk, byte[] initialKeyId) {
        KeyType type = aesType("bdk", bdk, "an AES base derivation key");
        requireLength("initialKeyId", initialKeyId, INITIAL_KEY_ID_BYTES, "a BDK ID and a derivation ID");
        return derive(bdk, USAGE_INITIAL_KEY, type, initialKeyId);
    }

    /** The intermediate derivation key for the KSN's counter: one derivation per set counter bit, highest first. */
    static byte[] derivationKey(byte[] initialKey, byte[] ksn) {
        KeyType type = aesType("initialKey", initialKey, "an AES DUKPT initial key");
        int counter = transactionCounter(ksn);
        byte[] data = new byte[INITIAL_KEY_ID_BYTES];
        System.arraycopy(ksn, DERIVATION_ID_OFFSET, data, 0, 4);
        byte[] key = initialKey.clone();
        int workingCounter = 0;
        for (int bit = 0x8000_0000; bit != 0; bit >>>= 1) {
            if ((counter & bit) != 0) {
                workingCounter |= bit;
                putInt(data, 4, workingCounter);
                byte[] next = derive(key, USAGE_KEY_DERIVATION, type, data);
                Arrays.fill(key, (byte) 0);
                key = next;
            }
        }
        return key;
    }

    /** The working key of a usage and type for the KSN, from the KSN's intermediate derivation key. */
    static byte[] workingKey(byte[] derivationKey, byte[] ksn, Usage usage, KeyType type) {
        KeyType derivationType = aesType("derivationKey", derivationKey, "an AES DUKPT derivation key");
        if (usage == null) {
            throw new HsmException("usage is null; expected the working key's usage (PIN, MAC or data encryption)");
        }
        if (type == null) {
            throw new HsmException("type is null; expected the working key's type (AES-128, AES-256, 2TDEA...)");
        }
        // X9.24-3 derives no key stronger than the key it comes from
        if (type.strength > derivationType.strength) {
            throw new HsmException("type is " + type + ", stronger than the " + derivationType
                    + " derivation key it would come from; expected a working key type no stronger than the BDK");
        }
        transactionCounter(ksn);
        byte[] data = Arrays.copyOfRange(ksn, DERIVATION_ID_OFFSET, KSN_BYTES);
        return derive(derivationKey, usage.indicator, type, data);
    }

    /** The working-key type this module uses with a BDK: the BDK's own (an AES-128 BDK gives AES-128 working keys). */
    static KeyType workingKeyTypeOf(byte[] bdk) {
        return switch (bdk.length) {
            case 16 -> KeyType.AES_128;
            case 24 -> KeyType.AES_192;
            case 32 -> KeyType.AES_256;
            default -> throw new HsmException("the BDK has " + bdk.length + " bytes; an AES BDK has 16, 24 or 32");
        };
    }

    /** The working key for the KSN straight from the BDK: what a host does for each message. */
    static byte[] workingKeyFromBdk(byte[] bdk, byte[] ksn, Usage usage, KeyType type) {
        transactionCounter(ksn);
        byte[] initialKey = initialKey(bdk, Arrays.copyOf(ksn, INITIAL_KEY_ID_BYTES));
        byte[] derivationKey = null;
        try {
            derivationKey = derivationKey(initialKey, ksn);
            return workingKey(derivationKey, ksn, usage, type);
        } finally {
            Arrays.fill(initialKey, (byte) 0);
            if (derivationKey != null) {
                Arrays.fill(derivationKey, (byte) 0);
            }
        }
    }

    /** The full 16-byte AES-CMAC of the data under the KSN's MAC working key (an AES type). */
    static byte[] cmac(byte[] bdk, byte[] ksn, Usage usage, KeyType type, byte[] data) {
        if (usage == null || !usage.isMac()) {
            throw new HsmException("usage is " + usage + "; a CMAC needs MAC_GENERATION, MAC_VERIFICATION or MAC_BOTH_WAYS");
        }
        if (type == null || !type.isAes()) {
            throw new HsmException("type is " + type + "; AES-CMAC needs an AES working key");
        }
        if (data == null) {
            throw new HsmException("data is null; expected the bytes to MAC");
        }
        byte[] key = workingKeyFromBdk(bdk, ksn, usage, type);
        KeyParameter parameter = new KeyParameter(key);
        try {
            CMac mac = new CMac(AESEngine.newInstance());
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
     * Constant-time check of a received CMAC, which may be the leftmost 8 to 16 bytes of the full CMAC. A CMAC of any
     * other length, or none, does not verify.
     */
    static boolean verifyCmac(byte[] bdk, byte[] ksn, Usage usage, KeyType type, byte[] data, byte[] receivedMac) {
        byte[] expected = cmac(bdk, ksn, usage, type, data);
        if (receivedMac == null || receivedMac.length < MIN_CMAC_BYTES || receivedMac.length > CMAC_BYTES) {
            return false;
        }
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(
                Arrays.copyOf(expected, receivedMac.length), receivedMac);
    }

    /** The 32-bit transaction counter of the KSN (as an unsigned int), refused if no honest device could have sent it. */
    static int transactionCounter(byte[] ksn) {
        requireLength("ksn", ksn, KSN_BYTES, "an AES DUKPT key serial number (initial key ID + counter)");
        int counter = ((ksn[8] & 0xFF) << 24) | ((ksn[9] & 0xFF) << 16) | ((ksn[10] & 0xFF) << 8) | (ksn[11] & 0xFF);
        if (counter == 0) {
            throw new HsmException("the KSN's transaction counter is 0: no transaction uses it; expected a counter "
                    + "from 00000001 to FFFF0000");
        }
        int bits = Integer.bitCount(counter);
        if (bits > MAX_COUNTER_BITS) {
            throw new HsmException(String.format("the KSN's transaction counter %08X has %d bits set; a device never "
                    + "uses one with more than %d (X9.24-3), and past FFFF0000 its counter is exhausted: "
                    + "the KSN is corrupt or forged", counter, bits, MAX_COUNTER_BITS));
        }
        return counter;
    }

    // X9.24-3 §6.3: the key is the concatenated AES-ECB encryptions, under the deriving key, of the 16-byte
    // derivation data, whose second byte counts the blocks; truncated to the derived key's length
    private static byte[] derive(byte[] derivationKey, int usage, KeyType type, byte[] data) {
        byte[] derivationData = new byte[BLOCK];
        derivationData[0] = DERIVATION_DATA_VERSION;
        putShort(derivationData, 2, usage);
        putShort(derivationData, 4, type.algorithm);
        putShort(derivationData, 6, type.bytes * 8);
        System.arraycopy(data, 0, derivationData, 8, INITIAL_KEY_ID_BYTES);
        BlockCipher aes = aes(derivationKey);
        byte[] key = new byte[type.bytes];
        byte[] block = new byte[BLOCK];
        for (int offset = 0, counter = 1; offset < type.bytes; offset += BLOCK, counter++) {
            derivationData[1] = (byte) counter;
            aes.processBlock(derivationData, 0, block, 0);
            System.arraycopy(block, 0, key, offset, Math.min(BLOCK, type.bytes - offset));
        }
        Arrays.fill(block, (byte) 0);
        return key;
    }

    private static BlockCipher aes(byte[] key) {
        BlockCipher engine = AESEngine.newInstance();
        KeyParameter parameter = new KeyParameter(key);
        engine.init(true, parameter);
        Arrays.fill(parameter.getKey(), (byte) 0);
        return engine;
    }

    private static KeyType aesType(String name, byte[] key, String what) {
        if (key == null) {
            throw new HsmException(name + " is null; expected " + what + " of 16, 24 or 32 bytes");
        }
        return switch (key.length) {
            case 16 -> KeyType.AES_128;
            case 24 -> KeyType.AES_192;
            case 32 -> KeyType.AES_256;
            default -> throw new HsmException(name + " has " + key.length + " bytes; expected " + what
                    + " of 16, 24 or 32 bytes");
        };
    }

    private static void putShort(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 8);
        out[offset + 1] = (byte) value;
    }

    private static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
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
