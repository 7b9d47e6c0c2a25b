package tms.store;

import java.time.Instant;

/** A difference between a terminal's uploaded batch and the host's capture; an amount is null on the side that lacks the row. */
public record BatchDiscrepancy(Long id, String tid, String batch, String trace, TransactionKind kind,
                               DiscrepancyReason reason, Long hostAmount, Long terminalAmount, Instant foundAt) {
}
