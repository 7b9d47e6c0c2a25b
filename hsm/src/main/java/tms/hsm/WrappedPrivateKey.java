package tms.hsm;

import java.util.Arrays;
import java.util.HexFormat;

/** A private key (the host's signing key) as it is stored: PKCS#8 wrapped under the LMK, never clear. */
public record WrappedPrivateKey(DeviceKeyAlgorithm algorithm, byte[] blob) {

    private static final String VERSION = "P1";

    public WrappedPrivateKey {
        if (algorithm == null || blob == null || blob.length < 16) {
            throw new IllegalArgumentException("a wrapped private key needs an algorithm and a blob of at least 16 bytes");
        }
        blob = blob.clone();
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** {@code P1.<algorithm>.<BLOB HEX>}, the text form kept in the database. */
    public String encoded() {
        return VERSION + "." + algorithm + "." + HexFormat.of().withUpperCase().formatHex(blob);
    }

    public static WrappedPrivateKey decode(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\.");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a wrapped private key: expected " + VERSION + ".<RSA|SM2>.<hex>");
        }
        try {
            return new WrappedPrivateKey(DeviceKeyAlgorithm.valueOf(parts[1]), HexFormat.of().parseHex(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a wrapped private key: algorithm must be RSA or SM2 and the blob hex");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedPrivateKey other && algorithm == other.algorithm && Arrays.equals(blob, other.blob);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return "WrappedPrivateKey[" + algorithm + "]";
    }
}
