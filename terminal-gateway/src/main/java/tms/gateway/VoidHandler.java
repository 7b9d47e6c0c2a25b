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
 * Void of a purchase (0200, 200000, 60.1 = 23, 37 and 61 naming the original): refuses an unknown original (25),
 * one already voided (12) or a different amount (64); on approval the purchase becomes VOIDED in the same
 * transaction that records the void, and only if it is still APPROVED then (a concurrent void or reversal wins
 * once).
 */
final class VoidHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VoidHandler.class);

    private final Capture capture;
    private final OriginalPurchase originals;

    VoidHandler(Capture capture, OriginalPurchase originals) {
        this.capture = capture;
        this.originals = originals;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        OriginalPurchase.Lookup lookup = originals.find(TransactionKind.PURCHASE_VOID, request, terminal);
        if (lookup.answer() != null) {
            return lookup.answer();
        }
        CapturedTransaction original = lookup.row();
        long amount = Long.parseLong(request.getString(4));
        String refusal = refusal(original, amount);
        if (refusal != null) {
            LOG.warn("void refused ({}): terminal {} purchase trace {} is {} for {} fen, void asks {}", refusal,
                    terminal.tid(), original.trace(), original.status(), original.amount(), amount);
            return Reply.macked(request, refusal);
        }
        return capture.capture(TransactionKind.PURCHASE_VOID, request, terminal, CardNumber.of(request), amount, original,
                s -> s.getMapper(TransactionMapper.class).changeStatus(original.id(), TransactionStatus.APPROVED,
                        TransactionStatus.VOIDED) == 1 ? null : ResponseCodes.INVALID_TRANSACTION);
    }

    private static String refusal(CapturedTransaction original, long amount) {
        if (original.status() == TransactionStatus.VOIDED) {
            return ResponseCodes.INVALID_TRANSACTION;
        }
        if (original.status() != TransactionStatus.APPROVED) {
            // declined, reversed, or never answered: there is nothing to void
            return ResponseCodes.ORIGINAL_NOT_FOUND;
        }
        return amount == original.amount() ? null : ResponseCodes.ORIGINAL_AMOUNT_MISMATCH;
    }
}
