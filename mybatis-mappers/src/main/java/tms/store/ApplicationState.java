package tms.store;

/**
 * Where an application is in user management's hands (DOMAIN.md, the terminal's life, step 4); the transitions
 * between them are made in one place, {@code tms.admin.ActivationApplications}.
 */
public enum ApplicationState {
    /** Entered (or corrected and entered again), waiting for the first review. */
    SUBMITTED,
    /** The papers are complete and clear; waiting to be batched to the platform. */
    APPROVED_FIRST_REVIEW,
    /** Incomplete or unclear papers, sent back with a reason; corrected papers resubmit it. */
    REJECTED,
    /** Sent to the platform in a batch, waiting for its answer. */
    BATCHED,
    PLATFORM_APPROVED,
    PLATFORM_REFUSED,
    /** The merchant was told the result (or the reason for refusal). */
    CALLED_BACK,
    /** The papers are filed; nothing more happens to it. */
    ARCHIVED,
    /** The merchant gave up before the platform saw it; nothing more happens to it. */
    WITHDRAWN;

    /** Waiting for a decision: only one such application per terminal at a time. */
    public boolean undecided() {
        return this == SUBMITTED || this == APPROVED_FIRST_REVIEW || this == REJECTED || this == BATCHED;
    }

    /** Counting towards the 1-2 working-day target (from complete papers to the platform's answer). */
    public boolean onTheClock() {
        return this == SUBMITTED || this == APPROVED_FIRST_REVIEW || this == BATCHED;
    }
}
