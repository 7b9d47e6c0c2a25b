package tms.store;

/** Where a terminal is in its life: on the shelf, trading, paused, or withdrawn for good. */
public enum TerminalState {
    IN_STOCK,
    ACTIVE,
    SUSPENDED,
    REVOKED
}
