package tms.hsm;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key as it is stored and passed around: wrapped under the LMK, never clear.
 *
 * <p>The text form for the database is {@code K1.<usage>.<length>.<blob>.<check value>}, for example
 * {@code K1.MAK.8.<48 hex>.ADC67D84}: {@code K1} is the version of this text form, the usage is the
 * {@link KeyUsage} name, the length is the clear key length in bytes (8 or 16), the blob and the check value
 * are uppercase hex. With the software module's blobs (24 or 32 bytes) it is under 90 characters; any blob
 * of at most {@value #MAX_BLOB_BYTES} bytes keeps it within 200.
 *
 * <p>The arrays are copied in and out, so a record can be used as a map key and cannot be changed by a caller.
 */
public record WrappedKey(KeyUsage usage, KeyAlgorithm algorithm, int length, byte[] blob, byte[] checkValue) {

    /** The largest blob whose text form still fits in 200 characters. */
    public static final int MAX_BLOB_BYTES = 90;

    /** Bytes in a check value. */
    public static final int CHECK_VALUE_BYTES = 4;

    private static final String FORM_VERSION = "K1";
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
                    + " bytes; expected 1 to " + MAX_BLOB_BYTES);
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

    /** The stable text form for the database: {@code K1.<usage>.<length>.<blob hex>.<check value hex>}. */
    public String encoded() {
        return FORM_VERSION + '.' + usage.name() + '.' + length + '.' + HEX.formatHex(blob) + '.' + checkValueHex();
    }

    /** Parses {@link #encoded()}; IllegalArgumentException naming the problem (never echoing the blob). */
    public static WrappedKey decode(String encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("encoded key is null; expected K1.<usage>.<length>.<blob hex>.<check value hex>");
        }
        String[] parts = encoded.split("\\.", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("encoded key has " + parts.length
                    + " dot-separated fields; expected 5: K1.<usage>.<length>.<blob hex>.<check value hex>");
        }
        if (!FORM_VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("encoded key starts with an unknown form version; expected " + FORM_VERSION);
        }
        KeyUsage usage;
        try {
            usage = KeyUsage.valueOf(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoded key has usage '" + parts[1] + "'; expected one of "
                    + Arrays.toString(KeyUsage.values()), e);
        }
        int length = switch (parts[2]) {
            case "8" -> 8;
            case "16" -> 16;
            default -> throw new IllegalArgumentException("encoded key has length '" + parts[2] + "'; expected 8 or 16");
        };
        byte[] blob = upperHex(parts[3], "blob");
        byte[] checkValue = upperHex(parts[4], "check value");
        if (checkValue.length != CHECK_VALUE_BYTES) {
            throw new IllegalArgumentException("encoded key has a check value of " + parts[4].length()
                    + " hex characters; expected " + 2 * CHECK_VALUE_BYTES);
        }
        return new WrappedKey(usage, length, blob, checkValue);
    }

    private static byte[] upperHex(String text, String what) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            throw new IllegalArgumentException("encoded key has a " + what + " of " + text.length()
                    + " hex characters; expected a non-zero even number");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'F')) {
                throw new IllegalArgumentException("encoded key has a character that is not uppercase hex at position "
                        + (i + 1) + " of its " + what);
            }
        }
        return HEX.parseHex(text);
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
