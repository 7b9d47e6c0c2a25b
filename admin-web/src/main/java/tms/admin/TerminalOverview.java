package tms.admin;

import java.util.List;

import tms.store.StateChange;
import tms.store.TerminalDetail;
import tms.store.TerminalState;
import tms.store.TransactionSummary;

/**
 * A terminal's page: its detail (no key, check values only), its state history (newest first) and its latest
 * transactions (card masked).
 */
public record TerminalOverview(TerminalDetail detail, List<StateChange> history, List<TransactionSummary> transactions) {

    /**
     * Whether the terminal has an open session: it is ACTIVE and holds the working keys of a sign-in. The gateway
     * accepts a financial message under those keys, on any connection and any node, until the terminal signs off
     * or in again, is re-keyed (confirming a new TMK clears them) or revoked; {@code signed_in_at} says when the
     * session began and {@code last_seen} when the terminal last sent anything. Not a timer: the gateway lets no
     * session expire by age.
     */
    public boolean sessionOpen() {
        return detail.state() == TerminalState.ACTIVE && detail.workingKeysHeld() && detail.signedInAt() != null;
    }

    /** Whether failed activation tries (five lock the serial) wait to be cleared by an unlock. */
    public boolean unlockable() {
        return detail.activationLockedAt() != null || detail.failedActivations() > 0;
    }
}
