package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;

/**
 * Answers a request whose TID + batch + trace + kind the store already holds. A terminal that did not hear its
 * answer sends the same bytes again and must get the same answer (the same RRN and auth code), or it would
 * reverse an approval the host keeps; anything else under a taken key — other bytes, or a first request still
 * being decided — is a duplicate (94), and nothing is asked or written again.
 */
final class Retransmissions {

    private static final Logger LOG = LoggerFactory.getLogger(Retransmissions.class);

    private Retransmissions() {
    }

    /** {@link #answer} for a request whose captured row (TID + batch + trace + kind) already exists. */
    static Reply answerCaptured(Store store, ISOMsg request, String requestHash, String tid, String batch, String trace,
                                TransactionKind kind) throws ISOException {
        CapturedTransaction first = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(tid, batch, trace, kind));
        return answer(request, requestHash, first == null ? null : first.requestHash(),
                first == null ? null : first.responseFields(),
                kind + " terminal " + tid + " batch " + batch + " trace " + trace);
    }

    /**
     * @param requestHash  this request's {@link RequestFingerprint}
     * @param storedHash   the fingerprint stored with the first request, or null
     * @param storedFields the first request's {@link StoredAnswer}, null while it is still being decided
     * @param what         kind, terminal, batch and trace, for the log
     */
    static Reply answer(ISOMsg request, String requestHash, String storedHash, String storedFields, String what)
            throws ISOException {
        if (storedFields != null && requestHash.equals(storedHash)) {
            LOG.info("{}: a retransmission; answered again as first answered", what);
            return Reply.macked(StoredAnswer.rebuild(request, storedFields));
        }
        LOG.warn("{} refused: already received {}", what,
                storedFields == null ? "and still being answered" : "with different content");
        return Reply.macked(request, ResponseCodes.DUPLICATE);
    }
}
