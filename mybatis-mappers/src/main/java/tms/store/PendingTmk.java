package tms.store;

import java.time.Instant;

/**
 * A terminal as a re-key needs it: who it is, the device key its TMK travels under, and the new TMK waiting
 * for it (LMK-wrapped; null fields when no re-key is ordered).
 */
public record PendingTmk(String serialNumber, String tid, String mid, TerminalState state, String tmkCheckValue,
                         String pendingTmkWrapped, String pendingTmkCheckValue, Instant rekeyOrderedAt,
                         Instant pendingTmkSentAt, String deviceKeyAlgorithm, String devicePublicKey) {

    /** Whether a new TMK waits for this terminal. */
    public boolean ordered() {
        return pendingTmkWrapped != null;
    }

    @Override
    public String toString() {
        return "PendingTmk[" + serialNumber + ", " + tid + ", " + state + ", tmk cv " + tmkCheckValue + ", pending cv "
                + pendingTmkCheckValue + ", ordered " + rekeyOrderedAt + ", sent " + pendingTmkSentAt + "]";
    }
}
