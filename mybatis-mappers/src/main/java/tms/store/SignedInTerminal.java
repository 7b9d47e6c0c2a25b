package tms.store;

import java.time.Instant;

/**
 * A terminal as a financial message needs it: state, merchant, batch, and the working keys of its last
 * sign-in, wrapped under the LMK (null when it has not signed in since its keys were last cleared); and
 * whether a new TMK waits for it, which every answer then signals.
 */
public record SignedInTerminal(String tid, String mid, TerminalState state, String currentBatch, String pikWrapped,
                               String makWrapped, String tdkWrapped, Instant signedInAt, boolean rekeyPending) {

    @Override
    public String toString() {
        return "SignedInTerminal[" + tid + ", " + mid + ", " + state + ", batch " + currentBatch + ", signed in "
                + signedInAt + (rekeyPending ? ", re-key pending" : "") + "]";
    }
}
