package tms.gateway;

/** Values of the header's processing-requirement nibble that this host sets in its answers (PROTOCOL.md §1). */
final class ProcessingRequirement {

    /** Nothing to do. */
    static final int NONE = 0;
    /** Sign in again: the working keys the terminal holds are no longer valid. */
    static final int SIGN_IN_AGAIN = 3;
    /**
     * A new TMK waits for the terminal: fetch it with a TMK download (602). Ours (docs/protocol.md): CUP
     * defines 0..7, so 8 cannot be mistaken by a terminal for one of its duties.
     */
    static final int FETCH_NEW_TMK = 8;

    private ProcessingRequirement() {
    }
}
