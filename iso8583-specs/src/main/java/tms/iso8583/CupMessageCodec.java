package tms.iso8583;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.TreeSet;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;

/**
 * Packs and unpacks the body of a CUP 8583 message: MTI (2 bytes BCD), the 8-byte primary bitmap, then
 * fields 2..64 in ascending order; no length, TPDU or header (see {@link Frame}).
 *
 * <p>The field layouts come from the shared packager ({@link CupPackager}); this class walks the bitmap itself
 * so that every refusal names the field, and so that nothing but a {@link MessageFormatException} ever escapes
 * from bytes a terminal sent.
 */
public final class CupMessageCodec {

    /** MTI (2) + primary bitmap (8). */
    static final int MINIMUM_BODY = 10;
    private static final int MTI_BYTES = 2;
    private static final int BITMAP_BYTES = 8;
    private static final int MAC_FIELD = 64;
    private static final int MAC_BYTES = 8;

    private CupMessageCodec() {
    }

    /**
     * Reads a message body.
     *
     * @param body MTI + bitmap + fields, exactly one message and nothing after it
     * @return a new message with no packager attached: jPOS's {@code ISOMsg.set(int, String)} hex-decodes the
     *         value for a binary field when a packager is attached and not otherwise, and an unpacked request
     *         must behave like a freshly built response. Set binary fields (52, 55, 62, 64) with {@code byte[]}.
     * @throws MessageFormatException naming the field and the problem: truncated data, a length prefix that is
     *                                not BCD or exceeds the field's maximum, a nibble A-F in a numeric field or the
     *                                MTI, a secondary bitmap, a bit for a field the dialect does not define, or
     *                                bytes left over after the last field
     */
    public static ISOMsg unpack(byte[] body) throws MessageFormatException {
        if (body == null) {
            throw new MessageFormatException("message body is null; expected MTI + bitmap + fields");
        }
        try {
            return read(body);
        } catch (MessageFormatException e) {
            throw e;
        } catch (ISOException | RuntimeException e) {
            // The checks in read() and the strict field classes should leave nothing for this to catch.
            throw new MessageFormatException("message body of " + body.length + " bytes could not be unpacked: " + innermostMessage(e), e);
        }
    }

    private static ISOMsg read(byte[] body) throws MessageFormatException, ISOException {
        GenericPackager packager = CupPackager.shared();
        ISOMsg msg = new ISOMsg();
        int offset = readField(packager, msg, 0, body, 0);
        if (body.length < MINIMUM_BODY) {
            throw new MessageFormatException("truncated: the primary bitmap needs " + BITMAP_BYTES + " bytes after the MTI but only "
                    + (body.length - MTI_BYTES) + " remain");
        }
        long bitmap = 0;
        for (int i = 0; i < BITMAP_BYTES; i++) {
            bitmap = bitmap << 8 | (body[MTI_BYTES + i] & 0xFF);
        }
        offset += BITMAP_BYTES;
        if (isSet(bitmap, 1)) {
            throw new MessageFormatException("bitmap bit 1 is set (a secondary bitmap), but the CUP dialect uses only the primary bitmap");
        }
        for (int field = 2; field <= 64; field++) {
            if (isSet(bitmap, field) && packager.getFieldPackager(field) == null) {
                throw new MessageFormatException("bitmap bit " + field + " is set, but the CUP dialect defines no field " + field);
            }
        }
        int last = 0;
        for (int field = 2; field <= 64; field++) {
            if (isSet(bitmap, field)) {
                offset += readField(packager, msg, field, body, offset);
                last = field;
            }
        }
        if (offset != body.length) {
            throw new MessageFormatException((body.length - offset) + " trailing bytes after "
                    + (last == 0 ? "the bitmap" : "field " + last) + " (fields end at offset " + offset + " of " + body.length + ")");
        }
        return msg;
    }

    private static boolean isSet(long bitmap, int field) {
        return (bitmap >>> (64 - field) & 1L) != 0;
    }

    private static int readField(GenericPackager packager, ISOMsg msg, int field, byte[] body, int offset) throws MessageFormatException {
        ISOFieldPackager fieldPackager = packager.getFieldPackager(field);
        try {
            ISOComponent component = fieldPackager.createComponent(field);
            int consumed = fieldPackager.unpack(component, body, offset);
            msg.set(component);
            return consumed;
        } catch (ISOException | RuntimeException e) {
            throw new MessageFormatException(name(field, fieldPackager) + " at offset " + offset + ": " + innermostMessage(e), e);
        }
    }

    /**
     * Writes a message body.
     *
     * @param msg a message with an MTI and only fields the dialect defines (2..64, except undefined numbers)
     * @return MTI + bitmap + fields
     * @throws MessageFormatException naming the field that cannot be packed and why
     */
    public static byte[] pack(ISOMsg msg) throws MessageFormatException {
        if (msg == null) {
            throw new MessageFormatException("message is null; expected an ISOMsg with an MTI");
        }
        try {
            return write(msg);
        } catch (MessageFormatException e) {
            throw e;
        } catch (ISOException | RuntimeException e) {
            throw new MessageFormatException("message could not be packed: " + innermostMessage(e), e);
        }
    }

    private static byte[] write(ISOMsg msg) throws MessageFormatException, ISOException {
        GenericPackager packager = CupPackager.shared();
        if (!msg.hasField(0)) {
            throw new MessageFormatException("MTI (field 0) is missing; every message needs one, e.g. 0200");
        }
        TreeSet<Integer> fields = new TreeSet<>();
        for (Object key : msg.getChildren().keySet()) {
            int field = (Integer) key;
            if (field == -1 || field == 0) {
                continue; // -1 is the bitmap jPOS keeps after its own unpack; it is recomputed below
            }
            if (field < 2 || field > 64 || packager.getFieldPackager(field) == null) {
                throw new MessageFormatException("field " + field + " cannot be packed: the CUP dialect defines no field " + field
                        + (field == 1 || field > 64 ? " (only the primary bitmap, fields 2..64, exists)" : ""));
            }
            fields.add(field);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(writeField(packager, msg, 0));
        long bitmap = 0;
        for (int field : fields) {
            bitmap |= 1L << (64 - field);
        }
        for (int i = BITMAP_BYTES - 1; i >= 0; i--) {
            out.write((int) (bitmap >>> (8 * i)) & 0xFF);
        }
        for (int field : fields) {
            out.writeBytes(writeField(packager, msg, field));
        }
        return out.toByteArray();
    }

    private static byte[] writeField(GenericPackager packager, ISOMsg msg, int field) throws MessageFormatException {
        ISOFieldPackager fieldPackager = packager.getFieldPackager(field);
        try {
            return fieldPackager.pack(msg.getComponent(field));
        } catch (ISOException | RuntimeException e) {
            throw new MessageFormatException(name(field, fieldPackager) + " cannot be packed: " + innermostMessage(e), e);
        }
    }

    /**
     * The MAC block input (MAB) of PROTOCOL.md §4: the body from the MTI through field 63, exactly as on the
     * wire, with the bitmap unchanged (bit 64 stays set).
     *
     * <p>Cutting the last 8 bytes is exact, not a heuristic: fields travel in ascending order, 64 is the
     * highest field a primary-bitmap message can carry, and it is a fixed 8-byte binary field with no length
     * prefix, so when bit 64 is set its bytes are always the final 8. This holds for any body that
     * {@link #unpack} accepts (which refuses trailing bytes); pass such a body.
     *
     * @param body MTI + bitmap + fields
     * @return a new array; the whole body when bit 64 is not set
     * @throws IllegalArgumentException if the body is null, shorter than MTI + bitmap, or has bit 64 set but is
     *                                  too short to hold the MAC
     */
    public static byte[] macBlockInput(byte[] body) {
        if (body == null || body.length < MINIMUM_BODY) {
            throw new IllegalArgumentException("message body of " + (body == null ? "null" : body.length + " bytes")
                    + " has no complete MTI and bitmap (" + MINIMUM_BODY + " bytes expected at least)");
        }
        boolean hasMac = (body[MTI_BYTES + BITMAP_BYTES - 1] & 0x01) != 0;
        if (!hasMac) {
            return body.clone();
        }
        if (body.length < MINIMUM_BODY + MAC_BYTES) {
            throw new IllegalArgumentException("message body of " + body.length + " bytes has bit " + MAC_FIELD
                    + " set but no room for the " + MAC_BYTES + "-byte MAC");
        }
        return Arrays.copyOf(body, body.length - MAC_BYTES);
    }

    private static String name(int field, ISOFieldPackager fieldPackager) {
        if (field == 0) {
            return "MTI";
        }
        String description = fieldPackager == null ? null : fieldPackager.getDescription();
        return "field " + field + (description == null ? "" : " (" + description + ")");
    }

    /** jPOS wraps the real reason in "Problem packing field n" exceptions; the innermost message is the useful one. */
    static String innermostMessage(Throwable e) {
        Throwable current = e;
        String message = e.toString();
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current.getMessage() != null) {
                message = current.getMessage();
            }
            Throwable next = current.getCause();
            if (next == null && current instanceof ISOException) {
                next = ((ISOException) current).getNested();
            }
            current = next == current ? null : next;
        }
        return message;
    }
}
