package tms.simulator;

/** What the host answered to a financial request, and whether its MAC verified. */
public record TransactionResult(String responseCode, String rrn, String authCode, String trace, String batch,
                                boolean responseMacVerified, String balanceField) {

    public boolean approved() {
        return "00".equals(responseCode);
    }
}
