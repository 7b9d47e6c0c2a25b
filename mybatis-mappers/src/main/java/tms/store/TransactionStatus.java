package tms.store;

/** How a captured transaction stands now. */
public enum TransactionStatus {
    /**
     * Reserved before the platform is asked, so that a copy of the request on another connection finds it
     * taken; a row left PENDING by a crash was never answered and is for the terminal's reversal or review.
     */
    PENDING,
    APPROVED,
    DECLINED,
    REVERSED,
    VOIDED
}
