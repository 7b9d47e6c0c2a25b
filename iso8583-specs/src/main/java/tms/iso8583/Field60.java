package tms.iso8583;

/**
 * Field 60 ({@code n...017}): 60.1 transaction type code n2, 60.2 batch number n6, 60.3 network management code
 * n3, 60.4 terminal read capability n1, 60.5 IC condition n1, 60.6 partial-approval flag n1, 60.7 account type
 * n3. A message carries the parts up to the last one it needs; absent trailing parts are {@code null}.
 *
 * @param typeCode       60.1, always present
 * @param batch          60.2
 * @param networkCode    60.3
 * @param readCapability 60.4
 * @param icCondition    60.5
 * @param partialFlag    60.6
 * @param accountType    60.7
 */
public record Field60(String typeCode, String batch, String networkCode, String readCapability, String icCondition,
                      String partialFlag, String accountType) {

    private static final String[] NAMES = {"60.1 type code", "60.2 batch", "60.3 network code", "60.4 read capability",
            "60.5 IC condition", "60.6 partial flag", "60.7 account type"};
    private static final int[] LENGTHS = {2, 6, 3, 1, 1, 1, 3};
    private static final int MAX_DIGITS = 17;

    /**
     * @throws IllegalArgumentException if a part is not exactly its number of digits, 60.1 is missing, or a part is
     *                                  present after an absent one (the wire has no way to skip a part)
     */
    public Field60 {
        String[] parts = {typeCode, batch, networkCode, readCapability, icCondition, partialFlag, accountType};
        if (typeCode == null) {
            throw new IllegalArgumentException("60.1 type code is required");
        }
        boolean ended = false;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                ended = true;
            } else if (ended) {
                throw new IllegalArgumentException(NAMES[i] + " is present but " + NAMES[i - 1]
                        + " is not; field 60 cannot skip a part");
            } else {
                Digits.require(NAMES[i], parts[i], LENGTHS[i]);
            }
        }
    }

    /**
     * The common shape: type code, batch and network code.
     *
     * @param typeCode    60.1, 2 digits
     * @param batch       60.2, 6 digits
     * @param networkCode 60.3, 3 digits
     * @return the field
     */
    public static Field60 of(String typeCode, String batch, String networkCode) {
        return new Field60(typeCode, batch, networkCode, null, null, null, null);
    }

    /**
     * Reads the digits of field 60 as they come out of the message.
     *
     * @param digits 2 to 17 digits ending on a part boundary (2, 8, 11, 12, 13, 14 or 17 digits)
     * @return the parts, absent ones {@code null}
     * @throws MessageFormatException if the value is null, not all digits, or its length ends inside a part
     */
    public static Field60 parse(String digits) throws MessageFormatException {
        if (digits == null) {
            throw new MessageFormatException("field 60 is missing");
        }
        if (!Digits.only(digits)) {
            throw new MessageFormatException("field 60 \"" + digits + "\" must contain only digits");
        }
        if (digits.length() > MAX_DIGITS) {
            throw new MessageFormatException("field 60 has " + digits.length() + " digits; at most " + MAX_DIGITS + " are defined");
        }
        String[] parts = new String[LENGTHS.length];
        int at = 0;
        for (int i = 0; i < LENGTHS.length && at < digits.length(); i++) {
            if (at + LENGTHS[i] > digits.length()) {
                throw new MessageFormatException("field 60 has " + digits.length() + " digits, which ends inside "
                        + NAMES[i] + " (a part boundary is 2, 8, 11, 12, 13, 14 or 17 digits)");
            }
            parts[i] = digits.substring(at, at + LENGTHS[i]);
            at += LENGTHS[i];
        }
        if (parts[0] == null) {
            throw new MessageFormatException("field 60 is empty; 60.1 type code (2 digits) is required");
        }
        return new Field60(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
    }

    /** @return the digits of the parts up to the last present one */
    public String format() {
        StringBuilder s = new StringBuilder(MAX_DIGITS);
        for (String part : new String[] {typeCode, batch, networkCode, readCapability, icCondition, partialFlag, accountType}) {
            if (part == null) {
                break;
            }
            s.append(part);
        }
        return s.toString();
    }

    /**
     * @param newBatch 6 digits, e.g. the batch a sign-in response assigns
     * @return this field with 60.2 replaced
     */
    public Field60 withBatch(String newBatch) {
        return new Field60(typeCode, newBatch, networkCode, readCapability, icCondition, partialFlag, accountType);
    }
}
