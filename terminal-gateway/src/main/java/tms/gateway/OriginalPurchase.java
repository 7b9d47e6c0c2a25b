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

/**
 * The checks a void and a refund share, ending in the purchase they name: field 61 gives its batch and trace,
 * field 37 must be the RRN the host answered it with, and the card must be the same (compared by keyed hash).
 * Any mismatch is "original not found" (25): a terminal must not be able to undo a purchase by guessing a trace.
 */
final class OriginalPurchase {

    private static final Logger LOG = LoggerFactory.getLogger(OriginalPurchase.class);

    /** The original row, or the answer that ends the request here (a refusal, or an earlier answer to it). */
    record Lookup(CapturedTransaction row, Reply answer) {
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
     * and the original is the terminal's purchase.
     */
    Lookup find(TransactionKind kind, ISOMsg request, SignedInTerminal terminal)
            throws ISOException, MessageFormatException {
        String refusal = FinancialChecks.terminalRefusal(kind.toString(), terminal, request);
        if (refusal == null) {
            refusal = FinancialChecks.cardRequestRefusal(request, true);
        }
        if (refusal != null) {
            return new Lookup(null, Reply.macked(request, refusal));
        }
        Reply earlier = capture.earlierAnswer(kind, request, terminal);
        if (earlier != null) {
            return new Lookup(null, earlier);
        }
        return purchase(kind.toString(), request, terminal.tid(), CardNumber.of(request));
    }

    private Lookup purchase(String what, ISOMsg request, String tid, String pan) throws ISOException {
        OriginalData original;
        try {
            original = OriginalData.parse(request.getString(61));
        } catch (MessageFormatException e) {
            LOG.warn("{} refused: terminal {}: {}", what, tid, e.getMessage());
            return new Lookup(null, Reply.macked(request, ResponseCodes.INVALID_TRANSACTION));
        }
        String rrn = request.getString(37);
        CapturedTransaction row = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(tid, original.batch(), original.trace(), TransactionKind.PURCHASE));
        if (row == null || rrn == null || !rrn.equals(row.rrn()) || !hsm.panHash(pan).equals(row.panHash())) {
            LOG.warn("{} refused: terminal {} names purchase batch {} trace {} rrn {}, which the host {}", what, tid,
                    original.batch(), original.trace(), LogText.printable(rrn),
                    row == null ? "never captured" : "captured with another RRN or card");
            return new Lookup(null, Reply.macked(request, ResponseCodes.ORIGINAL_NOT_FOUND));
        }
        return new Lookup(row, null);
    }
}
