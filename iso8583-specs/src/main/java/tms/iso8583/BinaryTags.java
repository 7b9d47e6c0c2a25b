package tms.iso8583;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tagged binary values in one b field (ours, used in field 62 of activation): each entry is a 1-byte tag,
 * a 2-byte big-endian length and the value.
 */
public final class BinaryTags {

    private BinaryTags() {
    }

    public static byte[] format(Map<Integer, byte[]> values) {
        int size = 0;
        for (byte[] v : values.values()) {
            size += 3 + v.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            int tag = e.getKey();
            byte[] value = e.getValue();
            if (tag < 1 || tag > 255) {
                throw new IllegalArgumentException("tag " + tag + " must be 1..255");
            }
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("value of tag " + tag + " has " + value.length + " bytes; at most 65535");
            }
            out[at] = (byte) tag;
            out[at + 1] = (byte) (value.length >> 8);
            out[at + 2] = (byte) value.length;
            System.arraycopy(value, 0, out, at + 3, value.length);
            at += 3 + value.length;
        }
        return out;
    }

    /** The entries in order; a repeated tag, a zero tag or a value running past the end is refused. */
    public static Map<Integer, byte[]> parse(byte[] bytes, int field) throws MessageFormatException {
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        int at = 0;
        while (at < bytes.length) {
            if (at + 3 > bytes.length) {
                throw new MessageFormatException("field " + field + " at byte " + at + ": a tag needs 1 byte and a"
                        + " 2-byte length, only " + (bytes.length - at) + " left");
            }
            int tag = bytes[at] & 0xFF;
            int length = ((bytes[at + 1] & 0xFF) << 8) | (bytes[at + 2] & 0xFF);
            if (tag == 0) {
                throw new MessageFormatException("field " + field + " at byte " + at + ": tag 0 is not a tag");
            }
            if (at + 3 + length > bytes.length) {
                throw new MessageFormatException("field " + field + " tag " + tag + ": length " + length
                        + " runs past the end of the field");
            }
            if (values.put(tag, Arrays.copyOfRange(bytes, at + 3, at + 3 + length)) != null) {
                throw new MessageFormatException("field " + field + ": tag " + tag + " appears twice");
            }
            at += 3 + length;
        }
        return values;
    }
}
