package tms.store;

/** What a captured message asked for. */
public enum TransactionKind {
    BALANCE_INQUIRY,
    PURCHASE,
    PURCHASE_VOID,
    REFUND,
    /** A pre-authorisation: holds an amount on the card; it moves no money and counts in no batch total. */
    PRE_AUTH,
    /** The void of a pre-authorisation, releasing the hold; counts in no batch total either. */
    PRE_AUTH_VOID,
    /** A pre-authorisation's completion, which takes (up to) the held amount: a debit, as a purchase is. */
    PRE_AUTH_COMPLETION,
    /** The void of a completion: a credit, as a purchase's void is. The longest name the kind column holds. */
    PRE_AUTH_COMPLETION_VOID,
    REVERSAL
}
