package tms.simulator;

import java.io.IOException;

import org.jpos.iso.ISOMsg;

import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;

/**
 * The reversal a CUP terminal owes for a financial request it sent and heard no answer to: the request is kept
 * (as a terminal keeps it in its flash) across connections and sign-ins, and repeated as a 0400 with reason 98
 * before the terminal's next transaction, until the host answers 00.
 */
public final class PendingReversal {

    /** 39 of a reversal for a request that got no answer in time. */
    public static final String NO_ANSWER = "98";

    private final ISOMsg original;
    private final String trace;
    private final String batch;

    /** @param original the financial request that got no answer, as sent (a copy is kept) */
    public PendingReversal(ISOMsg original) {
        this.original = (ISOMsg) original.clone();
        this.trace = original.getString(11);
        try {
            this.batch = Field60.parse(original.getString(60)).batch();
        } catch (MessageFormatException e) {
            throw new IllegalArgumentException("the request has no readable field 60: " + e.getMessage(), e);
        }
    }

    /** Sends the reversal on {@code terminal} (signed in); returns the host's response code, 00 when it is done. */
    public String sendOn(SimulatedTerminal terminal) throws IOException {
        return terminal.reverse(original, NO_ANSWER);
    }

    /** The original's trace (field 11). */
    public String trace() {
        return trace;
    }

    /** The original's batch (60.2). */
    public String batch() {
        return batch;
    }
}
