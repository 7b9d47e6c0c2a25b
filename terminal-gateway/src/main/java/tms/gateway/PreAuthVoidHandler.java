package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Void of a pre-authorisation (0100, 200000, 25 = 06, 60.1 = 11; 37, 38 and 61 naming the pre-auth): refuses an
 * unknown original (25), one already voided or completed (12) or a different amount (64); on approval the
 * pre-auth becomes VOIDED in the transaction that records the void, only if it is still APPROVED then.
 */
final class PreAuthVoidHandler implements RequestHandler, OriginalTransaction.Undo {

    private final OriginalTransaction originals;

    PreAuthVoidHandler(OriginalTransaction originals) {
        this.originals = originals;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        return originals.undo(TransactionKind.PRE_AUTH_VOID, request, requester, this);
    }

    @Override
    public TransactionKind originalKind() {
        return TransactionKind.PRE_AUTH;
    }

    /** The terminal printed both on the pre-auth's slip; both must be the host's. */
    @Override
    public boolean references(ISOMsg request, CapturedTransaction preAuth) {
        return OriginalTransaction.Undo.super.references(request, preAuth)
                && OriginalTransaction.Undo.sameAuthCode(request, preAuth);
    }

    /** A void releases the whole hold. */
    @Override
    public String amountRefusal(CapturedTransaction preAuth, long amount) {
        return amount == preAuth.amount() ? null : ResponseCodes.ORIGINAL_AMOUNT_MISMATCH;
    }

    @Override
    public Capture.Consequence onApproval(CapturedTransaction preAuth, long amount) {
        return s -> s.getMapper(TransactionMapper.class).changeStatus(preAuth.id(), TransactionStatus.APPROVED,
                TransactionStatus.VOIDED) == 1 ? null : ResponseCodes.INVALID_TRANSACTION;
    }
}
