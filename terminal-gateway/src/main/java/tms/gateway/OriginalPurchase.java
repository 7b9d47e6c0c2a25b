package tms.gateway;

import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.MessageFormatException;
import tms.iso8583.OriginalData;
import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;

/**
 * Finds the purchase a void or refund names: field 61 gives its batch and trace, field 37 must be the RRN the
 * host answered it with, and the card must be the same (compared by keyed hash). Any mismatch is "original not
 * found" (25): a terminal must not be able to undo a purchase by guessing a trace.
 */
final class OriginalPurchase {

    private static final Logger LOG = LoggerFactory.getLogger(OriginalPurchase.class);

    /** The original row, or the response code that refuses the request. */
    record Lookup(CapturedTransaction row, String refusal) {
    }

    private final Store store;
    private final SecurityModule hsm;

    OriginalPurchase(Store store, SecurityModule hsm) {
        this.store = store;
        this.hsm = hsm;
    }

    Lookup find(String what, ISOMsg request, String tid, String pan) {
        OriginalData original;
        try {
            original = OriginalData.parse(request.getString(61));
        } catch (MessageFormatException e) {
            LOG.warn("{} refused: terminal {}: {}", what, tid, e.getMessage());
            return new Lookup(null, ResponseCodes.INVALID_TRANSACTION);
        }
        String rrn = request.getString(37);
        CapturedTransaction row = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(tid, original.batch(), original.trace(), TransactionKind.PURCHASE));
        if (row == null || rrn == null || !rrn.equals(row.rrn()) || !hsm.panHash(pan).equals(row.panHash())) {
            LOG.warn("{} refused: terminal {} names purchase batch {} trace {} rrn {}, which the host {}", what, tid,
                    original.batch(), original.trace(), LogText.printable(rrn),
                    row == null ? "never captured" : "captured with another RRN or card");
            return new Lookup(null, ResponseCodes.ORIGINAL_NOT_FOUND);
        }
        return new Lookup(row, null);
    }
}
