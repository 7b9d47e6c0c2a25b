package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESWrapPadEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Wraps clear keys under the LMK with AES key wrap with padding (RFC 5649).
 *
 * <p>The wrapped payload is {@code 01 | usage code | length | key}: the usage and length sit under the wrap's
 * integrity check, so a blob made for a MAK cannot be unwrapped as a TMK, whatever the record around it says.
 * Usage codes are fixed here (not enum ordinals) so that reordering {@link KeyUsage} never breaks stored blobs.
 */
final class KeyWrap {

    private static final byte PAYLOAD_FORMAT = 1;
    private static final int HEADER = 3;
    private static final byte PRIVATE_FORMAT = 2;
    private static final int PRIVATE_HEADER = 3;

    private final KeyParameter lmk;

    KeyWrap(Lmk lmk) {
        this.lmk = new KeyParameter(lmk.keyMaterial());
    }

    /**
     * A handle for a clear key under this LMK, carrying the given check value. This and {@link #unwrap(WrappedKey)}
     * are the only ways in and out of a handle; the format of the handle is this class's business alone.
     */
    WrappedKey wrap(KeyUsage usage, KeyAlgorithm algorithm, byte[] clearKey, byte[] checkValue) {
        return new WrappedKey(usage, algorithm, clearKey.length, wrap(usage, clearKey), checkValue);
    }

    /** The clear key of a handle made under this LMK (refused otherwise); the caller zeroes it. */
    byte[] unwrap(WrappedKey key) {
        return unwrap(key.usage(), key.length(), key.blobView());
    }

    /** The blob for a clear key of the usage. */
    byte[] wrap(KeyUsage usage, byte[] clearKey) {
        if (clearKey.length > 255) {
            throw new HsmException("a " + usage + " key of " + clearKey.length + " bytes does not fit a symmetric key"
                    + " blob (at most 255 bytes)");
        }
        byte[] payload = new byte[HEADER + clearKey.length];
        payload[0] = PAYLOAD_FORMAT;
        payload[1] = code(usage);
        payload[2] = (byte) clearKey.length;
        System.arraycopy(clearKey, 0, payload, HEADER, clearKey.length);
        return seal(payload);
    }

    /** Wraps a payload under the LMK and zeroes it. */
    private byte[] seal(byte[] payload) {
        try {
            AESWrapPadEngine engine = new AESWrapPadEngine();
            engine.init(true, lmk);
            return engine.wrap(payload, 0, payload.length);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** The payload under a blob of this LMK; the caller zeroes it. */
    private byte[] open(byte[] blob, String what) {
        if (blob.length < 16 || blob.length % 8 != 0) {
            throw new HsmException("the " + what + "'s blob has " + blob.length
                    + " bytes; a blob of this module has a multiple of 8 bytes, at least 16: it is corrupt or from another HSM");
        }
        try {
            AESWrapPadEngine engine = new AESWrapPadEngine();
            engine.init(false, lmk);
            return engine.unwrap(blob, 0, blob.length);
        } catch (InvalidCipherTextException e) {
            throw new HsmException("the " + what + "'s blob does not unwrap under this LMK: it was altered, "
                    + "or wrapped under another LMK", e);
        }
    }

    /** The clear key in the blob, refused unless it was wrapped under this LMK for this usage and length. */
    byte[] unwrap(KeyUsage usage, int length, byte[] blob) {
        byte[] payload = open(blob, usage + " key");
        try {
            if (payload.length < HEADER || payload[0] != PAYLOAD_FORMAT || (payload[2] & 0xFF) != payload.length - HEADER) {
                throw new HsmException("the " + usage + " key's blob unwraps to an unknown payload format");
            }
            KeyUsage bound = usageOf(payload[1]);
            if (bound != usage) {
                throw new HsmException("the blob holds a " + (bound == null ? "key of unknown usage" : bound + " key")
                        + " but is presented as a " + usage + " key; a key can serve only its own usage");
            }
            if ((payload[2] & 0xFF) != length) {
                throw new HsmException("the " + usage + " key's blob holds a " + (payload[2] & 0xFF)
                        + "-byte key but is presented as " + length + " bytes");
            }
            return Arrays.copyOfRange(payload, HEADER, payload.length);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /**
     * The blob for a private key (PKCS#8): payload {@code 02 | length (2 bytes) | key}, a format of its own
     * so that a private key blob can never be taken for a symmetric key, nor the reverse.
     */
    byte[] wrapPrivate(byte[] pkcs8) {
        if (pkcs8.length > 0xFFFF) {
            throw new HsmException("a private key of " + pkcs8.length + " bytes is too large to wrap (at most 65535)");
        }
        byte[] payload = new byte[PRIVATE_HEADER + pkcs8.length];
        payload[0] = PRIVATE_FORMAT;
        payload[1] = (byte) (pkcs8.length >> 8);
        payload[2] = (byte) pkcs8.length;
        System.arraycopy(pkcs8, 0, payload, PRIVATE_HEADER, pkcs8.length);
        return seal(payload);
    }

    /** The PKCS#8 private key in a blob made by {@link #wrapPrivate}; the caller zeroes it. */
    byte[] unwrapPrivate(byte[] blob) {
        byte[] payload = open(blob, "private key");
        try {
            int length = payload.length < PRIVATE_HEADER ? -1 : ((payload[1] & 0xFF) << 8) | (payload[2] & 0xFF);
            if (length < 0 || payload[0] != PRIVATE_FORMAT || length != payload.length - PRIVATE_HEADER) {
                throw new HsmException("the blob does not hold a private key (it may be a symmetric key's blob)");
            }
            return Arrays.copyOfRange(payload, PRIVATE_HEADER, payload.length);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    private static byte code(KeyUsage usage) {
        return switch (usage) {
            case TMK -> 1;
            case PIK -> 2;
            case MAK -> 3;
            case TDK -> 4;
            case ZPK -> 5;
            case ZMK -> 6;
            case ZAK -> 7;
            case BDK -> 8;
            case KEK -> 9;
            case HASH -> 10;
        };
    }

    private static KeyUsage usageOf(byte code) {
        return switch (code) {
            case 1 -> KeyUsage.TMK;
            case 2 -> KeyUsage.PIK;
            case 3 -> KeyUsage.MAK;
            case 4 -> KeyUsage.TDK;
            case 5 -> KeyUsage.ZPK;
            case 6 -> KeyUsage.ZMK;
            case 7 -> KeyUsage.ZAK;
            case 8 -> KeyUsage.BDK;
            case 9 -> KeyUsage.KEK;
            case 10 -> KeyUsage.HASH;
            default -> null;
        };
    }
}
