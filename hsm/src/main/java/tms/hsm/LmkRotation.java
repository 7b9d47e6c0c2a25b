package tms.hsm;

import java.util.Arrays;

/**
 * Re-wraps stored keys from an old LMK to a new one, one key at a time, so that a rotation over a whole store can
 * stop anywhere and be resumed.
 *
 * <p>A key that already unwraps under the new LMK is returned unchanged ({@link #isUnderNewLmk}): that is how a
 * second run after an interruption recognises the rows the first run finished. Only {@link KeyWrap} touches the
 * keys; the clear value exists between the unwrap and the wrap and is zeroed at once. Usage, algorithm, length and
 * check value travel unchanged (the check value is a property of the clear key, not of the LMK).
 */
public final class LmkRotation {

    private final KeyWrap oldWrap;
    private final KeyWrap newWrap;
    private final String oldCheckValue;
    private final String newCheckValue;

    /** From {@code oldLmk} (the one the store's keys are under now) to {@code newLmk}; refuses the same LMK twice. */
    public LmkRotation(Lmk oldLmk, Lmk newLmk) {
        if (oldLmk == null || newLmk == null) {
            throw new HsmException("an LMK rotation needs the old LMK and the new one; " + (oldLmk == null ? "old" : "new")
                    + " is null");
        }
        // constant time for the same reason as every key comparison; equal check values alone could be a coincidence
        if (java.security.MessageDigest.isEqual(oldLmk.keyMaterial(), newLmk.keyMaterial())) {
            throw new HsmException("the new LMK (check value " + newLmk.checkValueHex() + ") is the old LMK: "
                    + "rotating needs new components from the custodians (lmk init)");
        }
        this.oldWrap = new KeyWrap(oldLmk);
        this.newWrap = new KeyWrap(newLmk);
        this.oldCheckValue = oldLmk.checkValueHex();
        this.newCheckValue = newLmk.checkValueHex();
    }

    /** The key wrapped under the new LMK; the same key if it already is; HsmException if it is under neither LMK. */
    public WrappedKey rewrap(WrappedKey key) {
        if (key == null) {
            throw new HsmException("key is null; expected a wrapped key to move to the new LMK");
        }
        if (isUnderNewLmk(key)) {
            return key;
        }
        byte[] clear;
        try {
            clear = oldWrap.unwrap(key);
        } catch (HsmException e) {
            throw new HsmException("the " + key.usage() + " key with check value " + key.checkValueHex()
                    + " unwraps under neither the old LMK (" + oldCheckValue + ") nor the new one (" + newCheckValue
                    + "): it was altered, or it is under a third LMK", e);
        }
        try {
            return newWrap.wrap(key.usage(), key.algorithm(), clear, key.checkValueView());
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** The private key wrapped under the new LMK; the same key if it already is; HsmException if under neither. */
    public WrappedPrivateKey rewrap(WrappedPrivateKey key) {
        if (key == null) {
            throw new HsmException("key is null; expected a wrapped private key to move to the new LMK");
        }
        if (isUnderNewLmk(key)) {
            return key;
        }
        byte[] pkcs8;
        try {
            pkcs8 = oldWrap.unwrapPrivate(key.blob());
        } catch (HsmException e) {
            throw new HsmException("the " + key.algorithm() + " private key unwraps under neither the old LMK ("
                    + oldCheckValue + ") nor the new one (" + newCheckValue + "): it was altered, or it is under a "
                    + "third LMK", e);
        }
        try {
            return new WrappedPrivateKey(key.algorithm(), newWrap.wrapPrivate(pkcs8));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** Whether the key already unwraps under the new LMK (the integrity check of the wrap says so). */
    public boolean isUnderNewLmk(WrappedKey key) {
        try {
            Arrays.fill(newWrap.unwrap(key), (byte) 0);
            return true;
        } catch (HsmException notUnderNew) {
            return false;
        }
    }

    /** Whether the private key already unwraps under the new LMK. */
    public boolean isUnderNewLmk(WrappedPrivateKey key) {
        try {
            Arrays.fill(newWrap.unwrapPrivate(key.blob()), (byte) 0);
            return true;
        } catch (HsmException notUnderNew) {
            return false;
        }
    }

    /** The new LMK's check value, which a store records while a rotation is under way. */
    public String newCheckValueHex() {
        return newCheckValue;
    }

    /** The old LMK's check value. */
    public String oldCheckValueHex() {
        return oldCheckValue;
    }
}
