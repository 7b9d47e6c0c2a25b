package tms.gateway;

import java.util.function.Function;

import org.apache.ibatis.session.SqlSession;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.TerminalMapper;
import tms.store.TransactionMapper;

/**
 * Writes a financial request's captured row through the {@link CaptureWriter} unless its TID + batch + trace + kind
 * is taken, in which case the request gets the answer for a taken key (the stored answer for a retransmission, or
 * 94). The unique key decides, so a copy of the request on another connection or node never gets a second row.
 *
 * <p>The row is either a PENDING reservation, written before a platform across the network is asked so that the
 * card is never authorised twice, or the whole decided row, written once when the platform decides in process.
 */
final class CaptureInsert {

    private final Store store;
    private final CaptureWriter writer;
    private final LastSeenThrottle lastSeen;

    CaptureInsert(Store store, CaptureWriter writer, LastSeenThrottle lastSeen) {
        this.store = store;
        this.writer = writer;
        this.lastSeen = lastSeen;
    }

    /** What a unit inserts, and what its caller gets back once it is committed. */
    record Row<T>(CapturedTransaction row, T result) {
    }

    /** The unit's result once committed; or, when the key was taken, null and the answer for a taken key. */
    record Outcome<T>(T result, Reply taken) {
    }

    /**
     * @param pending the row, status PENDING, with the request's fingerprint
     * @return null when the key is now reserved for this request; otherwise the answer for a key already taken
     */
    Reply reserve(CapturedTransaction pending, ISOMsg request) throws ISOException {
        return insertOnce(pending, request, s -> new Row<>(pending, null)).taken();
    }

    /**
     * Runs {@code build} in the writer's transaction and inserts the row it returns there, behind the same savepoint:
     * when the key is taken everything {@code build} did is undone with the insert.
     *
     * @param key the row's key and fingerprint (what the inserted row must share), for the answer to a taken key
     */
    <T> Outcome<T> insertOnce(CapturedTransaction key, ISOMsg request, Function<SqlSession, Row<T>> build)
            throws ISOException {
        boolean touch = lastSeen.due(key.tid(), key.hostTime());
        try {
            T result = writer.write(s -> {
                Row<T> row = build.apply(s);
                s.getMapper(TransactionMapper.class).insert(row.row());
                if (touch) {
                    s.getMapper(TerminalMapper.class).touchLastSeen(key.tid(), key.hostTime());
                }
                return row.result();
            });
            return new Outcome<>(result, null);
        } catch (RuntimeException e) {
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
        }
        return new Outcome<>(null, Retransmissions.answerCaptured(store, request, key.requestHash(), key.tid(),
                key.batch(), key.trace(), key.kind()));
    }
}
