package tms.store;

import java.time.Instant;

/** A console API token: only its SHA-256 and first characters are kept; revoked tokens stay listed. */
public record ConsoleApiToken(Long id, long accountId, String label, String tokenPrefix, String tokenHash,
                              Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
