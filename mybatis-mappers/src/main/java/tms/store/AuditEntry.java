package tms.store;

import java.time.Instant;

/**
 * One line of the audit log: who did what to which subject, from where, with what outcome, and the state
 * before and after. Never holds a key, a PIN, a full card number or an activation code.
 */
public record AuditEntry(Long id, Instant recordedAt, String actor, String action, String subject,
                         String sourceAddress, String outcome, String detail, String beforeState,
                         String afterState) {
}
