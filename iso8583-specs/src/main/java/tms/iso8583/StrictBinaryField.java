package tms.iso8583;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.LiteralBinaryInterpreter;
import org.jpos.iso.NullPrefixer;
import org.jpos.iso.Prefixer;

/**
 * A binary ({@code b}) field whose bytes are checked before they are trusted: a fixed field must be exactly its
 * length (a PIN block or MAC of another size is a bug, not something to pad), a variable one within its maximum.
 */
public abstract class StrictBinaryField extends org.jpos.iso.ISOBinaryFieldPackager {

    private final Prefixer lengthPrefix;

    /**
     * @param lengthPrefix {@link BcdLengthPrefix} for a variable field, {@link NullPrefixer} for a fixed one
     */
    protected StrictBinaryField(Prefixer lengthPrefix) {
        super(LiteralBinaryInterpreter.INSTANCE, lengthPrefix);
        this.lengthPrefix = lengthPrefix;
    }

    private boolean fixed() {
        return lengthPrefix.getPackedLength() == 0;
    }

    @Override
    public byte[] pack(ISOComponent c) throws ISOException {
        byte[] data = c.getBytes();
        if (data == null) {
            throw new ISOException("has no value");
        }
        if (fixed() && data.length != getLength()) {
            throw new ISOException("is " + data.length + " bytes; exactly " + getLength() + " expected");
        }
        if (data.length > getLength()) {
            throw new ISOException("is " + data.length + " bytes; at most " + getLength() + " allowed");
        }
        int prefixBytes = lengthPrefix.getPackedLength();
        byte[] out = new byte[prefixBytes + data.length];
        if (!fixed()) {
            lengthPrefix.encodeLength(data.length, out);
        }
        System.arraycopy(data, 0, out, prefixBytes, data.length);
        return out;
    }

    @Override
    public int unpack(ISOComponent c, byte[] b, int offset) throws ISOException {
        int prefixBytes = lengthPrefix.getPackedLength();
        int length;
        if (fixed()) {
            length = getLength();
        } else {
            FieldBounds.require(b, offset, prefixBytes, "length prefix");
            length = lengthPrefix.decodeLength(b, offset);
            if (length > getLength()) {
                throw new ISOException("declared length " + length + " exceeds the maximum of " + getLength() + " bytes");
            }
        }
        FieldBounds.require(b, offset + prefixBytes, length, length + " bytes");
        byte[] value = new byte[length];
        System.arraycopy(b, offset + prefixBytes, value, 0, length);
        c.setValue(value);
        return prefixBytes + length;
    }
}
