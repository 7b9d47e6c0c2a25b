package tms.simulator;

import java.io.IOException;

import org.jpos.iso.ISOMsg;

/**
 * A terminal that outlives its connections, as a CUP terminal does: it dials and signs in whenever it has no
 * connection, a purchase it sent but heard no answer to (connection lost, timeout) becomes its pending reversal,
 * and it buys nothing more until the host has answered that reversal 00.
 */
public final class AutoReversingTerminal implements AutoCloseable {

    /** Connects a fresh, signed-in terminal (e.g. {@code () -> loadTerminals.dial(index)}). */
    @FunctionalInterface
    public interface Dialler {
        SimulatedTerminal dial() throws IOException;
    }

    /** A purchase that was sent and got no answer: it is now the pending reversal. */
    public static final class NoAnswer extends IOException {

        private final PendingReversal owed;

        NoAnswer(PendingReversal owed, IOException cause) {
            super("no answer to the purchase of batch " + owed.batch() + " trace " + owed.trace() + " ("
                    + cause.getMessage() + "): a reversal is owed", cause);
            this.owed = owed;
        }

        public PendingReversal owed() {
            return owed;
        }
    }

    /** The host answered the pending reversal with something other than 00: it stays owed. */
    public static final class ReversalRefused extends IOException {

        private final String responseCode;

        ReversalRefused(PendingReversal owed, String responseCode) {
            super("the reversal of batch " + owed.batch() + " trace " + owed.trace() + " was answered " + responseCode
                    + ": still owed");
            this.responseCode = responseCode;
        }

        public String responseCode() {
            return responseCode;
        }
    }

    private final Dialler dialler;
    private SimulatedTerminal connection;
    private PendingReversal owed;

    public AutoReversingTerminal(Dialler dialler) {
        this.dialler = dialler;
    }

    /**
     * Sends the pending reversal, if there is one; a 00 settles it.
     *
     * @return the host's response code, or null when nothing was owed
     * @throws IOException no connection, or no answer (the reversal stays owed)
     */
    public String reverseOwed() throws IOException {
        if (owed == null) {
            return null;
        }
        String code;
        try {
            code = owed.sendOn(connected());
        } catch (IOException e) {
            drop();
            throw e;
        }
        if ("00".equals(code)) {
            owed = null;
        }
        return code;
    }

    /**
     * A purchase, after the pending reversal (if any) is settled.
     *
     * @throws NoAnswer         the purchase was sent and no answer came: it is now owed a reversal
     * @throws ReversalRefused  the pending reversal was answered, not 00; no purchase was sent
     * @throws IOException      no connection, or no answer to the pending reversal; no purchase was sent
     */
    public TransactionResult purchase(long amountFen, String pan) throws IOException {
        String reversal = reverseOwed();
        if (owed != null) {
            throw new ReversalRefused(owed, reversal);
        }
        SimulatedTerminal terminal = connected();
        ISOMsg before = terminal.lastFinancialRequest();
        try {
            return terminal.purchase(amountFen, pan);
        } catch (IOException e) {
            drop();
            ISOMsg sent = terminal.lastFinancialRequest();
            if (sent == null || before != null && before.getString(11).equals(sent.getString(11))) {
                throw e; // it failed before the request was made: nothing went out
            }
            // the request was written (or being written) when this was thrown: the host may have it
            owed = new PendingReversal(sent);
            throw new NoAnswer(owed, e);
        }
    }

    /** The reversal owed, or null. */
    public PendingReversal owed() {
        return owed;
    }

    private SimulatedTerminal connected() throws IOException {
        if (connection == null) {
            connection = dialler.dial();
        }
        return connection;
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // a connection that failed is abandoned either way
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
