package tms.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.Prefixer;

/**
 * The BCD length prefix of a variable field: LL is one byte, LLL two bytes, and every nibble must be 0-9.
 *
 * <p>jPOS's own BCD prefixer reads a nibble A-F as a digit worth 10-15, which would turn a corrupt prefix
 * into a plausible length; this one refuses it.
 */
public final class BcdLengthPrefix implements Prefixer {

    /** One byte, up to 99. */
    public static final BcdLengthPrefix LL = new BcdLengthPrefix(1);
    /** Two bytes, up to 9999 (the field's own maximum is always lower). */
    public static final BcdLengthPrefix LLL = new BcdLengthPrefix(2);

    private final int bytes;

    private BcdLengthPrefix(int bytes) {
        this.bytes = bytes;
    }

    @Override
    public void encodeLength(int length, byte[] b) throws ISOException {
        int max = bytes == 1 ? 99 : 9999;
        if (length < 0 || length > max) {
            throw new ISOException("length " + length + " does not fit a " + bytes + "-byte BCD prefix (0.." + max + ")");
        }
        int rest = length;
        for (int i = bytes - 1; i >= 0; i--) {
            int twoDigits = rest % 100;
            rest /= 100;
            b[i] = (byte) ((twoDigits / 10) << 4 | twoDigits % 10);
        }
    }

    @Override
    public int decodeLength(byte[] b, int offset) throws ISOException {
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            int high = (b[offset + i] >> 4) & 0x0F;
            int low = b[offset + i] & 0x0F;
            if (high > 9 || low > 9) {
                throw new ISOException("length prefix " + hex(b, offset) + " is not BCD (each nibble must be 0-9)");
            }
            length = length * 100 + high * 10 + low;
        }
        return length;
    }

    @Override
    public int getPackedLength() {
        return bytes;
    }

    private String hex(byte[] b, int offset) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            s.append(String.format("%02X", b[offset + i] & 0xFF));
        }
        return s.toString();
    }
}
