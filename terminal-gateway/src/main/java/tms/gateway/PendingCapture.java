package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TerminalMapper;
import tms.store.TransactionMapper;

/**
 * The first of a financial request's two commits: a PENDING row that reserves its TID + batch + trace + kind
 * before the platform is asked, so a copy of the request on another connection or node finds the key taken and
 * the card is never authorised twice.
 */
final class PendingCapture {

    private final Store store;
    private final CaptureWriter writer;
    private final LastSeenThrottle lastSeen;

    PendingCapture(Store store, CaptureWriter writer, LastSeenThrottle lastSeen) {
        this.store = store;
        this.writer = writer;
        this.lastSeen = lastSeen;
    }

    /**
     * @param pending the row, status PENDING, with the request's fingerprint
     * @return null when the key is now reserved for this request; otherwise the answer for a key already taken
     *         (the stored answer for a retransmission, or 94)
     */
    Reply reserve(CapturedTransaction pending, ISOMsg request) throws ISOException {
        boolean touch = lastSeen.due(pending.tid(), pending.hostTime());
        try {
            writer.write(s -> {
                s.getMapper(TransactionMapper.class).insert(pending);
                if (touch) {
                    s.getMapper(TerminalMapper.class).touchLastSeen(pending.tid(), pending.hostTime());
                }
                return null;
            });
            return null;
        } catch (RuntimeException e) {
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
        }
        return Retransmissions.answerCaptured(store, request, pending.requestHash(), pending.tid(), pending.batch(),
                pending.trace(), pending.kind());
    }
}
