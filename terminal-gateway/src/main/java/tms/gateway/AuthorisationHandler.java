package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.SignedInTerminal;
import tms.store.TransactionKind;

/**
 * Purchase (0200, 000000, 60.1 = 22) and balance inquiry (0200, 310000, 60.1 = 01): checks the terminal
 * and the request, then {@link Capture} asks the platform and commits the captured row before the 0210 is built.
 */
public final class AuthorisationHandler implements RequestHandler {

    private final TransactionKind kind;
    private final Capture capture;

    AuthorisationHandler(TransactionKind kind, Capture capture) {
        if (kind != TransactionKind.PURCHASE && kind != TransactionKind.BALANCE_INQUIRY) {
            throw new IllegalArgumentException("AuthorisationHandler answers purchases and balance inquiries, not " + kind);
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
            refusal = FinancialChecks.cardRequestRefusal(request, kind == TransactionKind.PURCHASE);
        }
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        long amount = kind == TransactionKind.PURCHASE ? Long.parseLong(request.getString(4)) : 0L;
        return capture.capture(kind, request, requester, CardNumber.of(request), amount);
    }
}
