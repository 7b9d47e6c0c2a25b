package tms.iso8583;

import java.util.ArrayList;
import java.util.List;

/**
 * Field 48 of a batch upload detail (0320, 60.3 = 201), a layout of ours (docs/protocol.md): n2 count, then per
 * transaction its 60.1 type code n2 (22 purchase, 23 void, 25 refund), its trace n6, the card's length n2 and
 * digits n19 (left-aligned, zero-filled), and its amount in fen n12 — 41 digits each, at most 7 per message so
 * the field stays within its 322 digits.
 *
 * @param entries 1 to {@link #MAX_ENTRIES} transactions
 */
public record BatchUploadDetails(List<Entry> entries) {

    /** Transactions one message carries at most: 2 + 7 × 41 = 289 of the field's 322 digits. */
    public static final int MAX_ENTRIES = 7;
    private static final int ENTRY_DIGITS = 41;

    /**
     * One uploaded transaction.
     *
     * @param typeCode its 60.1, 2 digits
     * @param trace    its trace (field 11), 6 digits
     * @param pan      its card number, 12 to 19 digits
     * @param amount   fen, 0..999999999999
     */
    public record Entry(String typeCode, String trace, String pan, long amount) {

        /** @throws IllegalArgumentException if a part does not fit its digits */
        public Entry {
            Digits.require("type code", typeCode, 2);
            Digits.require("trace", trace, 6);
            if (pan == null || pan.length() < 12 || pan.length() > 19 || !Digits.only(pan)) {
                throw new IllegalArgumentException("card number must be 12 to 19 digits");
            }
            if (amount < 0 || amount > 999_999_999_999L) {
                throw new IllegalArgumentException("amount " + amount + " does not fit 12 digits");
            }
        }

        @Override
        public String toString() {
            // never let a full PAN reach a log through toString
            return "Entry[" + typeCode + " trace " + trace + " card " + MaskedMessage.truncatedPan(pan) + " amount "
                    + amount + "]";
        }
    }

    /** @throws IllegalArgumentException if there are no entries or more than {@link #MAX_ENTRIES} */
    public BatchUploadDetails {
        if (entries == null || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a batch upload carries 1 to " + MAX_ENTRIES + " transactions, not "
                    + (entries == null ? 0 : entries.size()));
        }
        entries = List.copyOf(entries);
    }

    /**
     * @param digits field 48 as it comes out of the message
     * @return the transactions
     * @throws MessageFormatException if the count or the length is wrong or a part is not digits
     */
    public static BatchUploadDetails parse(String digits) throws MessageFormatException {
        if (digits == null || digits.length() < 2 || !Digits.only(digits)) {
            throw new MessageFormatException("field 48 of a batch upload must be digits: a 2-digit count, then "
                    + ENTRY_DIGITS + " digits per transaction");
        }
        int count = Integer.parseInt(digits.substring(0, 2));
        if (count < 1 || count > MAX_ENTRIES || digits.length() != 2 + count * ENTRY_DIGITS) {
            throw new MessageFormatException("field 48 of a batch upload counts " + count + " transactions in "
                    + digits.length() + " digits; expected 1 to " + MAX_ENTRIES + " transactions of " + ENTRY_DIGITS
                    + " digits after the count");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0, at = 2; i < count; i++, at += ENTRY_DIGITS) {
            int panLength = Integer.parseInt(digits.substring(at + 8, at + 10));
            if (panLength < 12 || panLength > 19) {
                throw new MessageFormatException("transaction " + (i + 1) + " of the batch upload gives a card length of "
                        + panLength + "; 12 to 19 expected");
            }
            entries.add(new Entry(digits.substring(at, at + 2), digits.substring(at + 2, at + 8),
                    digits.substring(at + 10, at + 10 + panLength), Long.parseLong(digits.substring(at + 29, at + 41))));
        }
        return new BatchUploadDetails(entries);
    }

    /** @return the digits of field 48 */
    public String format() {
        StringBuilder s = new StringBuilder(2 + entries.size() * ENTRY_DIGITS);
        s.append(String.format("%02d", entries.size()));
        for (Entry e : entries) {
            s.append(e.typeCode()).append(e.trace()).append(String.format("%02d", e.pan().length()))
                    .append(e.pan()).append("0".repeat(19 - e.pan().length()))
                    .append(String.format("%012d", e.amount()));
        }
        return s.toString();
    }
}
