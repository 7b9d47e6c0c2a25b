package tms.store;

/** What a captured message asked for. */
public enum TransactionKind {
    BALANCE_INQUIRY,
    PURCHASE,
    PURCHASE_VOID,
    REFUND,
    PRE_AUTH,
    REVERSAL
}
