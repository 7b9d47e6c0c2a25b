package tms.store;

import java.time.Instant;

/**
 * A console sign-in account: its Argon2id password hash (PHC string with parameters and salt), whether the
 * password must be changed at the next sign-in, and the failed-login count and lock.
 */
public record ConsoleAccount(Long id, String name, String passwordHash, boolean mustChangePassword,
                             boolean disabled, int failedLogins, Instant lockedUntil, Instant createdAt,
                             String createdBy, Instant passwordChangedAt, Instant lastLoginAt) {

    /** Whether a lock is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
