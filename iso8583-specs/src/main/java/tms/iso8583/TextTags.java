package tms.iso8583;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tagged text values in one ans field (ours, used in field 59 of activation): each entry is a 2-character
 * tag, a 3-digit length and the value, e.g. {@code SN009SN-000001MD005P2000}.
 */
public final class TextTags {

    private TextTags() {
    }

    public static String format(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String tag = e.getKey();
            String value = e.getValue();
            if (tag.length() != 2) {
                throw new IllegalArgumentException("tag '" + tag + "' must be 2 characters");
            }
            if (value.length() > 999) {
                throw new IllegalArgumentException("value of tag " + tag + " has " + value.length()
                        + " characters; at most 999 fit");
            }
            out.append(tag).append(String.format("%03d", value.length())).append(value);
        }
        return out.toString();
    }

    /** The entries in order; a repeated tag, a bad length or a value running past the end is refused. */
    public static Map<String, String> parse(String text, int field) throws MessageFormatException {
        Map<String, String> values = new LinkedHashMap<>();
        int at = 0;
        while (at < text.length()) {
            if (at + 5 > text.length()) {
                throw new MessageFormatException("field " + field + " at " + at + ": a tag needs 2 characters and a"
                        + " 3-digit length, only " + (text.length() - at) + " left");
            }
            String tag = text.substring(at, at + 2);
            String digits = text.substring(at + 2, at + 5);
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new MessageFormatException("field " + field + " tag " + tag + ": length '" + digits
                        + "' is not 3 digits");
            }
            int length = Integer.parseInt(digits);
            if (at + 5 + length > text.length()) {
                throw new MessageFormatException("field " + field + " tag " + tag + ": length " + length
                        + " runs past the end of the field");
            }
            if (values.put(tag, text.substring(at + 5, at + 5 + length)) != null) {
                throw new MessageFormatException("field " + field + ": tag " + tag + " appears twice");
            }
            at += 5 + length;
        }
        return values;
    }
}
