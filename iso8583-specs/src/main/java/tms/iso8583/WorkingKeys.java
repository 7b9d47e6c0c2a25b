package tms.iso8583;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The content of field 62 in a sign-in response (0810): the working keys ENCRYPTED under the terminal's TMK,
 * each followed by its check value. This module never sees a clear key; {@code hsm} makes and opens these.
 *
 * @param layout         which sign-in this answers (001, 003, 003 compact, 004, 006)
 * @param pik            encrypted PIK, {@link SignInKeyLayout#pikLength()} bytes
 * @param pikCheckValue  4 bytes
 * @param mak            encrypted MAK, {@link SignInKeyLayout#makLength()} bytes (8, or 16 for 006; without the zero
 *                       bytes 003/004 put after it)
 * @param makCheckValue  4 bytes
 * @param tdk            encrypted TDK, 16 bytes for 004 and 006, otherwise {@code null}
 * @param tdkCheckValue  4 bytes for 004 and 006, otherwise {@code null}
 */
public record WorkingKeys(SignInKeyLayout layout, byte[] pik, byte[] pikCheckValue, byte[] mak, byte[] makCheckValue,
                          byte[] tdk, byte[] tdkCheckValue) {

    private static final int CV = SignInKeyLayout.CHECK_VALUE_LENGTH;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * @throws IllegalArgumentException if a part is missing or of the wrong size for the layout, or a TDK is given
     *                                  for a layout without one
     */
    public WorkingKeys {
        Objects.requireNonNull(layout, "layout");
        pik = sized("PIK", pik, layout.pikLength());
        pikCheckValue = sized("PIK check value", pikCheckValue, CV);
        mak = sized("MAK", mak, layout.makLength());
        makCheckValue = sized("MAK check value", makCheckValue, CV);
        if (layout.hasTdk()) {
            tdk = sized("TDK", tdk, SignInKeyLayout.TDK_LENGTH);
            tdkCheckValue = sized("TDK check value", tdkCheckValue, CV);
        } else if (tdk != null || tdkCheckValue != null) {
            throw new IllegalArgumentException("layout " + layout + " carries no TDK; pass null for the TDK and its check value");
        }
    }

    private static byte[] sized(String what, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + (value == null ? "null" : value.length));
        }
        return value.clone();
    }

    /**
     * Reads field 62 in the layout the request asked for.
     *
     * @param field62 the bytes of field 62
     * @param layout  the expected layout
     * @return the keys
     * @throws MessageFormatException if the length does not match the layout, or the 8 bytes after the MAK in
     *                                003/004 are not zero
     */
    public static WorkingKeys decode(byte[] field62, SignInKeyLayout layout) throws MessageFormatException {
        Objects.requireNonNull(layout, "layout");
        if (field62 == null) {
            throw new MessageFormatException("field 62 is missing; a sign-in response carries the working keys there");
        }
        if (field62.length != layout.length()) {
            throw new MessageFormatException("field 62 of " + field62.length + " bytes does not match layout " + layout
                    + " (" + layout.length() + " bytes expected)");
        }
        int at = 0;
        byte[] pik = Arrays.copyOfRange(field62, at, at += layout.pikLength());
        byte[] pikCv = Arrays.copyOfRange(field62, at, at += CV);
        byte[] mak = Arrays.copyOfRange(field62, at, at + layout.makLength());
        for (int i = at + layout.makLength(); i < at + layout.makSlotLength(); i++) {
            if (field62[i] != 0) {
                throw new MessageFormatException(String.format("field 62 byte %d is %02X; layout %s has 8 zero bytes after the MAK "
                        + "(a double-length MAK is not supported)", i, field62[i] & 0xFF, layout));
            }
        }
        at += layout.makSlotLength();
        byte[] makCv = Arrays.copyOfRange(field62, at, at += CV);
        byte[] tdk = null;
        byte[] tdkCv = null;
        if (layout.hasTdk()) {
            tdk = Arrays.copyOfRange(field62, at, at += SignInKeyLayout.TDK_LENGTH);
            tdkCv = Arrays.copyOfRange(field62, at, at + CV);
        }
        return new WorkingKeys(layout, pik, pikCv, mak, makCv, tdk, tdkCv);
    }

    /**
     * Reads field 62, inferring the layout from its length (24, 32, 40 or 60 bytes); 60 bytes are read as 004, so a
     * 006 field 62 must be read with {@link #decode(byte[], SignInKeyLayout)}.
     *
     * @param field62 the bytes of field 62
     * @return the keys
     * @throws MessageFormatException if the length matches no layout, naming it
     */
    public static WorkingKeys decode(byte[] field62) throws MessageFormatException {
        if (field62 == null) {
            throw new MessageFormatException("field 62 is missing; a sign-in response carries the working keys there");
        }
        return decode(field62, SignInKeyLayout.forLength(field62.length));
    }

    /** @return the bytes of field 62 in this layout */
    public byte[] encode() {
        byte[] out = new byte[layout.length()];
        int at = 0;
        at = put(out, at, pik);
        at = put(out, at, pikCheckValue);
        put(out, at, mak);
        at += layout.makSlotLength(); // the zero bytes of 003/004 are already zero
        at = put(out, at, makCheckValue);
        if (layout.hasTdk()) {
            at = put(out, at, tdk);
            put(out, at, tdkCheckValue);
        }
        return out;
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    @Override
    public byte[] pik() {
        return pik.clone();
    }

    @Override
    public byte[] pikCheckValue() {
        return pikCheckValue.clone();
    }

    @Override
    public byte[] mak() {
        return mak.clone();
    }

    @Override
    public byte[] makCheckValue() {
        return makCheckValue.clone();
    }

    @Override
    public byte[] tdk() {
        return tdk == null ? null : tdk.clone();
    }

    @Override
    public byte[] tdkCheckValue() {
        return tdkCheckValue == null ? null : tdkCheckValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingKeys other
                && layout == other.layout
                && Arrays.equals(pik, other.pik)
                && Arrays.equals(pikCheckValue, other.pikCheckValue)
                && Arrays.equals(mak, other.mak)
                && Arrays.equals(makCheckValue, other.makCheckValue)
                && Arrays.equals(tdk, other.tdk)
                && Arrays.equals(tdkCheckValue, other.tdkCheckValue);
    }

    @Override
    public int hashCode() {
        int h = layout.hashCode();
        for (byte[] part : new byte[][] {pik, pikCheckValue, mak, makCheckValue, tdk, tdkCheckValue}) {
            h = 31 * h + Arrays.hashCode(part);
        }
        return h;
    }

    /** Shows the check values only: they identify the keys without giving out even their encrypted form. */
    @Override
    public String toString() {
        return "WorkingKeys[" + layout + ", PIK CV " + HEX.formatHex(pikCheckValue) + ", MAK CV " + HEX.formatHex(makCheckValue)
                + (tdkCheckValue == null ? "" : ", TDK CV " + HEX.formatHex(tdkCheckValue)) + "]";
    }
}
