package tms.iso8583;

/**
 * Field 61 ({@code n...029}) of a void, refund or completion: the original transaction's batch n6 and trace n6,
 * and its date MMDD n4 where the message carries one.
 *
 * @param batch original batch number, 6 digits
 * @param trace original trace number (field 11), 6 digits
 * @param date  original date MMDD, 4 digits, or {@code null}
 */
public record OriginalData(String batch, String trace, String date) {

    /** @throws IllegalArgumentException if a part is not exactly its number of digits */
    public OriginalData {
        Digits.require("61.1 original batch", batch, 6);
        Digits.require("61.2 original trace", trace, 6);
        if (date != null) {
            Digits.require("61.3 original date", date, 4);
        }
    }

    /**
     * @param digits 12 digits (batch + trace) or 16 (+ date)
     * @return the parts
     * @throws MessageFormatException if the value is not 12 or 16 digits
     */
    public static OriginalData parse(String digits) throws MessageFormatException {
        if (digits == null) {
            throw new MessageFormatException("field 61 is missing; the original batch and trace go there");
        }
        if ((digits.length() != 12 && digits.length() != 16) || !Digits.only(digits)) {
            throw new MessageFormatException("field 61 \"" + digits + "\" must be 12 digits (batch + trace) or 16 (batch + trace + MMDD)");
        }
        return new OriginalData(digits.substring(0, 6), digits.substring(6, 12), digits.length() == 16 ? digits.substring(12) : null);
    }

    /** @return batch + trace (+ date) */
    public String format() {
        return batch + trace + (date == null ? "" : date);
    }
}
