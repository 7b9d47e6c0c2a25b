package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Completion of a pre-authorisation (0200, 000000, 25 = 06, 60.1 = 20; 38 the pre-auth's auth code, 61 its batch,
 * trace and date — of any batch, as a completion often comes days later): refuses an unknown pre-auth (25), one
 * voided or completed already (12) and an amount above the one held (61). The platform then authorises it as it
 * would a purchase; on approval the pre-auth becomes COMPLETED in the same transaction, only if still APPROVED
 * then, so a pre-auth is completed once however many completions race for it.
 */
final class CompletionHandler implements RequestHandler, OriginalTransaction.Undo {

    private final OriginalTransaction originals;

    CompletionHandler(OriginalTransaction originals) {
        this.originals = originals;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        return originals.undo(TransactionKind.PRE_AUTH_COMPLETION, request, requester, this);
    }

    @Override
    public TransactionKind originalKind() {
        return TransactionKind.PRE_AUTH;
    }

    /** A completion names its pre-auth by the auth code (38) the platform approved it with, not by an RRN. */
    @Override
    public boolean references(ISOMsg request, CapturedTransaction preAuth) {
        return OriginalTransaction.Undo.sameAuthCode(request, preAuth);
    }

    /**
     * A completion may take less than was held, never more. 61 ("exceeds amount limit") rather than 64: the CUP
     * code 64 says the amount is not the original's, for requests that must repeat it exactly (a void), while the
     * held amount is a ceiling — a limit the completion went over — and 61 is what CUP terminals show for that.
     */
    @Override
    public String amountRefusal(CapturedTransaction preAuth, long amount) {
        return amount > preAuth.amount() ? ResponseCodes.OVER_LIMIT : null;
    }

    @Override
    public Capture.Consequence onApproval(CapturedTransaction preAuth, long amount) {
        return s -> s.getMapper(TransactionMapper.class).changeStatus(preAuth.id(), TransactionStatus.APPROVED,
                TransactionStatus.COMPLETED) == 1 ? null : ResponseCodes.INVALID_TRANSACTION;
    }
}
