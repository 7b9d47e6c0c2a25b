package tms.store;

import java.time.Instant;

/**
 * Everything the terminal page shows of a terminal, and no key: only the check values of its TMK and of a TMK
 * waiting for it, and whether it holds working keys (signed in since they were last cleared).
 */
public record TerminalDetail(
        long id,
        String serialNumber,
        String psamNumber,
        String simIccid,
        String model,
        String tid,
        String mid,
        String serviceProvider,
        TerminalState state,
        String revokedReason,
        String inspection,
        Instant inspectedAt,
        String defectReason,
        String tmkCheckValue,
        String pendingTmkCheckValue,
        Instant rekeyOrderedAt,
        String deviceKeyAlgorithm,
        int failedActivations,
        Instant activationLockedAt,
        Instant lastSeen,
        Instant signedInAt,
        boolean workingKeysHeld,
        Instant createdAt,
        Instant updatedAt) {
}
