package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Void of a pre-auth completion (0200, 200000, 25 = 06, 60.1 = 21; 37 and 61 naming the completion): refuses an
 * unknown completion (25), one already voided (12) or a different amount (64). On approval the completion becomes
 * VOIDED and its pre-auth APPROVED again — the hold stands once more and may be completed anew — in the
 * transaction that records the void.
 */
final class CompletionVoidHandler implements RequestHandler, OriginalTransaction.Undo {

    private final OriginalTransaction originals;

    CompletionVoidHandler(OriginalTransaction originals) {
        this.originals = originals;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        return originals.undo(TransactionKind.PRE_AUTH_COMPLETION_VOID, request, requester, this);
    }

    @Override
    public TransactionKind originalKind() {
        return TransactionKind.PRE_AUTH_COMPLETION;
    }

    /** A void takes back the whole completion. */
    @Override
    public String amountRefusal(CapturedTransaction completion, long amount) {
        return amount == completion.amount() ? null : ResponseCodes.ORIGINAL_AMOUNT_MISMATCH;
    }

    @Override
    public Capture.Consequence onApproval(CapturedTransaction completion, long amount) {
        return s -> {
            TransactionMapper transactions = s.getMapper(TransactionMapper.class);
            if (transactions.changeStatus(completion.id(), TransactionStatus.APPROVED, TransactionStatus.VOIDED) != 1) {
                return ResponseCodes.INVALID_TRANSACTION;
            }
            transactions.changeStatus(completion.originalId(), TransactionStatus.COMPLETED, TransactionStatus.APPROVED);
            return null;
        };
    }
}
