package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESWrapPadEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Puts clear keys into handles and takes them out again: symmetric keys as TR-31 version D key blocks under a key
 * block protection key derived from the LMK ({@link Tr31Kdf#kbpkFromLmk}), private keys with AES key wrap with
 * padding (RFC 5649) under the LMK.
 *
 * <p>A key block's header binds the TR-31 usage, algorithm and mode of use, the project's usage, algorithm and length,
 * and the check value ({@link AtRestKeyBlock}); its MAC covers them, so a block made for a MAK cannot be unwrapped as
 * a TMK, whatever the record around it says. Private key blobs have a payload format of their own
 * ({@code 02 | length | PKCS#8}) and are unchanged from before the key blocks.
 */
final class KeyWrap {

    private static final byte PRIVATE_FORMAT = 2;
    private static final int PRIVATE_HEADER = 3;

    private final KeyParameter lmk;
    private final byte[] kbpk;
    private final byte[] kbpkCheckValue;
    private final SecureRandom random = new SecureRandom();

    KeyWrap(Lmk lmk) {
        this.lmk = new KeyParameter(lmk.keyMaterial());
        this.kbpk = Tr31Kdf.kbpkFromLmk(lmk);
        this.kbpkCheckValue = CheckValues.of(KeyAlgorithm.AES, kbpk);
    }

    /**
     * A handle for a clear key under this LMK, carrying the given check value. This and {@link #unwrap(WrappedKey)}
     * are the only ways in and out of a handle; the format of the handle is this class's business alone.
     */
    WrappedKey wrap(KeyUsage usage, KeyAlgorithm algorithm, byte[] clearKey, byte[] checkValue) {
        if (usage == null || algorithm == null) {
            throw new HsmException("usage and algorithm are needed to wrap a key; got " + usage + " and " + algorithm);
        }
        if (clearKey == null || !algorithm.allowsLength(clearKey.length)) {
            throw new HsmException("a " + usage + " key for " + algorithm + " has " + algorithm.lengthsText() + "; got "
                    + (clearKey == null ? "none" : clearKey.length + " bytes"));
        }
        if (checkValue == null || checkValue.length != WrappedKey.CHECK_VALUE_BYTES) {
            throw new HsmException("the check value of the " + usage + " key has " + (checkValue == null ? "no" : checkValue.length)
                    + " bytes; expected " + WrappedKey.CHECK_VALUE_BYTES);
        }
        Tr31Header header = AtRestKeyBlock.header(usage, algorithm, clearKey.length, checkValue, kbpkCheckValue);
        String block = Tr31KeyBlock.wrap(kbpk, header, clearKey, random);
        return new WrappedKey(usage, algorithm, clearKey.length, block.getBytes(StandardCharsets.US_ASCII), checkValue);
    }

    /**
     * The clear key of a handle made under this LMK; the caller zeroes it. Refused unless the block's MAC verifies
     * under this LMK's KBPK and its authenticated header states the handle's usage, algorithm, length and check value.
     */
    byte[] unwrap(WrappedKey key) {
        String what = key.usage() + " key";
        Tr31KeyBlock.Unwrapped unwrapped;
        try {
            unwrapped = Tr31KeyBlock.unwrap(kbpk, new String(key.blobView(), StandardCharsets.US_ASCII));
        } catch (HsmException e) {
            throw new HsmException("the " + what + "'s key block does not unwrap under this LMK (" + e.getMessage()
                    + "): it was altered, or wrapped under another LMK", e);
        }
        byte[] clear = unwrapped.key();
        try {
            AtRestKeyBlock.Binding bound = AtRestKeyBlock.binding(unwrapped.header());
            if (bound.usage() != key.usage()) {
                throw new HsmException("the key block holds a " + bound.usage() + " key but is presented as a " + key.usage()
                        + " key; a key can serve only its own usage");
            }
            if (bound.algorithm() != key.algorithm()) {
                throw new HsmException("the key block holds a " + bound.algorithm() + " " + bound.usage()
                        + " but is presented as a " + key.algorithm() + " key; a key can serve only its own algorithm");
            }
            if (bound.length() != key.length() || clear.length != key.length()) {
                throw new HsmException("the " + what + "'s key block holds a " + clear.length + "-byte key but is presented as "
                        + key.length() + " bytes");
            }
            // the TR-31 fields must agree too: a block written by another tool with a copied binding block is refused
            Tr31Usage tr31 = Tr31Usage.of(key.usage());
            tr31.requireMatches(unwrapped.header());
            char algorithm = tr31.algorithmFor(key.algorithm(), key.length());
            if (unwrapped.header().algorithm() != algorithm) {
                throw new HsmException("the " + what + "'s key block has TR-31 algorithm " + unwrapped.header().algorithm()
                        + "; a " + key.length() + "-byte " + key.algorithm() + " key has " + algorithm);
            }
            if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(bound.checkValue(), key.checkValueView())) {
                throw new HsmException("the " + what + "'s recorded check value " + key.checkValueHex()
                        + " is not that of the key in its key block: the record was altered");
            }
            return clear;
        } catch (HsmException e) {
            Arrays.fill(clear, (byte) 0);
            throw e;
        }
    }

    /** The check value of this LMK's key block protection key (the KP block of every key block at rest). */
    byte[] kbpkCheckValue() {
        return kbpkCheckValue.clone();
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
}
