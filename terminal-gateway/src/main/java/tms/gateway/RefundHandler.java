package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.SignedInTerminal;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Refund (0220, 200000, 60.1 = 25, 37 and 61 naming the original purchase, of any batch): refuses an unknown or
 * undone original (25, 12 when voided) and an amount above the original's (64); the platform may refuse it by
 * its limit (61). On approval the refund is added to the purchase's refunded amount in the same transaction, in
 * one statement that also checks the sum of refunds stays within the purchase (64 otherwise).
 */
final class RefundHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RefundHandler.class);

    private final Capture capture;
    private final OriginalPurchase originals;

    RefundHandler(Capture capture, OriginalPurchase originals) {
        this.capture = capture;
        this.originals = originals;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        OriginalPurchase.Lookup lookup = originals.find(TransactionKind.REFUND, request, terminal);
        if (lookup.answer() != null) {
            return lookup.answer();
        }
        CapturedTransaction original = lookup.row();
        long amount = Long.parseLong(request.getString(4));
        String refusal = original.status() == TransactionStatus.VOIDED ? ResponseCodes.INVALID_TRANSACTION
                : original.status() != TransactionStatus.APPROVED ? ResponseCodes.ORIGINAL_NOT_FOUND
                : amount > original.amount() ? ResponseCodes.ORIGINAL_AMOUNT_MISMATCH : null;
        if (refusal != null) {
            LOG.warn("refund refused ({}): terminal {} purchase trace {} is {} for {} fen, refund asks {}", refusal,
                    terminal.tid(), original.trace(), original.status(), original.amount(), amount);
            return Reply.macked(request, refusal);
        }
        return capture.capture(TransactionKind.REFUND, request, terminal, CardNumber.of(request), amount, original,
                s -> s.getMapper(TransactionMapper.class).addRefund(original.id(), amount) == 1 ? null
                        : ResponseCodes.ORIGINAL_AMOUNT_MISMATCH);
    }
}
