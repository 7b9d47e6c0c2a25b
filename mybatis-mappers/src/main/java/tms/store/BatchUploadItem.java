package tms.store;

import java.time.Instant;

/**
 * One transaction as a terminal uploaded it after an unbalanced settlement; {@code typeCode} is its 60.1 (22
 * purchase, 23 void, 25 refund), the card only as first 6 / last 4 and a keyed hash.
 */
public record BatchUploadItem(Long id, String tid, String batch, String trace, String typeCode, long amount,
                              String panFirst6, String panLast4, String panHash, Instant uploadedAt) {
}
