package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Void of a purchase (0200, 200000, 60.1 = 23, 37 and 61 naming the original): refuses an unknown original (25),
 * one already voided (12) or a different amount (64); on approval the purchase becomes VOIDED in the same
 * transaction that records the void, and only if it is still APPROVED then (a concurrent void or reversal wins
 * once).
 */
final class VoidHandler implements RequestHandler, OriginalTransaction.Undo {

    private final OriginalTransaction originals;

    VoidHandler(OriginalTransaction originals) {
        this.originals = originals;
    }

    @Override
    public TransactionKind originalKind() {
        return TransactionKind.PURCHASE;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        return originals.undo(TransactionKind.PURCHASE_VOID, request, requester, this);
    }

    /** A void takes back the whole purchase. */
    @Override
    public String amountRefusal(CapturedTransaction purchase, long amount) {
        return amount == purchase.amount() ? null : ResponseCodes.ORIGINAL_AMOUNT_MISMATCH;
    }

    @Override
    public Capture.Consequence onApproval(CapturedTransaction purchase, long amount) {
        return s -> s.getMapper(TransactionMapper.class).changeStatus(purchase.id(), TransactionStatus.APPROVED,
                TransactionStatus.VOIDED) == 1 ? null : ResponseCodes.INVALID_TRANSACTION;
    }
}
