package tms.store;

import java.time.Instant;

/**
 * A transaction as the gateway captured it: amount in fen, the card only as first 6 / last 4 and a keyed hash
 * (never the full PAN, track data, CVV or PIN block); {@code id} may be null on insert.
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
        Instant hostTime) {
}
