package tms.simulator;

/**
 * What the host answered to a financial request, and whether its MAC verified.
 *
 * @param date the host's date of the answer (field 13, MMDD), which a later request names in 61.3; may be null
 */
public record TransactionResult(String responseCode, String rrn, String authCode, String trace, String batch,
                                boolean responseMacVerified, String balanceField, String date) {

    /** A result without a date, e.g. one a test or an operator describes from a receipt. */
    public TransactionResult(String responseCode, String rrn, String authCode, String trace, String batch,
                             boolean responseMacVerified, String balanceField) {
        this(responseCode, rrn, authCode, trace, batch, responseMacVerified, balanceField, null);
    }

    public boolean approved() {
        return "00".equals(responseCode);
    }
}
