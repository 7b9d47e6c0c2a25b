package tms.admin;

import java.time.Instant;

/** An API token as its owner's list shows it: label, first characters, dates; never the token. */
public record ApiTokenSummary(long id, String label, String prefix, Instant createdAt, Instant lastUsedAt,
                              Instant revokedAt) {
}
