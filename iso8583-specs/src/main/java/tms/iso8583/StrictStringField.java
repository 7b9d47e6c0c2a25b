package tms.iso8583;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.Interpreter;
import org.jpos.iso.NullPrefixer;
import org.jpos.iso.Padder;
import org.jpos.iso.Prefixer;

/**
 * A text or digit field whose unpacking checks the bytes before trusting them: room for the prefix, a BCD
 * prefix within the field's maximum, room for the content, then the content itself.
 *
 * <p>jPOS's {@link org.jpos.iso.ISOStringFieldPackager} lets an index error or a lenient BCD read decide
 * what happens to a short or corrupt message; terminals on bad links send both.
 */
public abstract class StrictStringField extends org.jpos.iso.ISOStringFieldPackager {

    private final Prefixer lengthPrefix;
    private final String unit;
    private Interpreter content;

    /**
     * @param padder       how a short value is filled for a fixed field
     * @param content      how characters become bytes
     * @param lengthPrefix {@link BcdLengthPrefix} for a variable field, {@link NullPrefixer} for a fixed one
     * @param unit         what the length counts ("digits" or "bytes"), for messages
     */
    protected StrictStringField(Padder padder, Interpreter content, Prefixer lengthPrefix, String unit) {
        super(padder, content, lengthPrefix);
        this.lengthPrefix = lengthPrefix;
        this.content = content;
        this.unit = unit;
    }

    /** Swaps the content encoding for packing and unpacking alike (jPOS keeps its copy private). */
    protected final void useContent(Interpreter interpreter) {
        this.content = interpreter;
        setInterpreter(interpreter);
    }

    @Override
    public int unpack(ISOComponent c, byte[] b, int offset) throws ISOException {
        int prefixBytes = lengthPrefix.getPackedLength();
        int length;
        if (prefixBytes == 0) {
            length = getLength();
        } else {
            FieldBounds.require(b, offset, prefixBytes, "length prefix");
            length = lengthPrefix.decodeLength(b, offset);
            if (length > getLength()) {
                throw new ISOException("declared length " + length + " exceeds the maximum of " + getLength() + " " + unit);
            }
        }
        int contentBytes = content.getPackedLength(length);
        FieldBounds.require(b, offset + prefixBytes, contentBytes, length + " " + unit);
        c.setValue(content.uninterpret(b, offset + prefixBytes, length));
        return prefixBytes + contentBytes;
    }
}
