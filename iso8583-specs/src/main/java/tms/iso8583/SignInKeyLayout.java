package tms.iso8583;

/**
 * How the encrypted working keys sit in field 62 of a sign-in response (0810), by network management code 60.3.
 */
public enum SignInKeyLayout {
    /** {@code 001}: PIK(8) + CV(4) + MAK(8) + CV(4). */
    SINGLE_001(24, 8, 8, 8, false, false),
    /** {@code 003}: PIK(16) + CV(4) + MAK(8) + 8 zero bytes + CV(4). */
    DOUBLE_003(40, 16, 8, 16, false, false),
    /** {@code 003} as some acquirers send it: PIK(16) + CV(4) + MAK(8) + CV(4), no zero bytes. */
    DOUBLE_003_COMPACT(32, 16, 8, 8, false, false),
    /** {@code 004}: the 40 bytes of {@code 003}, then TDK(16) + CV(4). */
    WITH_TDK_004(60, 16, 8, 16, true, false),
    /**
     * {@code 006} (<i>ours</i>, the national-cipher profile): PIK(16) + CV(4) + MAK(16) + CV(4) + TDK(16) + CV(4), each
     * key SM4-ECB under an SM4 TMK and each check value the first 4 bytes of SM4(key, 16 zero bytes). It has the
     * length of {@code 004}, so it is chosen by the network code, never by {@link #forLength}.
     */
    SM4_006(60, 16, 16, 16, true, true);

    /** Bytes of every check value. */
    public static final int CHECK_VALUE_LENGTH = 4;
    /** Bytes of the encrypted MAK of the classic profile (single length); 006 has {@link #makLength()} 16. */
    public static final int MAK_LENGTH = 8;
    /** Bytes of the encrypted TDK. */
    public static final int TDK_LENGTH = 16;

    private final int length;
    private final int pikLength;
    private final int makLength;
    private final int makSlot;
    private final boolean tdk;
    private final boolean sm4;

    SignInKeyLayout(int length, int pikLength, int makLength, int makSlot, boolean tdk, boolean sm4) {
        this.length = length;
        this.pikLength = pikLength;
        this.makLength = makLength;
        this.makSlot = makSlot;
        this.tdk = tdk;
        this.sm4 = sm4;
    }

    /** @return bytes of field 62 in this layout */
    public int length() {
        return length;
    }

    /** @return bytes of the encrypted PIK: 8 for 001, 16 otherwise */
    public int pikLength() {
        return pikLength;
    }

    /** @return bytes of the encrypted MAK: 8 (DES) in the classic layouts, 16 (SM4) in 006 */
    public int makLength() {
        return makLength;
    }

    /** @return whether the keys are SM4 keys under an SM4 TMK (006) rather than 3DES keys under a TDES TMK */
    public boolean sm4() {
        return sm4;
    }

    /** @return bytes the MAK occupies on the wire: the MAK, plus 8 zero bytes in 003/004 */
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
     * @param code       60.3 of the sign-in request: 001, 003, 004 or 006
     * @param compact003 the terminal's profile expects the 32-byte 003 layout
     * @return the layout
     * @throws IllegalArgumentException for any other code
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
        if ("006".equals(code)) {
            return SM4_006;
        }
        throw new IllegalArgumentException("network code " + (code == null ? "null" : "\"" + code + "\"")
                + " has no key layout; expected 001, 003, 004 or 006");
    }

    /**
     * The DES layout a field 62 of this many bytes must be in (60 bytes is 004: 006 has the same length and is known
     * only from the request's network code).
     *
     * @param length bytes of field 62
     * @return the layout
     * @throws MessageFormatException unless the length is 24, 32, 40 or 60
     */
    public static SignInKeyLayout forLength(int length) throws MessageFormatException {
        for (SignInKeyLayout layout : values()) {
            if (layout.length == length && !layout.sm4) {
                return layout;
            }
        }
        throw new MessageFormatException("field 62 of " + length + " bytes matches no sign-in key layout (24, 32, 40 or 60 bytes expected)");
    }
}
