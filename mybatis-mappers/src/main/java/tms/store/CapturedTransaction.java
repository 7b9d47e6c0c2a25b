package tms.store;

import java.time.Instant;

/**
 * A transaction as the gateway captured it: amount in fen, the card only as first 6 / last 4 and a keyed hash
 * (never the full PAN, track data, CVV or PIN block); {@code id} may be null on insert. {@code originalId} is
 * the row a void, refund or reversal acts on (null for an orphan reversal), {@code reasonCode} a reversal's
 * field 39, {@code requestHash} and {@code responseFields} what answers a byte-identical retransmission.
 */
public record CapturedTransaction(
        Long id,
        String tid,
        String mid,
        String batch,
        String trace,
        String rrn,
        String authCode,
        String mti,
        String processingCode,
        TransactionKind kind,
        long amount,
        String currency,
        String panFirst6,
        String panLast4,
        String panHash,
        String entryMode,
        String responseCode,
        TransactionStatus status,
        String terminalDate,
        String terminalTime,
        Instant hostTime,
        Long originalId,
        String reasonCode,
        String requestHash,
        String responseFields) {

    /** A row that refers to no other and keeps no answer (a purchase before its answer, a test row). */
    public CapturedTransaction(Long id, String tid, String mid, String batch, String trace, String rrn, String authCode,
                               String mti, String processingCode, TransactionKind kind, long amount, String currency,
                               String panFirst6, String panLast4, String panHash, String entryMode, String responseCode,
                               TransactionStatus status, String terminalDate, String terminalTime, Instant hostTime) {
        this(id, tid, mid, batch, trace, rrn, authCode, mti, processingCode, kind, amount, currency, panFirst6, panLast4,
                panHash, entryMode, responseCode, status, terminalDate, terminalTime, hostTime, null, null, null, null);
    }

    /**
     * This row with its decision: the auth code, response code, status and the answer a retransmission gets back.
     * For a row written once with its decision, where no PENDING row came first.
     */
    public CapturedTransaction decided(String authCode, String responseCode, TransactionStatus status,
                                       String responseFields) {
        return new CapturedTransaction(id, tid, mid, batch, trace, rrn, authCode, mti, processingCode, kind, amount,
                currency, panFirst6, panLast4, panHash, entryMode, responseCode, status, terminalDate, terminalTime,
                hostTime, originalId, reasonCode, requestHash, responseFields);
    }
}
