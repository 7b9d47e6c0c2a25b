package tms.store;

/**
 * Where a terminal is in its life: on the shelf, trading, paused, withdrawn for good, or failed at the warehouse
 * (DEFECTIVE, waiting to go back to its factory) and gone back (SENT_TO_FACTORY).
 */
public enum TerminalState {
    IN_STOCK,
    ACTIVE,
    SUSPENDED,
    REVOKED,
    DEFECTIVE,
    SENT_TO_FACTORY
}
