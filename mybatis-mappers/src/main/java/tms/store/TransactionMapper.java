package tms.store;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL for the {@code captured_transaction} table (statements in TransactionMapper.xml). */
public interface TransactionMapper {

    /** Stores a row; a second row with the same TID, batch, trace and kind is refused as a duplicate key. */
    void insert(CapturedTransaction t);

    /** The row with this TID, batch, trace and kind, or null. */
    CapturedTransaction findByKey(
            @Param("tid") String tid,
            @Param("batch") String batch,
            @Param("trace") String trace,
            @Param("kind") TransactionKind kind);

    /** At most {@code limit} rows, newest host time first. */
    List<CapturedTransaction> listRecent(@Param("limit") int limit);

    long count();

    /** Records the platform's decision on a PENDING row; returns 1, or 0 when there is no such pending row. */
    int recordDecision(@Param("tid") String tid, @Param("batch") String batch, @Param("trace") String trace,
                       @Param("kind") TransactionKind kind, @Param("authCode") String authCode,
                       @Param("responseCode") String responseCode, @Param("status") TransactionStatus status);
}
