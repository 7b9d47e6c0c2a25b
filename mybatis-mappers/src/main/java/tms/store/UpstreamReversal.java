package tms.store;

import java.time.Instant;

/**
 * A reversal owed to the upstream platform (V6): the original's platform TID, MID, STAN and RRN, what it was for, why
 * it is reversed (39: 98 timeout, 96 unusable answer), and how the retries stand. No card number: the platform
 * matches by TID + STAN + RRN.
 */
public record UpstreamReversal(Long id, String tid, String mid, String stan, String rrn, String processingCode,
                               long amount, String currency, String reason, int attempts, Instant nextAttemptAt,
                               Instant createdAt, Instant acknowledgedAt, String lastResponse) {

    /** A new reversal, due at once. */
    public static UpstreamReversal owed(String tid, String mid, String stan, String rrn, String processingCode,
                                        long amount, String currency, String reason, Instant now) {
        return new UpstreamReversal(null, tid, mid, stan, rrn, processingCode, amount, currency, reason, 0, now, now,
                null, null);
    }
}
