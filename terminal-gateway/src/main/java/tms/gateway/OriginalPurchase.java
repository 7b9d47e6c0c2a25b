package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.MessageFormatException;
import tms.iso8583.OriginalData;
import tms.store.CapturedTransaction;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * What a void and a refund share: the checks before the purchase they name, the purchase itself (field 61 gives its
 * batch and trace, field 37 must be the RRN the host answered it with, and the card must be the same, compared by
 * keyed hash), and its capture. Any mismatch is "original not found" (25): a terminal must not be able to undo a
 * purchase by guessing a trace. What differs between them is an {@link Undo}.
 */
final class OriginalPurchase {

    private static final Logger LOG = LoggerFactory.getLogger(OriginalPurchase.class);

    /** What a void or a refund asks of the purchase it names, and what its approval does to it. */
    interface Undo {

        /** The response code that refuses the request's amount against this approved purchase, or null. */
        String amountRefusal(CapturedTransaction purchase, long amount);

        /** What an approval does to the purchase, in the same transaction as the decision. */
        Capture.Consequence onApproval(CapturedTransaction purchase, long amount);
    }

    private final Store store;
    private final SecurityModule hsm;
    private final Capture capture;

    OriginalPurchase(Store store, SecurityModule hsm, Capture capture) {
        this.store = store;
        this.hsm = hsm;
        this.capture = capture;
    }

    /**
     * In order: the terminal may transact, the request is well formed with an amount, the request was not answered
     * before (a retransmission gets that answer — asked before the original, whose state its first copy changed),
     * the original is the terminal's purchase, and {@code undo} does not refuse it; then the request is captured.
     */
    Reply undo(TransactionKind kind, ISOMsg request, Requester requester, Undo undo)
            throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        String refusal = FinancialChecks.terminalRefusal(kind.toString(), terminal, request);
        if (refusal == null) {
            refusal = FinancialChecks.cardRequestRefusal(request, true);
        }
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        String pan = CardNumber.of(request);
        String panHash = hsm.panHash(pan);
        Reply earlier = capture.earlierAnswer(kind, request, requester, panHash);
        if (earlier != null) {
            return earlier;
        }
        OriginalData named;
        try {
            named = OriginalData.parse(request.getString(61));
        } catch (MessageFormatException e) {
            LOG.warn("{} refused: terminal {}: {}", kind, terminal.tid(), e.getMessage());
            return Reply.macked(request, ResponseCodes.INVALID_TRANSACTION);
        }
        String rrn = request.getString(37);
        CapturedTransaction purchase = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(terminal.tid(), named.batch(), named.trace(), TransactionKind.PURCHASE));
        if (purchase == null || rrn == null || !rrn.equals(purchase.rrn()) || !panHash.equals(purchase.panHash())) {
            LOG.warn("{} refused: terminal {} names purchase batch {} trace {} rrn {}, which the host {}", kind,
                    terminal.tid(), named.batch(), named.trace(), LogText.printable(rrn),
                    purchase == null ? "never captured" : "captured with another RRN or card");
            return Reply.macked(request, ResponseCodes.ORIGINAL_NOT_FOUND);
        }
        long amount = Long.parseLong(request.getString(4));
        // voided already: 12; declined, reversed or never answered: there is nothing to undo, 25
        refusal = purchase.status() == TransactionStatus.VOIDED ? ResponseCodes.INVALID_TRANSACTION
                : purchase.status() != TransactionStatus.APPROVED ? ResponseCodes.ORIGINAL_NOT_FOUND
                : undo.amountRefusal(purchase, amount);
        if (refusal != null) {
            LOG.warn("{} refused ({}): terminal {} purchase trace {} is {} for {} fen, request asks {}", kind, refusal,
                    terminal.tid(), purchase.trace(), purchase.status(), purchase.amount(), amount);
            return Reply.macked(request, refusal);
        }
        return capture.capture(kind, request, requester, pan, panHash, amount, purchase,
                undo.onApproval(purchase, amount));
    }
}
