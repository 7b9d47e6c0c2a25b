package tms.store;

import java.time.Instant;

/**
 * An activation, change or revocation application as stored. The merchant's ID number is only here as its keyed hash
 * ({@code idHash}) and masked form ({@code idMasked}); {@code province} is the two-digit GB/T 2260 code.
 */
public record ActivationApplication(
        Long id,
        ApplicationKind kind,
        ApplicationState state,
        String serialNumber,
        String mid,
        String merchantName,
        String province,
        String region,
        String address,
        String contactPhone,
        String idHash,
        String idMasked,
        Instant createdAt,
        String submittedBy,
        Instant submittedAt,
        String assignee,
        String reviewedBy,
        Instant reviewedAt,
        String rejectionReason,
        Long batchId,
        String platformResult,
        String platformReason,
        String platformBy,
        Instant platformAt,
        String calledBackBy,
        Instant calledBackAt,
        String callBackNotes,
        String closedBy,
        Instant closedAt,
        String withdrawalReason,
        Instant updatedAt) {

    /** A new application as entered: SUBMITTED, nothing decided yet. */
    public static ActivationApplication submitted(ApplicationKind kind, String serialNumber, String mid,
                                                  String merchantName, String province, String region,
                                                  String address, String contactPhone, String idHash,
                                                  String idMasked, String submittedBy, Instant at) {
        return new ActivationApplication(null, kind, ApplicationState.SUBMITTED, serialNumber, mid, merchantName,
                province, region, address, contactPhone, idHash, idMasked, at, submittedBy, at, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, at);
    }
}
