package tms.store;

import java.time.Instant;

/** A single-use activation code for one serial number and merchant; only its keyed hash is stored. */
public record ActivationCode(Long id, String serialNumber, String mid, String codeHash, String issuedBy,
                             Instant issuedAt, Instant expiresAt, Instant usedAt, Instant withdrawnAt) {

    /** Neither used nor withdrawn; it may still have expired. */
    public boolean open() {
        return usedAt == null && withdrawnAt == null;
    }
}
