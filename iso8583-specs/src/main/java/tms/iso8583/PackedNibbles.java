package tms.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.Interpreter;

/**
 * Characters packed two per byte: decimal digits for {@code n} fields, hex nibbles for track data ({@code z}).
 *
 * <p>An odd count leaves one pad nibble, which must be 0: trailing for a left-aligned field, leading for a
 * right-aligned one. Unpacking refuses a nibble outside the alphabet and a non-zero pad, so that whatever it
 * accepts packs back to the very same bytes (the MAC is computed over those bytes).
 */
public final class PackedNibbles implements Interpreter {

    /** Decimal digits, pad nibble last (variable {@code n} fields and field 22). */
    public static final PackedNibbles DECIMAL_LEFT_ALIGNED = new PackedNibbles(false, false);
    /** Decimal digits, pad nibble first (fixed {@code n} fields such as 23). */
    public static final PackedNibbles DECIMAL_RIGHT_ALIGNED = new PackedNibbles(true, false);
    /**
     * Track data: any hex nibble (encrypted tracks use A-F), the separator {@code =} is nibble D and is read back
     * as {@code D}; pad nibble last.
     */
    public static final PackedNibbles TRACK = new PackedNibbles(false, true);

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final boolean rightAligned;
    private final boolean hex;

    private PackedNibbles(boolean rightAligned, boolean hex) {
        this.rightAligned = rightAligned;
        this.hex = hex;
    }

    @Override
    public void interpret(String data, byte[] b, int offset) throws ISOException {
        int pad = rightAligned && data.length() % 2 == 1 ? 1 : 0;
        int packed = getPackedLength(data.length());
        for (int i = 0; i < packed; i++) {
            b[offset + i] = 0;
        }
        for (int i = 0; i < data.length(); i++) {
            int nibble = nibbleOf(data.charAt(i), i);
            int position = i + pad;
            int index = offset + position / 2;
            b[index] = (byte) (b[index] | (position % 2 == 0 ? nibble << 4 : nibble));
        }
    }

    @Override
    public String uninterpret(byte[] raw, int offset, int length) throws ISOException {
        int pad = length % 2 == 1 ? 1 : 0;
        int packed = getPackedLength(length);
        if (pad == 1) {
            int padNibble = rightAligned ? (raw[offset] >> 4) & 0x0F : raw[offset + packed - 1] & 0x0F;
            if (padNibble != 0) {
                throw new ISOException(String.format("pad nibble is %X; a %s-aligned field of odd length %d pads with 0",
                        padNibble, rightAligned ? "right" : "left", length));
            }
        }
        int first = rightAligned ? pad : 0;
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int position = i + first;
            int b = raw[offset + position / 2];
            int nibble = position % 2 == 0 ? (b >> 4) & 0x0F : b & 0x0F;
            if (!hex && nibble > 9) {
                throw new ISOException(String.format("nibble %X at digit %d of %d is not BCD (0-9 expected)", nibble, i + 1, length));
            }
            out[i] = HEX[nibble];
        }
        return new String(out);
    }

    @Override
    public int getPackedLength(int nDataUnits) {
        return (nDataUnits + 1) / 2;
    }

    private int nibbleOf(char c, int index) throws ISOException {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (hex) {
            if (c == '=') {
                return 0x0D;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
        }
        throw new ISOException("character '" + c + "' at position " + (index + 1) + " is not "
                + (hex ? "a hex digit or '='" : "a decimal digit"));
    }
}
