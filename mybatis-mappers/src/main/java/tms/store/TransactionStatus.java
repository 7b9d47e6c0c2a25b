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
    /** Undone by the terminal's reversal (0400); a reversed void gives its purchase back its APPROVED status. */
    REVERSED,
    /** A purchase undone by an approved void. It still counts in the batch's debit; the void counts in credit. */
    VOIDED,
    /**
     * A pre-authorisation an approved completion has taken: it cannot be completed or voided again. A void or
     * reversal of that completion gives it back its APPROVED status.
     */
    COMPLETED,
    /** A reversal of an original the host never saw: answered 00 and kept for review. */
    ORPHAN,
    /**
     * Reserved (PENDING) but never decided: the gateway that reserved it stopped before the platform's decision was
     * recorded, so the terminal got no answer. The terminal's reversal still closes it (REVERSED); until then clearing
     * staff check it with the platform. It counts in no batch total.
     */
    REVIEW
}
