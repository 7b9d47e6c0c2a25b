package tms.store;

/** How a captured transaction stands now. */
public enum TransactionStatus {
    APPROVED,
    DECLINED,
    REVERSED,
    VOIDED
}
