package tms.iso8583;

/**
 * How the encrypted working keys sit in field 62 of a sign-in response (0810), by network management code 60.3.
 */
public enum SignInKeyLayout {
    /** {@code 001}: PIK(8) + CV(4) + MAK(8) + CV(4). */
    SINGLE_001(24, 8, 8, false),
    /** {@code 003}: PIK(16) + CV(4) + MAK(8) + 8 zero bytes + CV(4). */
    DOUBLE_003(40, 16, 16, false),
    /** {@code 003} as some acquirers send it: PIK(16) + CV(4) + MAK(8) + CV(4), no zero bytes. */
    DOUBLE_003_COMPACT(32, 16, 8, false),
    /** {@code 004}: the 40 bytes of {@code 003}, then TDK(16) + CV(4). */
    WITH_TDK_004(60, 16, 16, true);

    /** Bytes of every check value. */
    public static final int CHECK_VALUE_LENGTH = 4;
    /** Bytes of the encrypted MAK (the classic profile's single-length MAK). */
    public static final int MAK_LENGTH = 8;
    /** Bytes of the encrypted TDK. */
    public static final int TDK_LENGTH = 16;

    private final int length;
    private final int pikLength;
    private final int makSlot;
    private final boolean tdk;

    SignInKeyLayout(int length, int pikLength, int makSlot, boolean tdk) {
        this.length = length;
        this.pikLength = pikLength;
        this.makSlot = makSlot;
        this.tdk = tdk;
    }

    /** @return bytes of field 62 in this layout */
    public int length() {
        return length;
    }

    /** @return bytes of the encrypted PIK: 8 for 001, 16 otherwise */
    public int pikLength() {
        return pikLength;
    }

    /** @return bytes the MAK occupies on the wire: the 8-byte MAK, plus 8 zero bytes in 003/004 */
    public int makSlotLength() {
        return makSlot;
    }

    /** @return whether a TDK and its check value follow (004) */
    public boolean hasTdk() {
        return tdk;
    }

    /**
     * The layout a sign-in with this 60.3 code answers with.
     *
     * @param code       60.3 of the sign-in request: 001, 003 or 004
     * @param compact003 the terminal's profile expects the 32-byte 003 layout
     * @return the layout
     * @throws IllegalArgumentException for any other code (006, the SM4 sign-in, has a layout of its own that this
     *                                  enum does not cover)
     */
    public static SignInKeyLayout forNetworkCode(String code, boolean compact003) {
        if ("001".equals(code)) {
            return SINGLE_001;
        }
        if ("003".equals(code)) {
            return compact003 ? DOUBLE_003_COMPACT : DOUBLE_003;
        }
        if ("004".equals(code)) {
            return WITH_TDK_004;
        }
        throw new IllegalArgumentException("network code " + (code == null ? "null" : "\"" + code + "\"")
                + " has no DES key layout; expected 001, 003 or 004");
    }

    /**
     * The layout a field 62 of this many bytes must be in.
     *
     * @param length bytes of field 62
     * @return the layout
     * @throws MessageFormatException unless the length is 24, 32, 40 or 60
     */
    public static SignInKeyLayout forLength(int length) throws MessageFormatException {
        for (SignInKeyLayout layout : values()) {
            if (layout.length == length) {
                return layout;
            }
        }
        throw new MessageFormatException("field 62 of " + length + " bytes matches no sign-in key layout (24, 32, 40 or 60 bytes expected)");
    }
}
