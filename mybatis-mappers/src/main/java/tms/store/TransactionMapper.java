package tms.store;

import java.time.Instant;
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

    /** The row with this id, or null. */
    CapturedTransaction findById(@Param("id") long id);

    /** At most {@code limit} rows, newest host time first. */
    List<CapturedTransaction> listRecent(@Param("limit") int limit);

    long count();

    /** At most {@code limit} rows in {@code status}, oldest host time first. */
    List<CapturedTransaction> listByStatus(@Param("status") TransactionStatus status, @Param("limit") int limit);

    /** At most {@code limit} PENDING rows reserved before {@code reservedBefore}, oldest first: undecided ones. */
    List<CapturedTransaction> listPendingBefore(@Param("reservedBefore") Instant reservedBefore,
                                               @Param("limit") int limit);

    /**
     * Records the platform's decision on a PENDING row, with the fields that rebuild the answer for a
     * retransmission; returns 1, or 0 when there is no such pending row (a reversal got there first).
     */
    int recordDecision(@Param("tid") String tid, @Param("batch") String batch, @Param("trace") String trace,
                       @Param("kind") TransactionKind kind, @Param("authCode") String authCode,
                       @Param("responseCode") String responseCode, @Param("status") TransactionStatus status,
                       @Param("responseFields") String responseFields);

    /** Moves a row from one status to another; returns 0 when it is no longer in {@code from}. */
    int changeStatus(@Param("id") long id, @Param("from") TransactionStatus from, @Param("to") TransactionStatus to);

    /**
     * Marks a row REVERSED if it is APPROVED, still PENDING or flagged REVIEW (an original never answered); returns 0
     * when it is in any other state (declined, voided, already reversed).
     */
    int reverse(@Param("id") long id);

    /**
     * Adds a refund to an approved original if the refunds so far plus this one stay within its amount; returns 0
     * (and adds nothing) otherwise. Check and addition are one statement, so concurrent refunds cannot overshoot.
     */
    int addRefund(@Param("id") long id, @Param("amount") long amount);

    /** The host's debit and credit totals of one terminal batch (see {@link BatchTotals}). */
    BatchTotals batchTotals(@Param("tid") String tid, @Param("batch") String batch);

    /** The rows that count in a batch's totals, by trace: what a batch upload is reconciled against. */
    List<CapturedTransaction> listCounted(@Param("tid") String tid, @Param("batch") String batch);
}
