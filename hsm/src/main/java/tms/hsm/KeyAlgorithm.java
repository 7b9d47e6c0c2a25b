package tms.hsm;

/** The block cipher a symmetric key belongs to, with the key lengths it allows. */
public enum KeyAlgorithm {
    /** DES and Triple DES: 8 (single DES), 16 (double length) or 24 bytes. */
    TDES(8, 16, 24),
    /** AES-128, -192 or -256. */
    AES(16, 24, 32),
    /** SM4 (GB/T 32907), 16 bytes. */
    SM4(16);

    private final int[] lengths;

    KeyAlgorithm(int... lengths) {
        this.lengths = lengths;
    }

    /** Whether a clear key of this many bytes is a key of this algorithm. */
    public boolean allowsLength(int bytes) {
        for (int length : lengths) {
            if (length == bytes) {
                return true;
            }
        }
        return false;
    }

    /** The allowed lengths, for error messages. */
    public String lengthsText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lengths.length; i++) {
            text.append(i == 0 ? "" : i == lengths.length - 1 ? " or " : ", ").append(lengths[i]);
        }
        return text.append(" bytes").toString();
    }
}
