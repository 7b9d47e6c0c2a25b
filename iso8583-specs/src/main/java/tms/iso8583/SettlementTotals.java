package tms.iso8583;

/**
 * Field 48 of a settlement (0500/0510), 62 digits: domestic debit amount n12 + count n3, domestic credit amount
 * n12 + count n3, domestic result n1, then the same five for foreign cards. Debit = purchases and completions,
 * credit = voids and refunds; amounts in fen. The host fills the result digits in the 0510: 1 balanced,
 * 2 unbalanced, 3 error (0 in the terminal's request).
 *
 * @param domesticDebitAmount  fen, 0..999999999999
 * @param domesticDebitCount   0..999
 * @param domesticCreditAmount fen
 * @param domesticCreditCount  0..999
 * @param domesticResult       0..9
 * @param foreignDebitAmount   fen
 * @param foreignDebitCount    0..999
 * @param foreignCreditAmount  fen
 * @param foreignCreditCount   0..999
 * @param foreignResult        0..9
 */
public record SettlementTotals(long domesticDebitAmount, int domesticDebitCount, long domesticCreditAmount,
                               int domesticCreditCount, int domesticResult, long foreignDebitAmount, int foreignDebitCount,
                               long foreignCreditAmount, int foreignCreditCount, int foreignResult) {

    /** Digits of the field. */
    public static final int LENGTH = 62;
    /** Result digit: the host's totals agree with the terminal's. */
    public static final int BALANCED = 1;
    /** Result digit: they do not; the terminal uploads its batch. */
    public static final int UNBALANCED = 2;
    /** Result digit: the host could not reconcile. */
    public static final int ERROR = 3;

    private static final long MAX_AMOUNT = 999_999_999_999L;

    /** @throws IllegalArgumentException if a value does not fit its digits */
    public SettlementTotals {
        amount("domestic debit amount", domesticDebitAmount);
        count("domestic debit count", domesticDebitCount);
        amount("domestic credit amount", domesticCreditAmount);
        count("domestic credit count", domesticCreditCount);
        digit("domestic result", domesticResult);
        amount("foreign debit amount", foreignDebitAmount);
        count("foreign debit count", foreignDebitCount);
        amount("foreign credit amount", foreignCreditAmount);
        count("foreign credit count", foreignCreditCount);
        digit("foreign result", foreignResult);
    }

    private static void amount(String what, long value) {
        if (value < 0 || value > MAX_AMOUNT) {
            throw new IllegalArgumentException(what + " " + value + " does not fit 12 digits (0.." + MAX_AMOUNT + " fen)");
        }
    }

    private static void count(String what, int value) {
        if (value < 0 || value > 999) {
            throw new IllegalArgumentException(what + " " + value + " does not fit 3 digits (0..999)");
        }
    }

    private static void digit(String what, int value) {
        if (value < 0 || value > 9) {
            throw new IllegalArgumentException(what + " " + value + " is not one digit (0..9)");
        }
    }

    /**
     * @param digits the 62 digits of field 48
     * @return the totals
     * @throws MessageFormatException if the value is not exactly 62 digits
     */
    public static SettlementTotals parse(String digits) throws MessageFormatException {
        if (digits == null) {
            throw new MessageFormatException("field 48 is missing; a settlement carries its totals there");
        }
        if (digits.length() != LENGTH || !Digits.only(digits)) {
            throw new MessageFormatException("field 48 settlement totals must be exactly " + LENGTH + " digits, got "
                    + digits.length() + (Digits.only(digits) ? " digits" : " characters including non-digits"));
        }
        return new SettlementTotals(
                Long.parseLong(digits.substring(0, 12)), Integer.parseInt(digits.substring(12, 15)),
                Long.parseLong(digits.substring(15, 27)), Integer.parseInt(digits.substring(27, 30)),
                digits.charAt(30) - '0',
                Long.parseLong(digits.substring(31, 43)), Integer.parseInt(digits.substring(43, 46)),
                Long.parseLong(digits.substring(46, 58)), Integer.parseInt(digits.substring(58, 61)),
                digits.charAt(61) - '0');
    }

    /** @return the 62 digits of field 48 */
    public String format() {
        return String.format("%012d%03d%012d%03d%d%012d%03d%012d%03d%d",
                domesticDebitAmount, domesticDebitCount, domesticCreditAmount, domesticCreditCount, domesticResult,
                foreignDebitAmount, foreignDebitCount, foreignCreditAmount, foreignCreditCount, foreignResult);
    }

    /**
     * The totals as the host answers them.
     *
     * @param domestic result digit for domestic cards ({@link #BALANCED}, {@link #UNBALANCED}, {@link #ERROR})
     * @param foreign  result digit for foreign cards
     * @return these totals with both result digits replaced
     */
    public SettlementTotals withResults(int domestic, int foreign) {
        return new SettlementTotals(domesticDebitAmount, domesticDebitCount, domesticCreditAmount, domesticCreditCount, domestic,
                foreignDebitAmount, foreignDebitCount, foreignCreditAmount, foreignCreditCount, foreign);
    }
}
