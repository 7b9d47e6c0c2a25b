package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key as it is stored and passed around: a TR-31 key block under a key derived from the LMK, never clear.
 *
 * <p>The blob is the ASCII of a TR-31 (ANSI X9.143) version D key block, and {@link #encoded()} is that block as
 * text, for example {@code D0160K0TB00E0400010FTMK.TDES.16KC0E0082E13665KP0E01<8 hex>PB050<96 hex>}. Its header carries,
 * under the block's MAC: the TR-31 key usage, algorithm and mode of use; the project's usage, algorithm and key
 * length (proprietary optional block {@code 01}: TR-31 calls a TMK and a ZMK both K0 and has no SM4); the key's
 * check value (optional block {@code KC}); and the check value of the key block protection key (optional block
 * {@code KP}), which names the LMK the block is under. The module refuses a block presented as another usage,
 * algorithm, length or check value than its header states. A 16-byte key takes 160 characters, a 32-byte AES key
 * 192: every key fits the VARCHAR(200) columns ({@value #MAX_BLOB_BYTES}). {@code docs/keys.md} explains the format.
 *
 * <p>The earlier {@code K1.<usage>.<length>.<hex>.<cv>} text form (AES key wrap) is no longer read: no
 * production data was ever stored in it. Private keys ({@link WrappedPrivateKey}) keep their own format.
 *
 * <p>The record's usage, algorithm, length and check value repeat what the header says, so that callers (and the
 * MAK cache) need no parsing; {@link #decode} takes them from the header. The arrays are copied in and out, so a
 * record can be used as a map key and cannot be changed by a caller.
 */
public record WrappedKey(KeyUsage usage, KeyAlgorithm algorithm, int length, byte[] blob, byte[] checkValue) {

    /** The largest key block, in characters (= bytes of the blob), that fits the VARCHAR(200) key columns. */
    public static final int MAX_BLOB_BYTES = 200;

    /** Bytes in a check value. */
    public static final int CHECK_VALUE_BYTES = 4;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Validates the parts and copies the arrays. */
    public WrappedKey {
        if (usage == null) {
            throw new IllegalArgumentException("usage is null; expected one of " + Arrays.toString(KeyUsage.values()));
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is null; expected one of " + Arrays.toString(KeyAlgorithm.values()));
        }
        if (!algorithm.allowsLength(length)) {
            throw new IllegalArgumentException("key length is " + length + " bytes for " + algorithm + "; expected "
                    + algorithm.lengthsText());
        }
        if (blob == null || blob.length == 0 || blob.length > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("blob has " + (blob == null ? "no" : blob.length)
                    + " bytes; expected a key block of 1 to " + MAX_BLOB_BYTES + " characters");
        }
        for (int i = 0; i < blob.length; i++) {
            if (blob[i] < 0x20 || blob[i] > 0x7E) {
                throw new IllegalArgumentException("blob has a byte that is not printable ASCII at position " + (i + 1)
                        + "; expected the text of a TR-31 key block");
            }
        }
        if (checkValue == null || checkValue.length != CHECK_VALUE_BYTES) {
            throw new IllegalArgumentException("check value has " + (checkValue == null ? "no" : checkValue.length)
                    + " bytes; expected " + CHECK_VALUE_BYTES);
        }
        blob = blob.clone();
        checkValue = checkValue.clone();
    }

    /** A Triple DES key: the algorithm of every key of the classic CUP profile. */
    public WrappedKey(KeyUsage usage, int length, byte[] blob, byte[] checkValue) {
        this(usage, KeyAlgorithm.TDES, length, blob, checkValue);
    }

    /** The wrapped key (a copy). */
    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** The check value (a copy). */
    @Override
    public byte[] checkValue() {
        return checkValue.clone();
    }

    /** The internal blob, for the module's own hot path; never modified there. */
    byte[] blobView() {
        return blob;
    }

    /** The internal check value, for the module's own comparisons; never modified there. */
    byte[] checkValueView() {
        return checkValue;
    }

    /** The stable text form for the database: the TR-31 key block. */
    public String encoded() {
        return new String(blob, StandardCharsets.US_ASCII);
    }

    /**
     * Parses {@link #encoded()}: usage, algorithm, length and check value are read from the key block's header (and
     * checked against its MAC only when the module unwraps it). IllegalArgumentException naming the problem; header
     * characters only, never the encrypted part.
     */
    public static WrappedKey decode(String encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("encoded key is null; expected a TR-31 key block such as D0160K0TB00E0400…");
        }
        if (encoded.isEmpty() || encoded.length() > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("encoded key has " + encoded.length() + " characters; expected a TR-31 key"
                    + " block of at most " + MAX_BLOB_BYTES);
        }
        try {
            Tr31Header header = Tr31Header.parse(encoded).header();
            if (header.version() != Tr31KeyBlock.VERSION_D) {
                throw new IllegalArgumentException("encoded key is a key block of version " + Tr31Header.describe(header.version())
                        + "; expected version D (keys at rest; the old K1. form is no longer read)");
            }
            AtRestKeyBlock.Binding binding = AtRestKeyBlock.binding(header);
            return new WrappedKey(binding.usage(), binding.algorithm(), binding.length(),
                    encoded.getBytes(StandardCharsets.US_ASCII), binding.checkValue());
        } catch (HsmException e) {
            throw new IllegalArgumentException("encoded key is not a key block at rest: " + e.getMessage(), e);
        }
    }

    /** The check value as 8 uppercase hex characters. */
    public String checkValueHex() {
        return HEX.formatHex(checkValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey that
                && usage == that.usage
                && algorithm == that.algorithm
                && length == that.length
                && Arrays.equals(blob, that.blob)
                && Arrays.equals(checkValue, that.checkValue);
    }

    @Override
    public int hashCode() {
        // by hand rather than Objects.hash: the MAC key cache looks keys up per transaction, without boxing
        int h = usage.ordinal();
        h = 31 * h + algorithm.ordinal();
        h = 31 * h + length;
        h = 31 * h + Arrays.hashCode(blob);
        return 31 * h + Arrays.hashCode(checkValue);
    }

    /** Usage, length and check value only: the blob stays out of logs. */
    @Override
    public String toString() {
        return "WrappedKey[" + usage + ", " + algorithm + ", " + length + " bytes, check value " + checkValueHex() + "]";
    }
}
