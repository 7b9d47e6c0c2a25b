package tms.admin;

import java.time.Instant;
import java.util.Set;

import tms.admin.console.Role;

/** A console account as the user pages and API show it: never its password hash. */
public record AccountSummary(String name, Set<Role> roles, boolean disabled, boolean locked, Instant lockedUntil,
                             int failedLogins, boolean mustChangePassword, Instant createdAt, String createdBy,
                             Instant lastLoginAt) {
}
