package tms.gateway;

import tms.iso8583.MaskedMessage;
import tms.store.TransactionKind;

/** What the platform is asked to authorise; the PAN is held only for the duration of the decision. */
public record AuthorisationRequest(TransactionKind kind, String tid, String mid, String pan, long amount,
                                   String currency) {

    @Override
    public String toString() {
        // never let a full PAN reach a log through toString
        return "AuthorisationRequest[" + kind + " tid=" + tid + " mid=" + mid + " pan=" + (pan == null ? "null" : MaskedMessage.truncatedPan(pan))
                + " amount=" + amount + " currency=" + currency + "]";
    }
}
