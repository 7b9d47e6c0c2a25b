package tms.store;

import java.time.Instant;

/** What activation needs to know of a terminal, besides its keys: identity, state, failed tries, device key. */
public record TerminalActivation(String serialNumber, String tid, String mid, TerminalState state,
                                 int failedActivations, Instant activationLockedAt, String deviceKeyAlgorithm,
                                 String devicePublicKey, String revokedReason) {

    public boolean locked() {
        return activationLockedAt != null;
    }
}
