package tms.gateway;

import tms.hsm.WrappedKey;
import tms.iso8583.MaskedMessage;
import tms.store.TransactionKind;

/**
 * What the platform is asked to authorise; the PAN and PIN block are held only for the duration of the decision.
 *
 * @param rrn        the host's retrieval reference number (37), by which the upstream answer is matched; may be null
 * @param entryMode  field 22 as the terminal sent it; may be null
 * @param pinBlock   field 52 under the terminal's PIK, or null when no PIN was entered
 * @param pik        the terminal's PIK (a handle) when a PIN block is present
 */
public record AuthorisationRequest(TransactionKind kind, String tid, String mid, String pan, long amount,
                                   String currency, String rrn, String entryMode, byte[] pinBlock, WrappedKey pik) {

    /** A request without a PIN, reference number or entry mode (the stand-in needs none of them). */
    public AuthorisationRequest(TransactionKind kind, String tid, String mid, String pan, long amount, String currency) {
        this(kind, tid, mid, pan, amount, currency, null, null, null, null);
    }

    @Override
    public String toString() {
        // never let a full PAN or a PIN block reach a log through toString
        return "AuthorisationRequest[" + kind + " tid=" + tid + " mid=" + mid + " pan=" + (pan == null ? "null" : MaskedMessage.truncatedPan(pan))
                + " amount=" + amount + " currency=" + currency + " rrn=" + rrn + " pin=" + (pinBlock == null ? "no" : "yes")
                + "]";
    }
}
