package tms.store;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Param;

/** The upstream reversals still owed, and their retries. */
public interface UpstreamReversalMapper {

    /** Stores a reversal; a second one for the same TID + STAN + RRN is a duplicate key (it is owed once). */
    void insert(UpstreamReversal reversal);

    /** Unacknowledged reversals whose next attempt is due, oldest first. */
    List<UpstreamReversal> listDue(@Param("now") Instant now, @Param("limit") int limit);

    /**
     * Takes a due reversal for one attempt: counts it and moves its next attempt to {@code next}; 0 when another node
     * took it first (its attempts changed) or it was acknowledged meanwhile.
     */
    int claim(@Param("id") long id, @Param("attempts") int attempts, @Param("next") Instant next);

    /** Marks a reversal as acknowledged by the platform with its response code. */
    int acknowledge(@Param("id") long id, @Param("at") Instant at, @Param("responseCode") String responseCode);

    /** Records the platform's refusal of an attempt (the reversal stays owed). */
    int recordAttempt(@Param("id") long id, @Param("responseCode") String responseCode);

    /** How many reversals are still owed. */
    long countOutstanding();

    /** The reversal owed for TID + STAN + RRN, acknowledged or not; null if none. */
    UpstreamReversal find(@Param("tid") String tid, @Param("stan") String stan, @Param("rrn") String rrn);
}
