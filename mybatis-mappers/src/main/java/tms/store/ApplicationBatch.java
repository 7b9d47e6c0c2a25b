package tms.store;

import java.time.Instant;

/** Applications sent to the payment platform together; the file sent is fetched on its own (it may be large). */
public record ApplicationBatch(Long id, String createdBy, Instant createdAt, int applicationCount) {
}
