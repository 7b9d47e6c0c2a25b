package tms.store;

import java.time.Instant;

/** A captured transaction as the console lists it: the card only as first 6 and last 4, never its hash. */
public record TransactionSummary(Instant hostTime, TransactionKind kind, long amount, String currency,
                                 String panFirst6, String panLast4, String responseCode, TransactionStatus status,
                                 String batch, String trace, String rrn) {

    /** The card as shown: first 6, six asterisks, last 4 (empty when the transaction had no card). */
    public String maskedCard() {
        if (panFirst6 == null || panLast4 == null) {
            return "";
        }
        return panFirst6 + "******" + panLast4;
    }
}
