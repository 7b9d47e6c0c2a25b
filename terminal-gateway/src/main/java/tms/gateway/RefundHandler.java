package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Refund (0220, 200000, 60.1 = 25, 37 and 61 naming the original purchase, of any batch): refuses an unknown or
 * undone original (25, 12 when voided) and an amount above the original's (64); the platform may refuse it by
 * its limit (61). On approval the refund is added to the purchase's refunded amount in the same transaction, in
 * one statement that also checks the sum of refunds stays within the purchase (64 otherwise).
 */
final class RefundHandler implements RequestHandler, OriginalTransaction.Undo {

    private final OriginalTransaction originals;

    RefundHandler(OriginalTransaction originals) {
        this.originals = originals;
    }

    @Override
    public TransactionKind originalKind() {
        return TransactionKind.PURCHASE;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        return originals.undo(TransactionKind.REFUND, request, requester, this);
    }

    /** One refund may not exceed the purchase; their sum is checked when it is added. */
    @Override
    public String amountRefusal(CapturedTransaction purchase, long amount) {
        return amount > purchase.amount() ? ResponseCodes.ORIGINAL_AMOUNT_MISMATCH : null;
    }

    @Override
    public Capture.Consequence onApproval(CapturedTransaction purchase, long amount) {
        return s -> s.getMapper(TransactionMapper.class).addRefund(purchase.id(), amount) == 1 ? null
                : ResponseCodes.ORIGINAL_AMOUNT_MISMATCH;
    }
}
