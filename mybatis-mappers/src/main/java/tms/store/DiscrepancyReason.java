package tms.store;

/** Why a transaction of a reconciled batch is listed as a discrepancy. */
public enum DiscrepancyReason {
    /** The terminal uploaded it; the host has no counted row with its trace and kind. */
    MISSING_AT_HOST,
    /** The host counted it in the batch; the terminal did not upload it. */
    NOT_UPLOADED,
    /** Both have it, with different amounts. */
    AMOUNT_DIFFERS
}
