package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.SignedInTerminal;
import tms.store.TransactionKind;

/**
 * Purchase (0200, 000000, 60.1 = 22), pre-authorisation (0100, 030000, 25 = 06, 60.1 = 10) and balance inquiry
 * (0200, 310000, 60.1 = 01): checks the terminal and the request, then {@link Capture} asks the platform and
 * commits the captured row before the answer is built.
 */
public final class AuthorisationHandler implements RequestHandler {

    private final TransactionKind kind;
    private final Capture capture;

    AuthorisationHandler(TransactionKind kind, Capture capture) {
        if (kind != TransactionKind.PURCHASE && kind != TransactionKind.PRE_AUTH
                && kind != TransactionKind.BALANCE_INQUIRY) {
            throw new IllegalArgumentException(
                    "AuthorisationHandler answers purchases, pre-authorisations and balance inquiries, not " + kind);
        }
        this.kind = kind;
        this.capture = capture;
    }

    @Override
    public boolean requiresMac() {
        return true;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        // the dispatcher verified the MAC under this terminal's MAK: the TID is the terminal's own
        SignedInTerminal terminal = requester.terminal();
        String refusal = FinancialChecks.terminalRefusal(kind.toString(), terminal, request);
        if (refusal == null) {
            refusal = FinancialChecks.cardRequestRefusal(request, kind != TransactionKind.BALANCE_INQUIRY);
        }
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        long amount = kind != TransactionKind.BALANCE_INQUIRY ? Long.parseLong(request.getString(4)) : 0L;
        return capture.capture(kind, request, requester, CardNumber.of(request), amount);
    }
}
